// A large, deterministic knowledge base for scaling benchmarks: the real entries plus generated
// ones up to the requested size, with the real structured data, synonyms, small talk and messages.
// Generated text mixes words taken from the real knowledge base (so the article's vocabulary
// appears with realistic, Zipf-like frequencies) with made-up words (so the vocabulary grows with
// the number of entries, as it would with real content).
import type { Entry } from '../knowledge/schema';
import { buildKnowledgeBase, type KnowledgeBase } from '../knowledge/load';
import { intBetween, mulberry32, pick, zipfSampler, type Rng } from '../lib/prng';

export interface SyntheticOptions {
  /** Total entries, real ones included. */
  entries: number;
  seed?: number;
  /** Alternate questions per generated entry. */
  alternates?: number;
  /** Share of words in generated text that are made up rather than taken from the real KB (0..1). */
  randomWordShare?: number;
}

const STOP = new Set(
  'a an the and or but of to in on for with at by from as is are was were be been being it its this that these those what which who whom how why when where do does did can could should would will shall may might must i you he she we they me my your our their his her them us not no yes if so than then there here about into over under up down out off just also very more most some any each every all such only own same too s t'.split(
    ' ',
  ),
);

const QUESTION_STARTS = [
  'what is',
  'what are',
  'how do i',
  'how does',
  'how can i',
  'can you explain',
  'where can i find',
  'who handles',
  'why does',
  'when should i',
  'is there',
  'do i need',
  'tell me about',
  'what does',
  'how much',
];

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ter',
  'van',
  'so',
  'rin',
  'ta',
  'pel',
  'dor',
  'qui',
  'nax',
  'bel',
  'zo',
  'ra',
  'men',
  'tis',
  'gal',
  'ur',
  'fen',
];

/** Content words of the real knowledge base, most frequent first. */
export function articleVocabulary(kb: KnowledgeBase): string[] {
  const counts = new Map<string, number>();
  for (const e of kb.entries) {
    for (const text of [e.title, e.question, ...e.alternates, ...e.keywords, e.answer]) {
      for (const w of text.toLowerCase().match(/[a-z][a-z'-]*[a-z]/g) ?? []) {
        if (w.length < 3 || STOP.has(w)) continue;
        counts.set(w, (counts.get(w) ?? 0) + 1);
      }
    }
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([w]) => w);
}

/** `n` distinct made-up words of two to four syllables. */
export function madeUpWords(rng: Rng, n: number): string[] {
  const out = new Set<string>();
  while (out.size < n) {
    let w = '';
    const syllables = intBetween(rng, 2, 4);
    for (let i = 0; i < syllables; i++) w += pick(rng, SYLLABLES);
    out.add(w);
  }
  return [...out];
}

/** Builds a KnowledgeBase of `options.entries` entries the same way loadKnowledge does. */
export function syntheticKnowledgeBase(real: KnowledgeBase, options: SyntheticOptions): KnowledgeBase {
  const rng = mulberry32(options.seed ?? 20240611);
  const altCount = options.alternates ?? 5;
  const randomShare = options.randomWordShare ?? 0.35;
  const generated = Math.max(0, options.entries - real.entries.length);

  const article = articleVocabulary(real);
  const invented = madeUpWords(rng, Math.max(2000, Math.round(generated * 1.5)));
  const articleWord = zipfSampler(rng, article, 1);
  const inventedWord = zipfSampler(rng, invented, 0.8);
  const word = () => (rng() < randomShare ? inventedWord() : articleWord());
  const words = (n: number) => Array.from({ length: n }, word);
  const sentence = (n: number) => {
    const ws = words(n);
    ws[0] = ws[0][0].toUpperCase() + ws[0].slice(1);
    return `${ws.join(' ')}.`;
  };

  const ids = Array.from({ length: generated }, (_, i) => `synthetic-${String(i + 1).padStart(5, '0')}`);
  const entries: Entry[] = [...real.entries];
  for (let i = 0; i < generated; i++) {
    // Each entry has a few topic words that its question, alternates, title and keywords share.
    const topic = words(intBetween(rng, 3, 4));
    const ask = (length: number) => {
      const start = pick(rng, QUESTION_STARTS).split(' ');
      const rest = Math.max(2, length - start.length);
      const body = [...topic.slice(0, Math.min(topic.length, rest - 1)), ...words(Math.max(1, rest - topic.length))];
      shuffle(rng, body);
      return `${[...start, ...body].join(' ')}?`;
    };
    const title =
      topic
        .slice(0, 3)
        .map((w) => w[0].toUpperCase() + w.slice(1))
        .join(' ') + ` ${i + 1}`;
    const answerWords = intBetween(rng, 35, 45);
    const answer: string[] = [];
    for (let n = 0; n < answerWords;) {
      const len = Math.min(answerWords - n, intBetween(rng, 8, 14));
      answer.push(sentence(len));
      n += len;
    }
    entries.push({
      id: ids[i],
      title,
      question: ask(intBetween(rng, 8, 12)),
      alternates: Array.from({ length: altCount }, () => ask(intBetween(rng, 8, 12))),
      keywords: topic.slice(0, 3),
      answer: answer.join(' '),
      followUps: generated > 2 ? [pick(rng, ids), pick(rng, ids)].filter((id, k, a) => id !== ids[i] && a.indexOf(id) === k) : [],
      counterexamples: [],
    });
  }
  return buildKnowledgeBase({ ...real, entries });
}

function shuffle<T>(rng: Rng, a: T[]): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
}
