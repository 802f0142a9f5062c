// Words -> stems. Stop words and chat filler carry no meaning for matching; numbers are left to
// the slot extractor (years, salary figures), because "2" in an answer says nothing about "2" in a question.
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { ENGLISH } from './english';

// English function words plus the filler people type in chat (resources/language/english.yaml):
// a property of the language, not of this knowledge base.
const STOP_WORDS = new Set(ENGLISH.stopWords);

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

// Porter gives these the stem of "responsibilities"; being responsive is about availability.
const STEM_EXCEPTIONS: Record<string, string> = { responsive: 'responsiv', responsiveness: 'responsiv', responsively: 'responsiv' };

const stemCache = new Map<string, string>();

export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = STEM_EXCEPTIONS[word] ?? PorterStemmer.stem(word);
    // Bounded: a flood of random words must not grow memory without limit.
    if (stemCache.size < 50_000) stemCache.set(word, stemmed);
  }
  return stemmed;
}

/** Whether a word can carry meaning for matching: not a stop word, a number or a single letter. */
export function isContentWord(word: string): boolean {
  return word.length > 1 && !STOP_WORDS.has(word) && !/^\d/.test(word);
}

/** Content words of a normalized text, in order, unstemmed. */
export function contentWords(normalized: string): string[] {
  return normalized ? normalized.split(' ').filter(isContentWord) : [];
}
