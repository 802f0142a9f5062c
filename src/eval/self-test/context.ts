// Long messages: the question inside one to three sentences about the person asking, before it,
// after it or both, as people write when they explain why they ask.
import { intBetween, pick } from '../../bench/prng';
import type { SelfTestData } from '../../knowledge/schema';
import { sample, type Rng } from './random';

export type ContextPools = SelfTestData['context'];

export function embedInContext(rng: Rng, question: string, pools: ContextPools): string {
  const total = intBetween(rng, 1, 3);
  const place = pick(rng, total === 1 ? (['before', 'after'] as const) : (['before', 'after', 'both'] as const));
  const beforeCount = place === 'before' ? total : place === 'after' ? 0 : intBetween(rng, 1, total - 1);
  const before = sample(rng, pools.before, beforeCount);
  const after = sample(rng, pools.after, total - beforeCount);
  return [...before, asSentence(question), ...after].join(' ');
}

/** Capitalized and ending with a question mark unless it already ends a sentence. */
function asSentence(question: string): string {
  const capitalized = question[0].toUpperCase() + question.slice(1);
  return /[?.!]$/.test(capitalized) ? capitalized : `${capitalized}?`;
}
