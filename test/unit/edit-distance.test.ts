// editDistance against natural's restricted Damerau-Levenshtein distance, which it replaces for speed.
import { describe, expect, it } from 'vitest';
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance.js';
import { editDistance } from '../../src/search/edit-distance';
import { injectTypo, intBetween, mulberry32, pick } from '../../src/lib/prng';

const WORDS = ['manager', 'salary', 'account', 'ca', 'abc', 'acb', 'internship', 'a', '', 'senior', 'coordinator'];

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit each', () => {
    expect(editDistance('salary', 'salary')).toBe(0);
    expect(editDistance('salary', 'salry')).toBe(1);
    expect(editDistance('salary', 'saalary')).toBe(1);
    expect(editDistance('salary', 'selary')).toBe(1);
    expect(editDistance('salary', 'slaary')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    // Restricted: a swapped pair is not edited again ("ca" -> "ac" -> "abc" would be 2).
    expect(editDistance('ca', 'abc')).toBe(3);
  });

  it('stops at the bound: max + 1 for anything further', () => {
    expect(editDistance('manager', 'coordinator', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
    expect(editDistance('salary', 'selery', 2)).toBe(2);
  });

  it("agrees with natural's restricted distance on random words and their typos", () => {
    const rng = mulberry32(7);
    for (let n = 0; n < 3000; n++) {
      const a = pick(rng, WORDS);
      let b = pick(rng, [a, pick(rng, WORDS)]);
      for (let k = intBetween(rng, 0, 3); k > 0; k--) b = injectTypo(rng, b);
      const expected = DamerauLevenshteinDistance(a, b, { restricted: true });
      expect(editDistance(a, b), `${a} ${b}`).toBe(expected);
      expect(editDistance(a, b, 2), `${a} ${b}`).toBe(Math.min(expected, 3));
    }
  });
});
