// Seeded randomness for the self-test corpus. Every case draws from its own generator, keyed by the
// seed and by what the case is made from, so a case stays the same when another case is added or
// the number of folds changes, and only the seed changes them all.
import { mulberry32, type Rng } from '../../lib/prng';

export type { Rng };

export function rngFor(seed: number, ...key: (string | number)[]): Rng {
  return mulberry32(fnv1a(`${seed}\u0000${key.join('\u0000')}`));
}

/** `count` distinct items (all of them when there are fewer), in random order. */
export function sample<T>(rng: Rng, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const n = Math.min(count, pool.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rng() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, n);
}

/** 32-bit FNV-1a: a stable hash of the key, spread enough to seed mulberry32. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
