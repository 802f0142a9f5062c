// Typo repair over the knowledge base's own vocabulary ("acount" -> "account", "frist" -> "first").
// Candidates come from a deletion index (the SymSpell idea), so a lookup costs the same with 100
// words or 100,000; a bounded restricted Damerau-Levenshtein distance (edit-distance.ts) verifies them.
// Long words the stemmer does not reduce to a known stem ("empathetic" vs "empathy") fall back to
// the vocabulary word sharing the longest beginning with them.
// A real English word (in the dictionary or ranked by frequency) is left alone, unless it is rare
// and one slip from a much commoner vocabulary word ("manger" for "manager"): then the slip is the
// likelier story.
import type { WordSet } from './lexicon';
import { editDistance } from './edit-distance';

export interface TypoRepairer {
  /** The vocabulary word meant by `word`, `word` itself when known, or undefined when nothing is close. */
  repair(word: string): string | undefined;
  has(word: string): boolean;
}

/** Short words have too many neighbours to repair safely; only long ones tolerate two slips. */
export function maxEdits(length: number): number {
  if (length < 4) return 0;
  return length < 9 ? 1 : 2;
}

const PREFIX = 6;
/** How many times commoner in English a vocabulary word must be for a real word one slip away to be taken for it. */
export const COMMONER_BY = 10;

/** A word with each one of its letters left out in turn, the keys of a deletion index. */
export function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** An English word in a dictionary, or an inflection of one ("grades", "routines", "graded"). */
export function isDictionaryWord(word: string, dictionary: WordSet): boolean {
  if (dictionary.has(word)) return true;
  if (/ies$/.test(word) && dictionary.has(word.replace(/ies$/, 'y'))) return true;
  const bases = [/s$/, /es$/, /ed$/, /d$/, /ing$/, /ly$/].map((suffix) => word.replace(suffix, ''));
  return bases.some((base) => base !== word && (dictionary.has(base) || dictionary.has(`${base}e`)));
}

/**
 * @param frequencies how often each vocabulary word occurs; ties between candidates go to the commoner word
 * @param dictionary real words, which are "corrected" into a vocabulary word only when `frequencyRank`
 *   says the vocabulary word is COMMONER_BY times commoner in English
 * @param frequencyRank a word's position in English by frequency (1 = the commonest); undefined: rare
 */
export function buildTypoRepairer(
  frequencies: ReadonlyMap<string, number>,
  dictionary: WordSet = new Set<string>(),
  frequencyRank: (word: string) => number | undefined = () => undefined,
): TypoRepairer {
  return new DeletionIndexRepairer(frequencies, dictionary, frequencyRank);
}

/** Questions repeat the same few words; a bounded memo keeps repeated lookups free. */
const MEMO_LIMIT = 10_000;

class DeletionIndexRepairer implements TypoRepairer {
  /** Vocabulary words by themselves and each of their one-letter deletions. */
  private readonly byDeletion = new Map<string, string[]>();
  /** Long vocabulary words by their first PREFIX letters. */
  private readonly byPrefix = new Map<string, string[]>();
  private readonly longest: number;
  private readonly memo = new Map<string, string | undefined>();

  constructor(
    private readonly frequencies: ReadonlyMap<string, number>,
    private readonly dictionary: WordSet,
    private readonly frequencyRank: (word: string) => number | undefined,
  ) {
    let longest = 0;
    for (const word of frequencies.keys()) {
      longest = Math.max(longest, word.length);
      if (word.length < 4 || /\d/.test(word)) continue;
      this.add(word, word);
      for (const d of deletions(word)) this.add(d, word);
      if (word.length >= PREFIX) {
        const key = word.slice(0, PREFIX);
        this.byPrefix.set(key, [...(this.byPrefix.get(key) ?? []), word]);
      }
    }
    this.longest = longest;
  }

  has(word: string): boolean {
    return this.frequencies.has(word);
  }

