// The salary estimate: which band someone is in (a level word, a title or years of experience),
// whether they work in a major market, and the range that follows from the salary data.
import type { KnowledgeBase } from '../knowledge/load';
import { bandForYears, majorMarketRange, type Range } from '../knowledge/pay';
import { formatMoney } from '../knowledge/templates';
import type { Band, CareerPath } from './career';
import { tag, type FlowText, type PhraseList } from './text';

export type Market = 'major' | 'other' | 'unknown';

export interface Estimate {
  band: Band;
  market: Market;
  base: Range;
  /** The base range with the major-market premium applied. */
  major: Range;
  openEnded: boolean;
}

export class SalaryEstimator {
  private readonly levels: PhraseList<string>;
  /** Yes, no, not sure: they answer the question only as (nearly) the whole reply. */
  private readonly answers: PhraseList<Market>;
  /** Places: named anywhere in a reply ("I live in Manhattan"), they answer it. */
  private readonly places: PhraseList<Market>;

  constructor(
    private readonly text: FlowText,
    private readonly kb: KnowledgeBase,
    private readonly career: CareerPath,
  ) {
    const { salary, flows } = kb;
    this.levels = text.phrases(salary.bands.flatMap((b) => [b.label, b.id, ...b.aliases].map((p) => [p, b.id] as const)));
    const f = flows.salaryEstimate;
    this.answers = text.phrases([
      ...tag<Market>([...f.yesWords, f.marketChoices.yes], 'major'),
      ...tag<Market>([...f.noWords, f.marketChoices.no], 'other'),
      ...tag<Market>([...f.unsureWords, f.marketChoices.unsure], 'unknown'),
    ]);
    this.places = text.phrases([
      ...tag<Market>([...salary.majorMarkets.cities, ...salary.majorMarkets.aliases], 'major'),
      ...tag<Market>(f.otherPlaces, 'other'),
    ]);
  }

  get bands(): readonly Band[] {
    return this.kb.salary.bands;
  }

  band(id: string): Band | undefined {
    return this.kb.salary.bands.find((b) => b.id === id);
  }

  /** The band a reply names: a level word, a title (through its career stage) or years. */
  readBand(message: string): string | undefined {
    const words = this.text.words(message);
    const named = this.levels.find(words);
    if (named) return named.value;
    const reading = this.career.read(message);
    if (reading.stage && reading.years === undefined) return this.career.view(reading.stage)?.band?.id;
    if (reading.years !== undefined) return this.bandForYears(reading.years);
    return undefined;
  }

  /** The band whose years cover `years`; past the last band with years, that band. */
  bandForYears(years: number): string {
    return bandForYears(this.kb.salary.bands, years).id;
  }

  /** A place named anywhere in the message: a major market or a place that is not one. */
  readPlace(message: string): Market | undefined {
    return this.places.find(this.text.words(message))?.value;
  }

  /** A major market, another place, or "not sure"; undefined when the reply says none of these. */
  readMarket(message: string): Market | undefined {
    const words = this.text.words(message);
    const place = this.places.find(words);
    if (place) return place.value;
    const whole = this.answers.whole(words) ?? this.answers.whole(this.text.core(words));
    if (whole) return whole;
    // "yes" inside a longer message is weak evidence; "not sure" inside a short reply is fine.
    const found = this.answers.find(words);
    if (found && (found.length > 1 || words.length <= 3)) return found.value;
    return undefined;
  }

  estimate(bandId: string, market: Market): Estimate | undefined {
    const band = this.band(bandId);
    if (!band) return undefined;
    const base = { min: band.min, max: band.max };
    const major = majorMarketRange(base, this.kb.salary.majorMarkets.premiumPercent);
    return { band, market, base, major, openEnded: band.openEnded };
  }

  formatRange(range: Range, openEnded = false): string {
    const currency = this.kb.salary.currency;
    return `${formatMoney(range.min, currency)}–${formatMoney(range.max, currency)}${openEnded ? '+' : ''}`;
  }
}
