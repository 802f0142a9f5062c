// Person nouns and places as people mistype them ("nutse", "machiist", "Australua"). A word that
// is no English word but one slip from a listed one names what that word names, so "what does a
// nutse earn" is about another job as much as "nurse" is. Candidates are generated and looked up,
// not indexed: the lists are binary-searched files, and only unknown words of short questions get
// here, so building a deletion index for them would cost start-up and memory for little.
import type { WordSet } from './lexicon';
import { isContentWord } from './tokenize';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** Shorter words are one slip from too many others to say which was meant. */
const MIN_LENGTH = 5;

/**
 * The listed words `word` is one slip from (a letter missing, extra, changed, or two swapped),
 * keeping the first letter, which people rarely mistype.
 */
export function slipsOf(word: string, list: WordSet): string[] {
  if (word.length < MIN_LENGTH || !/^[a-z]+$/.test(word)) return [];
  const found = new Set<string>();
  for (const candidate of oneSlipAway(word)) if (list.has(candidate)) found.add(candidate);
  return [...found];
}

/** English as a typo reader needs it: its words, and how common each is (1 = the commonest). */
export interface English extends WordSet {
  rank(word: string): number | undefined;
}

/**
 * The listed word a word that is no English word was meant to be ("nutse" -> "nurse"), unless a
 * commoner English word outside the list is as close: "bfore" is "before", not "bore".
 */
export function listedSlip(word: string, list: WordSet, english: English): string | undefined {
  if (english.has(word) || english.rank(word) !== undefined) return undefined;
  const [meant] = slipsOf(word, list);
  if (meant === undefined) return undefined;
  const meantRank = english.rank(meant) ?? Infinity;
  const likelier = slipsOf(word, english).some((w) => !list.has(w) && rankOf(w, english) < meantRank);
  return likelier ? undefined : meant;
}

/** Stop words are unranked (the frequency table leaves them out) but the commonest of all. */
function rankOf(word: string, english: English): number {
  return english.rank(word) ?? (isContentWord(word) ? Infinity : 0);
}

/** Every string one slip from `word` with the same first letter. */
function* oneSlipAway(word: string): Generator<string> {
  for (let i = 1; i < word.length; i++) yield word.slice(0, i) + word.slice(i + 1);
  for (let i = 1; i + 1 < word.length; i++) yield word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  for (let i = 1; i <= word.length; i++) {
    for (const letter of LETTERS) {
      if (i < word.length && letter !== word[i]) yield word.slice(0, i) + letter + word.slice(i + 1);
      yield word.slice(0, i) + letter + word.slice(i);
    }
  }
}
