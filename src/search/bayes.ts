// A naive Bayes reading of the question over the entries' own questions and keywords: how likely
// each candidate is to have produced the question's terms, each term's likelihood being the share
// of the entry's questions and keywords that use it. It weighs every term by how typical it is of
// one entry against the others, which the bag-of-terms scores do not, and it helps most where the
// question's words are spread thin (slang, typos). Written here rather than taken from natural's
// BayesClassifier because it must read the index's own terms, synonyms and weighted neighbour
// expansions, and only the shortlisted entries.
import { sortedIndexOf } from './vectors';

/** Add-k smoothing of the counts; small, as the entries have few phrasings each. */
const SMOOTHING = 0.3;

export interface BayesCounts {
  /** How many of the entry's questions and keywords use the term (0 when none). */
  countOf(term: string, doc: number): number;
  /** How many questions and keywords the entry has. */
  fieldsOf(doc: number): number;
}

/**
 * The posterior share of each of `docs` (uniform prior), for the question's terms weighted by
 * `weights` (1 for a word of the question, the similarity for a neighbour). Sums to 1 over `docs`.
 */
export function bayesShares(docs: readonly number[], weights: ReadonlyMap<string, number>, counts: BayesCounts): number[] {
  const logs = docs.map((doc) => {
    // The share of the entry's fields using each term, not of all its term uses: an entry asked
    // in many different words is not less likely to use any one of them.
    const denominator = Math.log(counts.fieldsOf(doc) + 2 * SMOOTHING);
    let sum = 0;
    for (const [term, weight] of weights) sum += weight * (Math.log(counts.countOf(term, doc) + SMOOTHING) - denominator);
    return sum;
  });
  const best = Math.max(...logs);
  const exps = logs.map((l) => Math.exp(l - best));
  const total = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / total);
}

/** The counts read from an index's postings (each term's entries, ascending, and their uses) and each entry's field count. */
export function bayesCountsOf(postings: ReadonlyMap<string, { docs: Int32Array; uses: Uint16Array }>, fields: Uint16Array): BayesCounts {
  return {
    countOf: (term, doc) => {
      const list = postings.get(term);
      const at = list ? sortedIndexOf(list.docs, doc) : -1;
      return at === -1 ? 0 : list!.uses[at];
    },
    fieldsOf: (doc) => fields[doc],
  };
}
