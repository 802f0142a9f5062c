// The naive Bayes reading of a question over the entries' term counts (src/search/bayes.ts).
import { describe, expect, it } from 'vitest';
import { bayesCountsOf, bayesShares, type BayesCounts } from '../../src/search/bayes';

/** Counts from lists of terms per entry, one use per listed term. */
function countsOf(entries: string[][]): BayesCounts {
  const maps = entries.map((terms) => {
    const m = new Map<string, number>();
    for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
    return m;
  });
  return {
    countOf: (term, doc) => maps[doc].get(term) ?? 0,
    fieldsOf: (doc) => entries[doc].length,
  };
}

const counts = countsOf([
  ['pay', 'salary', 'pay', 'account_manag'],
  ['report', 'boss', 'account_manag'],
  ['skill', 'skill', 'account_manag', 'communic'],
]);

describe('bayesShares', () => {
  it('sums to one over the candidates and favours the entry whose questions use the terms', () => {
    const shares = bayesShares(
      [0, 1, 2],
      new Map([
        ['pay', 1],
        ['account_manag', 1],
      ]),
      counts,
    );
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(shares[0]).toBeGreaterThan(shares[1]);
    expect(shares[0]).toBeGreaterThan(shares[2]);
  });

  it('moves less for a term every entry uses than for one typical of a single entry', () => {
    const common = bayesShares([0, 1, 2], new Map([['account_manag', 1]]), counts);
    const typical = bayesShares([0, 1, 2], new Map([['boss', 1]]), counts);
    expect(Math.max(...common) - Math.min(...common)).toBeLessThan(Math.max(...typical) - Math.min(...typical));
    expect(typical.indexOf(Math.max(...typical))).toBe(1);
  });

  it('weighs a neighbour by its similarity, and reads the shortlist it is given', () => {
    const strong = bayesShares([1, 2], new Map([['skill', 1]]), counts);
    const weak = bayesShares([1, 2], new Map([['skill', 0.3]]), counts);
    expect(strong[1]).toBeGreaterThan(weak[1]);
    expect(weak[1]).toBeGreaterThan(0.5);
    expect(bayesShares([2], new Map([['boss', 1]]), counts)).toEqual([1]);
  });

  it('gives equal shares when no term says anything', () => {
    const shares = bayesShares([0, 1, 2], new Map(), counts);
    for (const s of shares) expect(s).toBeCloseTo(1 / 3, 10);
  });
});

describe('bayesCountsOf', () => {
  it("reads a term's uses by entry from postings, 0 where the entry does not use it", () => {
    const postings = new Map([['pay', { docs: Int32Array.from([0, 3, 7]), uses: Uint16Array.from([2, 1, 4]) }]]);
    const counts = bayesCountsOf(postings, Uint16Array.from([5, 1, 1, 3, 1, 1, 1, 9]));
    expect([0, 1, 3, 7].map((doc) => counts.countOf('pay', doc))).toEqual([2, 0, 1, 4]);
    expect(counts.countOf('boss', 0)).toBe(0);
    expect(counts.fieldsOf(7)).toBe(9);
  });
});
