// Small numeric helpers of the index: term vectors and their cosines, sorted lookups, BM25's idf.

/** A phrasing's distinct term ids and the length of its weight vector. */
export interface TermVector {
  ids: Int32Array;
  norm: number;
}

/** The two best cosines between the question (weights by term id) and the vectors. */
export function twoBestCosines(vectors: readonly TermVector[], weightById: Float64Array, queryNorm: number): [number, number] {
  let best = 0;
  let second = 0;
  for (const vector of vectors) {
    let dot = 0;
    for (let i = 0; i < vector.ids.length; i++) {
      const w = weightById[vector.ids[i]];
      dot += w * w;
    }
    if (dot === 0) continue;
    const cosine = dot / (queryNorm * vector.norm);
    if (cosine > best) [best, second] = [cosine, best];
    else if (cosine > second) second = cosine;
  }
  return [best, second];
}

/** The position of `value` in an ascending array, or -1. */
export function sortedIndexOf(values: Int32Array, value: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (values[mid] === value) return mid;
    if (values[mid] < value) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/** The `k` entries with the most coverage, best first, without sorting all of them. */
export function topByCoverage(docs: readonly number[], covered: Float64Array, k: number): [number, number][] {
  const top: [number, number][] = [];
  for (const doc of docs) {
    const value = covered[doc];
    if (top.length === k && value <= top[k - 1][1]) continue;
    let at = top.length;
    while (at > 0 && top[at - 1][1] < value) at--;
    top.splice(at, 0, [doc, value]);
    if (top.length > k) top.pop();
  }
  return top;
}

export function bm25Idf(documentCount: number, documentFrequency: number): number {
  return Math.log(1 + (documentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));
}
