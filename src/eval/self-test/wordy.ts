// Wordy phrasings: the question with the hedges and asides people add around what they ask
// ("Out of curiosity, ... these days?"). Their words are everyday English the knowledge base never
// uses, so they dilute a match the way a real paraphrase's own words do, without changing what is
// asked. The pools live in knowledge/self-test.yaml.
import { pick } from '../../lib/prng';
import type { SelfTestData } from '../../knowledge/self-test-schema';
import type { Rng } from './random';

export type WordyPools = SelfTestData['wordy'];

const OPENER_RATE = 0.6;

/** The question with an opener, a closer or both; always different from the question. */
export function padQuestion(rng: Rng, question: string, pools: WordyPools): string {
  const withOpener = rng() < OPENER_RATE;
  const withCloser = !withOpener || rng() < OPENER_RATE;
  const body = question.trim().replace(/[?.!]+$/, '');
  const opened = withOpener ? `${pick(rng, pools.openers)} ${lowerFirst(body)}` : body;
  return withCloser ? `${opened} ${pick(rng, pools.closers)}?` : `${opened}?`;
}

/** "How do I" -> "how do I", but "AM" and "I'm" keep their capitals. */
function lowerFirst(text: string): string {
  const first = text.split(' ')[0];
  return first.length > 1 && first === first[0] + first.slice(1).toLowerCase() ? text[0].toLowerCase() + text.slice(1) : text;
}
