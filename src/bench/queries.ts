// The query mix for match-latency benchmarks, generated from a knowledge base so it works the same
// on the real one and on a synthetic one: editor-written phrasings with typos and dropped words,
// bare keywords, small talk, off-topic questions (including near misses that share the domain's
// words) and gibberish. The development eval questions are deliberately not used here.
import type { KnowledgeBase } from '../knowledge/load';
import { injectTypo, intBetween, mulberry32, pick, type Rng } from '../lib/prng';

export interface QueryMix {
  queries: string[];
  /** How many queries of each kind, for the report. */
  counts: Record<QueryKind, number>;
}

export type QueryKind = 'phrasing' | 'keywords' | 'smalltalk' | 'offtopic' | 'gibberish' | 'long';

const OFF_TOPIC = [
  "what's the weather like in {city} this weekend",
  'how do i reset my {thing} password',
  'best {food} recipe for a crowd',
  'how much do {job}s earn in {city}',
  'what is the salary of a {job}',
  'how do i become a {job}',
  'is {thing} better than {thing2}',
  'who won the game last night',
  'can you book me a flight to {city}',
  'translate good morning into {language}',
  'how do i fix a flat tire',
  'what time does the {thing} store close',
];
const FILL: Record<string, string[]> = {
  city: ['chicago', 'paris', 'tokyo', 'denver', 'austin', 'london'],
  thing: ['router', 'excel', 'iphone', 'netflix', 'linux', 'photoshop'],
  thing2: ['windows', 'android', 'spotify', 'mac', 'notion'],
  food: ['lasagna', 'pancake', 'curry', 'chili', 'sourdough'],
  job: ['nurse', 'plumber', 'pilot', 'software engineer', 'dentist', 'ceo'],
  language: ['french', 'japanese', 'german', 'spanish'],
};

const FILLER_OPENERS = [
  'hey so i was wondering',
  'quick question,',
  'sorry if this is dumb but',
  'my friend told me something and i want to check:',
  'im thinking about switching careers and',
];

/**
 * `size` queries in a fixed proportion: 50% editor phrasings (alternates or the main question) with
 * zero to two typos and sometimes a dropped word, 10% a long chatty message around a phrasing,
 * 10% two or three keywords, 10% small talk, 15% off-topic, 5% gibberish.
 */
export function queryMix(kb: KnowledgeBase, size = 2000, seed = 7): QueryMix {
  const rng = mulberry32(seed);
  const counts: Record<QueryKind, number> = { phrasing: 0, keywords: 0, smalltalk: 0, offtopic: 0, gibberish: 0, long: 0 };
  const smalltalk = kb.smalltalk.intents.flatMap((i) => i.examples);
  const queries: string[] = [];
  for (let n = 0; n < size; n++) {
    const x = rng();
    let kind: QueryKind;
    let q: string;
    if (x < 0.5) {
      kind = 'phrasing';
      q = phrasing(rng, kb);
    } else if (x < 0.6) {
      kind = 'long';
      q = `${pick(rng, FILLER_OPENERS)} ${phrasing(rng, kb).replace(/\?$/, '')}? thanks in advance, really appreciate any help with this`;
    } else if (x < 0.7) {
      kind = 'keywords';
      const e = pick(rng, kb.entries);
      const words = [...e.keywords, ...e.title.split(/\s+/)].filter((w) => !/^\d+$/.test(w));
      q = Array.from({ length: intBetween(rng, 2, 3) }, () => pick(rng, words))
        .join(' ')
        .toLowerCase();
    } else if (x < 0.8) {
      kind = 'smalltalk';
      q = pick(rng, smalltalk);
    } else if (x < 0.95) {
      kind = 'offtopic';
      q = pick(rng, OFF_TOPIC).replace(/\{(\w+)\}/g, (_, k: string) => pick(rng, FILL[k]));
    } else {
      kind = 'gibberish';
      q = Array.from({ length: intBetween(rng, 1, 4) }, () =>
        Array.from({ length: intBetween(rng, 3, 9) }, () => String.fromCharCode(97 + Math.floor(rng() * 26))).join(''),
      ).join(' ');
    }
    counts[kind]++;
    queries.push(q);
  }
  return { queries, counts };
}

function phrasing(rng: Rng, kb: KnowledgeBase): string {
  const e = pick(rng, kb.entries);
  const base = rng() < 0.8 ? pick(rng, e.alternates) : e.question;
  let words = base.split(/\s+/);
  const typos = rng() < 0.5 ? 0 : rng() < 0.6 ? 1 : 2;
  for (let t = 0; t < typos; t++) {
    const i = Math.floor(rng() * words.length);
    words[i] = injectTypo(rng, words[i]);
  }
  if (words.length > 4 && rng() < 0.25) {
    const drop = Math.floor(rng() * words.length);
    words = words.filter((_, i) => i !== drop);
  }
  let q = words.join(' ');
  if (rng() < 0.3) q = q.toLowerCase().replace(/[?.!,]/g, '');
  return q;
}
