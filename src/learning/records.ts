// What the bot keeps of the questions it could not answer well, so an editor can add an
// alternate or an entry (npm run report:unanswered): declined questions, "Did you mean ...?"
// questions, answers whose runner-up came close and answers marked unhelpful. No personal data
// beyond a salted hash of the person's id, which "forget me" uses to delete their records. Beside
// them, counts per day of every decision and every piece of feedback (the analytics page).
import { createHash } from 'node:crypto';
import type { Decision, DecisionEvent, DecisionKind } from '../faq/decision';

/**
 * Why a question was kept. All but 'helpful' are worth an editor's look; a question someone said
 * was answered well is kept too, as every piece of feedback is, and shows which wordings work.
 */
export type Reason = 'fallback' | 'clarify' | 'close-call' | 'unhelpful' | 'helpful';

/** What a day's counts count: the decisions, and the answers people said helped or did not. */
export type TallyKind = DecisionKind | 'helpful' | 'unhelpful';

export interface Tally {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  kind: TallyKind;
  /** The entry answered (answers and feedback); '' otherwise. */
  entryId: string;
  count: number;
}

export interface Candidate {
  id: string;
  score: number;
}

export interface QuestionRecord {
  /** ISO 8601 time. */
  at: string;
  channel: string;
  query: string;
  reason: Reason;
  /** The best candidates the matcher had, best first. */
  top: Candidate[];
  /** Salted SHA-256 of the person's id; absent for /api/ask. */
  userHash?: string;
}

/** The store of kept questions: an SQLite file (sqlite-log.ts) or Redis (redis-log.ts). */
export interface QuestionLog {
  /** Keeps the records (a batch, written together). */
  add(records: readonly QuestionRecord[]): Promise<void>;
  /** Deletes one person's records; resolves to how many. */
  forget(userHash: string): Promise<number>;
  /** Deletes records (and days of counts) older than `before`; resolves to how many records. */
  prune(before: Date): Promise<number>;
  /** Records since `since` (all when unset), oldest first. */
  since(since?: Date): Promise<QuestionRecord[]>;
  /** Adds the counts (decisions and feedback, by day, kind and entry) to what is kept. */
  tally(counts: readonly Tally[]): Promise<void>;
  /** The counts of the days since `since` (all kept days when unset), by day, kind and entry. */
  tallies(since?: Date): Promise<Tally[]>;
  /** The salt of user hashes, the same across restarts and instances. */
  salt(): Promise<string>;
  close(): Promise<void>;
}

/** An answer this close to its runner-up may well be the wrong entry. */
export const CLOSE_CALL_MARGIN = 0.1;

/** Candidates kept per question: enough to see which entries the question hovered between. */
const KEPT_CANDIDATES = 3;

/** Why a decision is worth an editor's look, or undefined when it is not. */
export function reasonToKeep(decision: Decision): Reason | undefined {
  if (decision.kind === 'fallback') return 'fallback';
  if (decision.kind === 'clarify') return 'clarify';
  const [best, next] = decision.top;
  if (decision.kind === 'answer' && best && next && best.score - next.score < CLOSE_CALL_MARGIN) return 'close-call';
  return undefined;
}

/** The UTC day of a time, as tallies are kept. */
export function dayOf(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function hashUser(salt: string, userId: string): string {
  return createHash('sha256').update(salt).update('\0').update(userId).digest('hex');
}

/** The record of one decision, when it should be kept. */
export function recordOf(event: DecisionEvent, salt: string, now = new Date()): QuestionRecord | undefined {
  const { decision } = event;
  const reason = reasonToKeep(decision);
  if (!reason || !event.fromQuestion || !decision.query.trim()) return undefined;
  return {
    at: now.toISOString(),
    channel: event.channel,
    query: decision.query,
    reason,
    top: decision.top.slice(0, KEPT_CANDIDATES).map(({ id, score }) => ({ id, score })),
    userHash: event.userId ? hashUser(salt, event.userId) : undefined,
  };
}
