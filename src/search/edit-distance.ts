// The restricted Damerau-Levenshtein distance (optimal string alignment: insertions, deletions,
// substitutions and swaps of two neighbouring letters), with a bound. Typo repair, slips and the
// fuzzy phrase check only ask whether two words are one or two edits apart, thousands of times a
// second; natural's implementation builds a table of objects per call (most of its time goes to
// allocation), so this one keeps three rows of numbers and stops once the bound is out of reach.

/**
 * The distance between `a` and `b`, or `max + 1` as soon as it is certain to exceed `max`.
 * Equal to natural's `DamerauLevenshteinDistance(a, b, { restricted: true })` whenever that is at most `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const width = b.length + 1;
  let beforePrevious = new Int32Array(width);
  let previous = new Int32Array(width);
  let current = new Int32Array(width);
  for (let j = 0; j < width; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < width; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      let cost = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, beforePrevious[j - 2] + 1);
      current[j] = cost;
      if (cost < rowMin) rowMin = cost;
    }
    if (rowMin > max) return max + 1;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return Math.min(previous[b.length], max + 1);
}
