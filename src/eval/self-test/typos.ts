// Typing slips: one or two words of a question get one slip each (a dropped, doubled, swapped or
// neighbouring-key letter). Words of three letters or fewer are never touched: a slip there makes
// another word ("am" -> "an") more often than a typo.
import { injectTypo } from '../../lib/prng';
import { sample, type Rng } from './random';

/** A word of four or more letters, possibly followed by a clitic and punctuation ("salary?", "what's"). */
const SLIPPABLE = /^([A-Za-z]{4,})((?:'[a-z]+)?[^A-Za-z]*)$/;
const ATTEMPTS = 8;

/** The question with 1-2 slips, or undefined when it has no word long enough. */
export function addTypos(rng: Rng, question: string): string | undefined {
  const tokens = question.split(' ');
  const candidates = tokens.flatMap((t, i) => (SLIPPABLE.test(t) ? [i] : []));
  if (candidates.length === 0) return undefined;
  const count = candidates.length >= 2 && rng() < 0.5 ? 2 : 1;
  for (const i of sample(rng, candidates, count)) tokens[i] = slip(rng, tokens[i]);
  return tokens.join(' ');
}

function slip(rng: Rng, token: string): string {
  const [, word, rest] = SLIPPABLE.exec(token)!;
  // Swapping two equal letters changes nothing; draw again.
  for (let i = 0; i < ATTEMPTS; i++) {
    const slipped = injectTypo(rng, word);
    if (slipped !== word) return slipped + rest;
  }
  return word[0] + word.slice(2) + rest;
}
