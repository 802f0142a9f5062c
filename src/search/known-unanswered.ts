// The questions editors wrote as ones the article does not answer (every entry's counterexamples),
// searched as one set: a question that reads like one of them is not answered, whichever entry its
// words match best ("is account management a stressful job?" shares more words with a skills entry
// than with the entry whose counterexample it is).
import type { TermVector } from './vectors';

/**
 * How close (cosine under idf weights) to a counterexample a question must be to count as asking
 * it: nearly the same words. The self-test holds counterexamples out, so it shows what the rule
 * costs the positives (0.9: 8 of 4,436; 0.8: 13) more than what it gains; the knowledge base's own
 * counterexamples show the gain (answered: 50 of 185 without the rule, 8 with it).
 */
export const READS_LIKE_UNANSWERED = 0.9;

export class KnownUnanswered {
  /** Per term id, the counterexamples using it: only those sharing a term with a question are read. */
  private readonly byTerm = new Map<number, number[]>();
  /** Scratch space for one question's dot products; zero outside a call. */
  private readonly dots: Float64Array;

  /** @param idfById each term's idf, the weight the counterexamples' norms were computed with */
  constructor(
    private readonly vectors: readonly TermVector[],
    private readonly idfById: Float64Array,
  ) {
    vectors.forEach((vector, i) => {
      for (const id of vector.ids) {
        const list = this.byTerm.get(id);
        if (list) list.push(i);
        else this.byTerm.set(id, [i]);
      }
    });
    this.dots = new Float64Array(vectors.length);
  }

  /**
   * The best cosine between the question's weights and a counterexample's idf weights, in [0, 1].
   * @param queryIds the question's term ids, whose weights are in `weightById`
   */
  bestCosine(queryIds: readonly number[], weightById: Float64Array, queryNorm: number): number {
    const touched: number[] = [];
    for (const id of queryIds) {
      const w = weightById[id];
      for (const i of this.byTerm.get(id) ?? []) {
        if (this.dots[i] === 0) touched.push(i);
        this.dots[i] += w * this.idfById[id];
      }
    }
    let best = 0;
    for (const i of touched) {
      best = Math.max(best, this.dots[i] / (queryNorm * this.vectors[i].norm));
      this.dots[i] = 0;
    }
    return best;
  }
}
