// The pay rules every answer and flow shares, over salary.yaml: which band a number of years falls
// in, and a band's range in a major market. One place, so the salary estimate, the career
// walkthrough and the FAQ's level-and-market answers never quote different figures.
import type { SalaryData } from './schema';

type Band = SalaryData['bands'][number];

export interface Range {
  min: number;
  max: number;
}

/**
 * The band whose years cover `years`: the last band with years whose minimum it reaches (so 2.5
 * years is still entry-level when mid-level starts at 3); past the last such band, that band.
 */
export function bandForYears(bands: readonly Band[], years: number): Band {
  const withYears = bands.filter((b) => b.years);
  let found = withYears[0] ?? bands[0];
  for (const b of withYears) if (years >= b.years!.min) found = b;
  return found;
}

/** A band's range with the major-market premium applied: the low end by the smallest premium, the high end by the largest. */
export function majorMarketRange(band: Range, premiumPercent: SalaryData['majorMarkets']['premiumPercent']): Range {
  return {
    min: Math.round(band.min * (1 + premiumPercent.min / 100)),
    max: Math.round(band.max * (1 + premiumPercent.max / 100)),
  };
}
