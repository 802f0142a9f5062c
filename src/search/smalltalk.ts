// Small talk ("hi", "thanks, that helped", "who are you") is recognised only when the whole
// message is small talk: some example of an intent appears in it in full, and nearly every other
// word of it belongs to that intent's vocabulary. "hi, what do AMs earn?" is a question, not a greeting.
import { normalize, type Abbreviations } from './normalize';
import { buildTypoRepairer, type TypoRepairer } from './typos';
import { ENGLISH } from './english';

export interface SmalltalkIntent {
  id: string;
  examples: readonly string[];
}

export interface SmalltalkMatch {
  id: string;
  /** In [0, 1]: how completely the message is explained by the intent. */
  score: number;
}

// Words that decorate small talk without changing it ("how are you today", "thanks so much").
const DECORATION = new Set(ENGLISH.smalltalkDecoration);
const MAX_WORDS = 8;
export const SMALLTALK_THRESHOLD = 0.75;

/** The words that carry the small talk; a message of decoration alone ("ok") keeps its words. */
function wordsOf(normalized: string): string[] {
  if (!normalized) return [];
  const all = normalized.split(' ');
  const meaningful = all.filter((w) => !DECORATION.has(w));
  return meaningful.length ? meaningful : all;
}

/** Whether every word of `part` is in `whole`. Loops, not spreads: this runs for every example on every message. */
function containsAll(whole: Set<string>, part: Set<string>): boolean {
  for (const w of part) if (!whole.has(w)) return false;
  return true;
}

interface PreparedIntent {
  id: string;
  examples: Set<string>[];
  vocabulary: Set<string>;
}

export class SmalltalkMatcher {
  private readonly intents: PreparedIntent[];
  private readonly typos: TypoRepairer;

  constructor(
    intents: readonly SmalltalkIntent[],
    private readonly abbreviations: Abbreviations,
  ) {
    const counts = new Map<string, number>();
    this.intents = intents.map((intent) => {
      const examples = intent.examples.map((e) => new Set(this.words(e)));
      const vocabulary = new Set(examples.flatMap((e) => [...e]));
      for (const w of vocabulary) counts.set(w, (counts.get(w) ?? 0) + 1);
      return { id: intent.id, examples, vocabulary };
    });
    this.typos = buildTypoRepairer(counts);
  }

  private words(text: string): string[] {
    return wordsOf(normalize(text, this.abbreviations));
  }

  match(text: string): SmalltalkMatch | undefined {
    return this.matchNormalized(normalize(text, this.abbreviations));
  }

  /** As `match`, for a text already passed through `normalize` with the same abbreviations. */
  matchNormalized(normalized: string): SmalltalkMatch | undefined {
    const written = wordsOf(normalized);
    if (written.length === 0 || written.length > MAX_WORDS) return undefined;
    const words = written.map((w) => this.typos.repair(w) ?? w);
    const unique = new Set(words);
    let best: SmalltalkMatch | undefined;
    let bestExample = 0;
    for (const intent of this.intents) {
      // The longest example found in full: "what can you do" beats "what" + "you".
      let example = 0;
      for (const e of intent.examples) if (e.size > example && containsAll(unique, e)) example = e.size;
      if (example === 0) continue;
      let known = 0;
      for (const w of unique) if (intent.vocabulary.has(w)) known++;
      const explained = known / unique.size;
      if (!best || explained > best.score || (explained === best.score && example > bestExample)) {
        best = { id: intent.id, score: explained };
        bestExample = example;
      }
    }
    return best && best.score >= SMALLTALK_THRESHOLD ? best : undefined;
  }
}
