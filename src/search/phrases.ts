// Fuzzy phrase evidence (fuse.js): when the question has words that neither the index nor typo
// repair could place, "projct managment" still reads as the keyword "project management", which
// the bag of terms alone cannot tell from "time management".
import Fuse from 'fuse.js';

export interface KeywordPhrase {
  /** The multi-word keyword, normalized. */
  text: string;
  words: string[];
}

const FUSE_OPTIONS = { ignoreLocation: true, threshold: 0.2, isCaseSensitive: true } as const;

/** How well the best of `phrases` matches the normalized question: 1 as written, less when fuzzy, 0 when none. */
export function bestPhraseMatch(phrases: readonly KeywordPhrase[], normalizedQuestion: string): number {
  const queryWords = new Set(normalizedQuestion.split(' '));
  const padded = ` ${normalizedQuestion} `;
  let best = 0;
  for (const phrase of phrases) {
    // A phrase that shares no word with the question cannot match it; one that appears as
    // written needs no fuzzy matching.
    if (!phrase.words.some((w) => queryWords.has(w))) continue;
    if (padded.includes(` ${phrase.text} `)) return 1;
    const match = Fuse.match(phrase.text, normalizedQuestion, FUSE_OPTIONS);
    if (match.isMatch) best = Math.max(best, 1 - match.score);
  }
  return best;
}
