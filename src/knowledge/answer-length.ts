// Answers are short and focused: an entry leads with the answer in at most 80 words, counted as a
// person reads the rendered answer. `npm run kb:check` warns about longer ones, without failing.
import type { KnowledgeBase } from './load';

export const MAX_ANSWER_WORDS = 80;

/** The words a person reads in a rendered answer: markdown marks ("- " list dashes, **bold**, a
 * link's address) are not words, and "$45,000–$55,000" or "Office/Google" is one each. */
export function visibleWordCount(text: string): number {
  return text
    .replace(/\[([^\]]*)\]\([^)\s]*\)/g, '$1')
    .replace(/\*\*|__|`/g, '')
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

export interface LongAnswer {
  entryId: string;
  words: number;
}

/** Every entry whose rendered answer has more than `max` words, in knowledge-base order. */
export function findLongAnswers(kb: Pick<KnowledgeBase, 'entries'>, max: number = MAX_ANSWER_WORDS): LongAnswer[] {
  return kb.entries.flatMap((e) => {
    const words = visibleWordCount(e.answer);
    return words > max ? [{ entryId: e.id, words }] : [];
  });
}
