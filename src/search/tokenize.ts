// Words -> stems. Stop words and chat filler carry no meaning for matching; numbers are left to
// the slot extractor (years, salary figures), because "2" in an answer says nothing about "2" in a question.
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';

// English function words plus the filler people type in chat. Kept here, not in knowledge/,
// because it is a property of the language, not of this knowledge base.
const STOP_WORDS = new Set(
  `a about above after again all also am an and any are as at be because been before being below between
  both but by can could did do does doing during each for from further get gets got had has have having he her
  here him his how i if in into is it its itself just me more most my myself no nor not now of off on once only
  or other our ours out over own same she should so some such than that the their theirs them then there these
  they this those through to too under until up very was we were what when which while whom why will
  with would you your yours yourself yourselves
  actually anyway basically btw even ever etc guess hey hi hmm kind kinds kinda lol maybe mean much ok okay oh please
  pretty probably quite really right sort sorta stuff sure thing things thanks think um uh want wanna well yeah yes
  yo like let lets tell know many else besides apart except wondering curious question someone somebody something anything one
  wait ah ahh umm uhh hmmm alright honestly quick`
    .split(/\s+/)
    .filter(Boolean),
);

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
