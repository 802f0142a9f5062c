// Groups the kept questions an editor reads in `npm run report:unanswered` and on the analytics
// page (src/admin/): questions that share most of their content words ("dental hygienist
// salary?", "a fair salary for a dental hygienist") are one gap in the knowledge base, so they
// count together, most frequent first.
// Not grouped by closest entry: a declined question's closest entry is close to noise.
import { normalize } from '../search/normalize';
import { contentWords, stem } from '../search/tokenize';
import type { QuestionRecord, Reason } from './records';

/** Share of content stems two questions must have in common (Jaccard) to count as one. */
export const SAME_QUESTION_OVERLAP = 0.5;

/** Questions shown per group. */
const EXAMPLES = 3;

export interface QuestionGroup {
  /** How many kept questions the group holds. */
  count: number;
  /** Its distinct wordings, most asked first (at most three). */
  examples: string[];
  /** The entry its questions came closest to most often, with the best score any of them gave it. */
  closest?: { id: string; score: number };
  reasons: Partial<Record<Reason, number>>;
  channels: string[];
  lastAt: string;
}

interface Building {
  words: Set<string>;
  wordings: Map<string, number>;
  closest: Map<string, { times: number; score: number }>;
  group: QuestionGroup;
}

/** The content stems of a question; its normalized text when it has none ("???", "hi there"). */
export function questionKey(query: string): Set<string> {
  const normalized = normalize(query);
  const words = contentWords(normalized).map(stem);
  return new Set(words.length ? words : [normalized]);
}

export function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const word of a) if (b.has(word)) shared++;
  const union = a.size + b.size - shared;
  return union ? shared / union : 0;
}

/** Similar questions grouped, the largest group first (the latest first among equals). */
export function groupQuestions(records: readonly QuestionRecord[]): QuestionGroup[] {
  const all: Building[] = [];
  // Each group under each of its words, so a question is compared only with groups it shares one with.
  const byWord = new Map<string, Building[]>();
  for (const record of records) {
    if (record.reason === 'helpful') continue; // answered well: nothing for an editor to do
    const words = questionKey(record.query);
    const candidates = new Set([...words].flatMap((word) => byWord.get(word) ?? []));
    let building = [...candidates].find((b) => overlap(b.words, words) >= SAME_QUESTION_OVERLAP);
    if (!building) {
      building = { words, wordings: new Map(), closest: new Map(), group: newGroup(record.at) };
      all.push(building);
      for (const word of words) {
        const list = byWord.get(word);
        if (list) list.push(building);
        else byWord.set(word, [building]);
      }
    }
    add(building, record);
  }
  return all.map(finish).sort((a, b) => b.count - a.count || b.lastAt.localeCompare(a.lastAt));
}

/** A group with the title of the entry it came closest to (unset when that entry is no longer in the knowledge base). */
export interface TitledGroup extends QuestionGroup {
  closestTitle?: string;
}

/** The groups of `records`, as groupQuestions makes them, with their closest entries' titles: the report's and the analytics page's list. */
export function titledGroups(records: readonly QuestionRecord[], titles: ReadonlyMap<string, string>): TitledGroup[] {
  return groupQuestions(records).map((group) => ({ ...group, closestTitle: group.closest && titles.get(group.closest.id) }));
}

function newGroup(at: string): QuestionGroup {
  return { count: 0, examples: [], reasons: {}, channels: [], lastAt: at };
}

function add(building: Building, record: QuestionRecord): void {
  const { group } = building;
  const wording = record.query.trim();
  building.wordings.set(wording, (building.wordings.get(wording) ?? 0) + 1);
  group.count++;
  group.reasons[record.reason] = (group.reasons[record.reason] ?? 0) + 1;
  if (!group.channels.includes(record.channel)) group.channels.push(record.channel);
  if (record.at > group.lastAt) group.lastAt = record.at;
  const best = record.top[0];
  if (!best) return;
  const seen = building.closest.get(best.id) ?? { times: 0, score: 0 };
  building.closest.set(best.id, { times: seen.times + 1, score: Math.max(seen.score, best.score) });
}

function finish({ wordings, closest, group }: Building): QuestionGroup {
  const examples = [...wordings].sort((a, b) => b[1] - a[1]).slice(0, EXAMPLES);
  const [top] = [...closest].sort((a, b) => b[1].times - a[1].times || b[1].score - a[1].score);
  return { ...group, examples: examples.map(([text]) => text), closest: top && { id: top[0], score: top[1].score } };
}
