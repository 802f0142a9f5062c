// A seeded pseudo-random generator (mulberry32): generated benchmark data, self-test cases and fuzz
// inputs are identical run to run.

export type Rng = () => number;

/** Uniform floats in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [min, max] inclusive. */
export function intBetween(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)];
}

/**
 * Sampler with a Zipf-like distribution over `items` (rank r has weight 1 / (r + 1)^s), as word
 * frequencies in real text: a few words are everywhere, most are rare.
 */
export function zipfSampler<T>(rng: Rng, items: readonly T[], s = 1): () => T {
  const cumulative = new Float64Array(items.length);
  let total = 0;
  for (let r = 0; r < items.length; r++) {
    total += 1 / Math.pow(r + 1, s);
    cumulative[r] = total;
  }
  return () => {
    const x = rng() * total;
    let lo = 0;
    let hi = items.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return items[lo];
  };
}

/**
 * One typo of the kinds people make: drop, double, swap two neighbours, or replace a letter with
 * a keyboard neighbour. Words of three letters or fewer are left alone.
 */
export function injectTypo(rng: Rng, word: string): string {
  if (word.length <= 3 || !/^[a-z]+$/i.test(word)) return word;
  const i = intBetween(rng, 1, word.length - 2);
  switch (Math.floor(rng() * 4)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word[i] + word.slice(i);
    case 2:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    default: {
      const near = KEYBOARD_NEIGHBOURS[word[i].toLowerCase()] ?? 'e';
      return word.slice(0, i) + near[Math.floor(rng() * near.length)] + word.slice(i + 1);
    }
  }
}

const KEYBOARD_NEIGHBOURS: Record<string, string> = {
  q: 'wa',
  w: 'qes',
  e: 'wrd',
  r: 'etf',
  t: 'ryg',
  y: 'tuh',
  u: 'yij',
  i: 'uok',
  o: 'ipl',
  p: 'ol',
  a: 'qsz',
  s: 'awdz',
  d: 'sefx',
  f: 'drgc',
  g: 'fthv',
  h: 'gyjb',
  j: 'hukn',
  k: 'jilm',
  l: 'kop',
  z: 'asx',
  x: 'zsdc',
  c: 'xdfv',
  v: 'cfgb',
  b: 'vghn',
  n: 'bhjm',
  m: 'njk',
};
