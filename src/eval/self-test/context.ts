// Long messages: the question after one to three sentences about the person asking, before one to
// three more, or both, as people write when they explain why they ask.
import { intBetween, pick } from '../../lib/prng';
import type { SelfTestData } from '../../knowledge/self-test-schema';
import { sample, type Rng } from './random';

export type ContextPools = SelfTestData['context'];

export function embedInContext(rng: Rng, question: string, pools: ContextPools): string {
  const place = pick(rng, ['before', 'after', 'both'] as const);
  const before = sample(rng, pools.before, place === 'after' ? 0 : intBetween(rng, 1, 3));
  const after = sample(rng, pools.after, place === 'before' ? 0 : intBetween(rng, 1, 3));
  return [...before, asSentence(question), ...after].join(' ');
}

/** Capitalized and ending with a question mark unless it already ends a sentence. */
function asSentence(question: string): string {
  const capitalized = question[0].toUpperCase() + question.slice(1);
  return /[?.!]$/.test(capitalized) ? capitalized : `${capitalized}?`;
}
