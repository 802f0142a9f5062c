// The nearest-neighbour search behind `npm run neighbours` (build-neighbours.ts), kept apart from
// the download and the file writing so it can be tested on a handful of made-up vectors.
import type { Neighbour } from '../search/neighbours';

/** Words and their vectors scaled to length 1, one row each, so a dot product is the cosine. */
export interface UnitVectors {
  words: string[];
  rows: Float32Array;
  dimensions: number;
}

export function unitVectors(words: readonly string[], vectorOf: (word: string) => ArrayLike<number>, dimensions: number): UnitVectors {
  const rows = new Float32Array(words.length * dimensions);
  words.forEach((word, i) => {
    const v = vectorOf(word);
    let norm = 0;
    for (let d = 0; d < dimensions; d++) norm += v[d] * v[d];
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dimensions; d++) rows[i * dimensions + d] = v[d] * scale;
  });
  return { words: [...words], rows, dimensions };
}

export interface NearestOptions {
  /** Least cosine similarity kept. */
  cutoff: number;
  /** Most neighbours kept per word. */
  max: number;
  /** A runner-up is kept only this close to the closest: a near tie, not a weaker, other sense. */
  tie: number;
  /** Targets that say nothing new about the word (itself, its own stem). */
  skip?: (target: string) => boolean;
  /** Targets with the same key ("skill", "skills") mean one thing: only the closest is kept. */
  keyOf?: (target: string) => string;
}

/** The targets closest to one unit vector, closest first (ties by word, so the output is stable). */
export function nearestTargets(source: Float32Array, targets: UnitVectors, options: NearestOptions): Neighbour[] {
  const { rows, dimensions } = targets;
  const found: Neighbour[] = [];
  for (let t = 0; t < targets.words.length; t++) {
    let dot = 0;
    const base = t * dimensions;
    for (let d = 0; d < dimensions; d++) dot += source[d] * rows[base + d];
    if (dot < options.cutoff) continue;
    const word = targets.words[t];
    if (options.skip?.(word)) continue;
    found.push({ word, similarity: dot });
  }
  found.sort((a, b) => b.similarity - a.similarity || (a.word < b.word ? -1 : 1));
  const keys = new Set<string>();
  const distinct = found.filter((n) => {
    const key = options.keyOf?.(n.word) ?? n.word;
    if (keys.has(key)) return false;
    keys.add(key);
    return true;
  });
  const best = distinct[0]?.similarity ?? 0;
  return distinct.filter((n) => best - n.similarity <= options.tie).slice(0, options.max);
}

/** Row `index` of a set of unit vectors. */
export function rowOf(vectors: UnitVectors, index: number): Float32Array {
  return vectors.rows.subarray(index * vectors.dimensions, (index + 1) * vectors.dimensions);
}
