// What the bot keeps of the questions it could not answer well, so an editor can add an
// alternate or an entry (npm run report:unanswered): declined questions, "Did you mean ...?"
// questions and answers whose runner-up came close. No personal data beyond a salted hash of the
// person's id, which "forget me" uses to delete their records.
import { createHash } from 'node:crypto';
import type { Decision, DecisionEvent } from '../faq/decision';

/** Why a question was kept. */
export type Reason = 'fallback' | 'clarify' | 'close-call';

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
  add(record: QuestionRecord): Promise<void>;
  /** Deletes one person's records; resolves to how many. */
  forget(userHash: string): Promise<number>;
  /** Deletes records older than `before`; resolves to how many. */
  prune(before: Date): Promise<number>;
  /** Records since `since` (all when unset), oldest first. */
  since(since?: Date): Promise<QuestionRecord[]>;
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
