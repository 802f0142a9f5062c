// Person nouns and places as people mistype them ("nutse", "machiist", "Australua"). A word that
// is no English word but one slip from a listed one names what that word names, so "what does a
// nutse earn" is about another job as much as "nurse" is.
import { editDistance } from './edit-distance';
import type { WordSet } from './lexicon';
import { isContentWord } from './tokenize';
import { deletions } from './typos';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** Shorter words are one slip from too many others to say which was meant. */
const MIN_LENGTH = 5;

/**
 * A word list's words by their one-letter deletions (the SymSpell idea), so the words one slip
 * from a question's word cost a few map lookups: person nouns are looked up for every unknown
 * word of a short question, which generating and binary-searching every one-slip string made the
 * slowest part of a match.
 */
export class SlipIndex {
  /** Built on the first lookup: 6,000 person nouns take about 50 ms, which start-up need not pay. */
  private index: Map<string, string | string[]> | undefined;

  /** @param minLength the shortest word listed or looked up: shorter ones are left alone */
  constructor(
    private readonly words: Iterable<string>,
    private readonly minLength = MIN_LENGTH,
  ) {}

  private get byDeletion(): Map<string, string | string[]> {
    if (this.index) return this.index;
    this.index = new Map();
    for (const word of this.words) {
      if (!this.isSlipCandidate(word)) continue;
      for (const key of [word, ...deletions(word)]) this.add(this.index, key, word);
    }
    return this.index;
  }

  private isSlipCandidate(word: string): boolean {
    return word.length >= this.minLength && /^[a-z]+$/.test(word);
  }

  private add(index: Map<string, string | string[]>, key: string, word: string): void {
    const found = index.get(key);
    if (found === undefined) index.set(key, word);
    else if (typeof found === 'string') index.set(key, found === word ? found : [found, word]);
    else if (!found.includes(word)) found.push(word);
  }

  /**
   * The listed words `word` is one slip from (a letter missing, extra, changed, or two swapped),
   * keeping the first letter, which people rarely mistype.
   */
  slipsOf(word: string): string[] {
    if (!this.isSlipCandidate(word)) return [];
    const found = new Set<string>();
    const index = this.byDeletion;
    for (const key of [word, ...deletions(word)]) {
      const listed = index.get(key);
      for (const candidate of typeof listed === 'string' ? [listed] : (listed ?? [])) {
        if (candidate !== word && candidate[0] === word[0] && editDistance(word, candidate, 1) === 1) found.add(candidate);
      }
    }
    return [...found];
  }
}

/** English as a typo reader needs it: its words, and how common each is (1 = the commonest). */
export interface English extends WordSet {
  rank(word: string): number | undefined;
}

/**
 * The listed word a word that is no English word was meant to be ("nutse" -> "nurse"), among
 * those `wanted` accepts, unless a commoner English word outside the list is as close: "bfore" is
 * "before", not "bore". The filter comes first because the English check is the costly part.
 */
export function listedSlip(
  word: string,
  list: SlipIndex,
  english: English,
  wanted: (listed: string) => boolean = () => true,
): string | undefined {
  const meant = list.slipsOf(word).find(wanted);
  if (meant === undefined || english.has(word) || english.rank(word) !== undefined) return undefined;
  const meantRank = english.rank(meant) ?? Infinity;
  const likelier = englishSlipsOf(word, english).some((w) => w !== meant && rankOf(w, english) < meantRank);
  return likelier ? undefined : meant;
}

/** Stop words are unranked (the frequency table leaves them out) but the commonest of all. */
function rankOf(word: string, english: English): number {
  return english.rank(word) ?? (isContentWord(word) ? Infinity : 0);
}

/** English words one slip from `word`, by generating each one-slip string: only asked once a listed word was found. */
function englishSlipsOf(word: string, english: English): string[] {
  const found = new Set<string>();
  const consider = (candidate: string) => english.has(candidate) && found.add(candidate);
  for (let i = 1; i < word.length; i++) consider(word.slice(0, i) + word.slice(i + 1));
  for (let i = 1; i + 1 < word.length; i++) consider(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  for (let i = 1; i <= word.length; i++) {
    for (const letter of LETTERS) {
      if (i < word.length && letter !== word[i]) consider(word.slice(0, i) + letter + word.slice(i + 1));
      consider(word.slice(0, i) + letter + word.slice(i));
    }
  }
  return [...found];
}
