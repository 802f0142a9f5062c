// How an unknown word's neighbours in meaning (see neighbours.ts and Analyzer.analyzeQuery) weigh
// in a question: each neighbour term joins at its idf times the similarity times the neighbour
// weight, and the word keeps the part of its own weight that its closest neighbour leaves unexplained.
import type { Expansion } from './analyzer';

/**
 * @param queryWeights the question's terms and weights, changed in place; a term the question
 *   already has keeps its own weight unless a neighbour's is higher
 * @param idf the index's weight of a known term (every expansion's term is one)
 * @param neighbourWeight ScoringWeights.neighbour
 */
export function addNeighbourWeights(
  queryWeights: Map<string, number>,
  expansions: readonly Expansion[],
  idf: ReadonlyMap<string, number>,
  neighbourWeight: number,
): void {
  const explained = new Map<string, number>();
  const share = Math.min(1, neighbourWeight);
  for (const e of expansions) {
    explained.set(e.wordTerm, Math.max(explained.get(e.wordTerm) ?? 0, e.similarity * share));
    const weight = idf.get(e.term)! * e.similarity * neighbourWeight;
    if (weight > (queryWeights.get(e.term) ?? 0)) queryWeights.set(e.term, weight);
  }
  for (const [term, part] of explained) {
    const own = queryWeights.get(term);
    if (own !== undefined && !idf.has(term)) queryWeights.set(term, own * (1 - part));
  }
}
