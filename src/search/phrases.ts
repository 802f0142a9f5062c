// Fuzzy phrase evidence (fuse.js): when the question has words that neither the index nor typo
// repair could place, "projct managment" still reads as the keyword "project management", which
// the bag of terms alone cannot tell from "time management".
import Fuse from 'fuse.js';
import { editDistance } from './edit-distance';

export interface KeywordPhrase {
  /** The multi-word keyword, normalized. */
  text: string;
  words: string[];
}

const FUSE_OPTIONS = { ignoreLocation: true, threshold: 0.2, isCaseSensitive: true } as const;
/** The most slips a word of a phrase may take, under fuse.js's threshold, and still match. */
const MAX_SLIPS = 2;

/** An unknown word that may be `word` mistyped, or `word` run together with its neighbour. */
function mayBe(unknown: string, word: string): boolean {
  if (unknown.includes(word)) return true;
  return editDistance(unknown, word, MAX_SLIPS) <= MAX_SLIPS;
}

/**
 * How well the best of `phrases` matches the normalized question: 1 as written, less when fuzzy, 0 when none.
 * @param unknownWords the question's words the index could not place: only a phrase with a word
 *   missing from the question that one of them may stand for can match fuzzily ("top salary" is
 *   not "the salary", "new clients" not "current clients").
 */
export function bestPhraseMatch(phrases: readonly KeywordPhrase[], normalizedQuestion: string, unknownWords: readonly string[]): number {
  const queryWords = new Set(normalizedQuestion.split(' '));
  const padded = ` ${normalizedQuestion} `;
  // Entries share phrase words ("account", "manager"): judge each word once per question.
  const misread = new Map<string, boolean>();
  const mayStandFor = (word: string) => {
    let known = misread.get(word);
    if (known === undefined) misread.set(word, (known = unknownWords.some((u) => mayBe(u, word))));
    return known;
  };
  let best = 0;
  for (const phrase of phrases) {
    // A phrase that shares no word with the question cannot match it; one that appears as
    // written needs no fuzzy matching.
    if (!phrase.words.some((w) => queryWords.has(w))) continue;
    if (padded.includes(` ${phrase.text} `)) return 1;
    if (!phrase.words.some((w) => !queryWords.has(w) && mayStandFor(w))) continue;
    const match = Fuse.match(phrase.text, normalizedQuestion, FUSE_OPTIONS);
    if (match.isMatch) best = Math.max(best, 1 - match.score);
  }
  return best;
}
