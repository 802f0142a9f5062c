// The analytics page's figures over a period, from what the question log keeps: the day counts
// of every decision and every "Was this helpful?" reply, and the questions worth an editor's look.
// Pure, so the page and its tests read the same numbers.
import { titledGroups, type TitledGroup } from '../learning/group';
import { dayOf, type QuestionRecord, type Tally } from '../learning/records';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Most-answered entries shown. */
const TOP_TOPICS = 10;
/** Groups of questions worth a look shown. */
const UNANSWERED_GROUPS = 20;
/** Entries with the most feedback shown. */
const FEEDBACK_ENTRIES = 10;

/** What became of the questions: answered, asked back ("Did you mean …?"), declined. */
export interface Outcomes {
  answered: number;
  clarified: number;
  declined: number;
}

export interface DayFigures extends Outcomes {
  /** UTC day, YYYY-MM-DD. */
  day: string;
}

export interface TopicFigures {
  id: string;
  /** The entry's title; unset when it is no longer in the knowledge base. */
  title?: string;
  answers: number;
}

export interface FeedbackFigures {
  id: string;
  title?: string;
  helpful: number;
  unhelpful: number;
}

export interface AdminReport {
  days: number;
  /** First and last day of the period (UTC, YYYY-MM-DD). */
  from: string;
  to: string;
  /** Every day of the period, oldest first, days without questions included. */
  perDay: DayFigures[];
  totals: Outcomes & { questions: number; smalltalk: number; flowSteps: number };
  /** Each outcome's share of the questions, 0 to 1 (all 0 without questions). */
  shares: Outcomes;
  topTopics: TopicFigures[];
  /** Similar kept questions grouped, the largest first, and how many questions were kept in all. */
  unanswered: TitledGroup[];
  keptQuestions: number;
  /** The entries people rated most, and the period's totals. */
  feedback: FeedbackFigures[];
  feedbackTotals: { helpful: number; unhelpful: number };
}

export interface ReportInput {
  tallies: readonly Tally[];
  records: readonly QuestionRecord[];
  /** Entry titles by id (the knowledge base's). */
  titles: ReadonlyMap<string, string>;
  days: number;
  now: Date;
}

/** The start of the period of `days` days ending today (UTC): what to ask the question log for. */
export function periodStart(days: number, now: Date): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (days - 1) * DAY_MS);
}

const OUTCOME_OF: Partial<Record<Tally['kind'], keyof Outcomes>> = { answer: 'answered', clarify: 'clarified', fallback: 'declined' };

export function buildReport({ tallies, records, titles, days, now }: ReportInput): AdminReport {
  const start = periodStart(days, now);
  const perDay = new Map<string, DayFigures>();
  for (let t = start.getTime(); t <= now.getTime(); t += DAY_MS) {
    const day = dayOf(new Date(t));
    perDay.set(day, { day, answered: 0, clarified: 0, declined: 0 });
  }
  const inPeriod = tallies.filter((t) => perDay.has(t.day));
  const totals = { questions: 0, answered: 0, clarified: 0, declined: 0, smalltalk: 0, flowSteps: 0 };
  for (const tally of inPeriod) {
    const outcome = OUTCOME_OF[tally.kind];
    if (outcome) {
      perDay.get(tally.day)![outcome] += tally.count;
      totals[outcome] += tally.count;
      totals.questions += tally.count;
    } else if (tally.kind === 'smalltalk') totals.smalltalk += tally.count;
    else if (tally.kind === 'dialog') totals.flowSteps += tally.count;
  }
  // Questions answered helpfully are kept too, but are nothing for an editor to look at.
  const kept = records.filter((r) => r.at >= start.toISOString() && r.reason !== 'helpful');
  return {
    days,
    from: dayOf(start),
    to: dayOf(now),
    perDay: [...perDay.values()],
    totals,
    shares: shares(totals),
    topTopics: topTopics(inPeriod, titles),
    unanswered: titledGroups(kept, titles).slice(0, UNANSWERED_GROUPS),
    keptQuestions: kept.length,
    ...feedback(inPeriod, titles),
  };
}

function shares(totals: Outcomes & { questions: number }): Outcomes {
  const share = (n: number) => (totals.questions ? n / totals.questions : 0);
  return { answered: share(totals.answered), clarified: share(totals.clarified), declined: share(totals.declined) };
}

/** Counts of `kind` per entry, the largest first (ties by id, so the order is stable). */
function countByEntry(tallies: readonly Tally[], kind: Tally['kind']): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of tallies) if (t.kind === kind && t.entryId) counts.set(t.entryId, (counts.get(t.entryId) ?? 0) + t.count);
  return counts;
}

function topTopics(tallies: readonly Tally[], titles: ReadonlyMap<string, string>): TopicFigures[] {
  return [...countByEntry(tallies, 'answer')]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TOP_TOPICS)
    .map(([id, answers]) => ({ id, title: titles.get(id), answers }));
}

function feedback(tallies: readonly Tally[], titles: ReadonlyMap<string, string>): Pick<AdminReport, 'feedback' | 'feedbackTotals'> {
  const helpful = countByEntry(tallies, 'helpful');
  const unhelpful = countByEntry(tallies, 'unhelpful');
  const ids = new Set([...helpful.keys(), ...unhelpful.keys()]);
  const entries = [...ids].map((id) => ({ id, title: titles.get(id), helpful: helpful.get(id) ?? 0, unhelpful: unhelpful.get(id) ?? 0 }));
  const sum = (counts: Map<string, number>) => [...counts.values()].reduce((a, b) => a + b, 0);
  return {
    feedback: entries
      .sort((a, b) => b.helpful + b.unhelpful - (a.helpful + a.unhelpful) || b.unhelpful - a.unhelpful || a.id.localeCompare(b.id))
      .slice(0, FEEDBACK_ENTRIES),
    feedbackTotals: { helpful: sum(helpful), unhelpful: sum(unhelpful) },
  };
}
