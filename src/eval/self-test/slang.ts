// Slang rewrites: each word of the slang list found in a question is replaced by one of its
// everyday or slang forms ("salary" -> "take-home"). The list lives in knowledge/self-test.yaml
// and is never given to the matcher.
import { pick } from '../../lib/prng';
import type { SelfTestData } from '../../knowledge/self-test-schema';
import type { Rng } from './random';
import { longestFirst, wordPattern } from './words';

export type SlangList = SelfTestData['slang'];

/** The rewritten question, or undefined when no word of the list is in it. */
export function rewriteWithSlang(rng: Rng, question: string, slang: SlangList): string | undefined {
  // Replacements go in as numbered markers first, so a slang form is never rewritten again
  // ("supervisor" -> "boss" must not go on to "higher-up").
  const chosen: string[] = [];
  let text = question;
  for (const item of slang) {
    for (const word of longestFirst(item.words)) {
      text = text.replace(wordPattern(word), () => `\u0001${chosen.push(pick(rng, item.slang)) - 1}\u0001`);
    }
  }
  if (chosen.length === 0) return undefined;
  return text.replace(/\u0001(\d+)\u0001/g, (_, n: string) => chosen[Number(n)]);
}