  repair(word: string): string | undefined {
    if (this.frequencies.has(word)) return word;
    if (this.memo.has(word)) return this.memo.get(word);
    const repaired = this.lookup(word);
    if (this.memo.size < MEMO_LIMIT) this.memo.set(word, repaired);
    return repaired;
  }

  private add(key: string, word: string): void {
    const list = this.byDeletion.get(key);
    if (!list) this.byDeletion.set(key, [word]);
    else if (!list.includes(word)) list.push(word);
  }

  private lookup(word: string): string | undefined {
    // Nothing in the vocabulary is within reach of a much longer word; candidate generation grows
    // with the cube of the length, so a pasted 2,000-letter "word" must stop here.
    if (word.length > this.longest + 2) return undefined;
    // A word English uses often enough to be ranked ("whose") is real even where the dictionary,
    // which lists lemmas only, lacks it.
    const real = isDictionaryWord(word, this.dictionary) || this.frequencyRank(word) !== undefined;
    if (word.length === 3 && !real) return this.missingOneLetter(word);
    const limit = real ? Math.min(1, maxEdits(word.length)) : maxEdits(word.length);
    const slipped = limit === 0 ? undefined : this.closestBySlips(word, limit, real);
    return slipped ?? (word.length > PREFIX ? this.sharedBeginning(word) : undefined);
  }

  /** The vocabulary word at most `limit` slips away, the closest and then the commonest. */
  private closestBySlips(word: string, limit: number, real: boolean): string | undefined {
    const rank = this.frequencyRank(word) ?? Infinity;
    // A real word is only taken for a vocabulary word known to be much commoner than itself.
    const likelier = (candidate: string) => {
      if (!real) return true;
      const candidateRank = this.frequencyRank(candidate);
      return candidateRank !== undefined && candidateRank * COMMONER_BY <= rank;
    };
    // word == vocabulary deletion (a letter missing), deletion == vocabulary word (an extra
    // letter), deletion == deletion (one letter changed or two swapped); two-deep deletions
    // cover two extra letters.
    const keys = new Set([word, ...deletions(word)]);
    if (limit > 1) for (const d of deletions(word)) for (const dd of deletions(d)) keys.add(dd);
    let best: string | undefined;
    let bestDistance = Infinity;
    let bestFrequency = 0;
    for (const key of keys) {
      for (const candidate of this.byDeletion.get(key) ?? []) {
        // People rarely mistype the first letter; allowing it turns "besides" into "sides".
        if (candidate[0] !== word[0] || !likelier(candidate)) continue;
        const distance = editDistance(word, candidate, limit);
        const frequency = this.frequencies.get(candidate) ?? 0;
        if (distance > limit) continue;
        if (distance < bestDistance || (distance === bestDistance && frequency > bestFrequency)) {
          best = candidate;
          bestDistance = distance;
          bestFrequency = frequency;
        }
      }
    }
    return best;
  }

  /**
   * A three-letter non-word read as a four-letter vocabulary word with one letter left out ("mke"
   * for "make", "ern" for "earn"): the only slip short words get, as any other would be a guess.
   */
  private missingOneLetter(word: string): string | undefined {
    let best: string | undefined;
    for (const candidate of this.byDeletion.get(word) ?? []) {
      if (candidate.length !== 4 || candidate[0] !== word[0]) continue;
      if (best === undefined || (this.frequencies.get(candidate) ?? 0) > (this.frequencies.get(best) ?? 0)) best = candidate;
    }
    return best;
  }

  /** The long vocabulary word sharing the longest beginning with `word` ("empathetic" -> "empathy"). */
  private sharedBeginning(word: string): string | undefined {
    let best: string | undefined;
    let bestShared = 0;
    for (const candidate of this.byPrefix.get(word.slice(0, PREFIX)) ?? []) {
      let shared = PREFIX;
      while (shared < word.length && word[shared] === candidate[shared]) shared++;
      if (shared > bestShared || (shared === bestShared && (this.frequencies.get(candidate) ?? 0) > (this.frequencies.get(best!) ?? 0))) {
        best = candidate;
        bestShared = shared;
      }
    }
    return best;
  }
}
