// Answers that combine two facts of the salary data: "how much do senior AMs make in NYC?" gets the
// senior range in a major market ($86,250-$118,750), computed as the salary estimate computes it,
// instead of the national band and a percentage left for the reader to apply.
import type { KnowledgeBase } from '../knowledge/load';
import { bandForYears, majorMarketRange } from '../knowledge/pay';
import type { Entry } from '../knowledge/schema';
import { bandRange, listInWords, renderTemplate } from '../knowledge/templates';
import { extractYears } from '../search/facets';

type Band = KnowledgeBase['salary']['bands'][number];

export class SalaryInMarket {
  /** Padded normalized phrases: " nyc ", " new york ". */
  private readonly marketPhrases: string[];
  private readonly bandPhrases: { phrase: string; band: Band }[];

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly normalize: (text: string) => string,
  ) {
    const { cities, aliases } = kb.salary.majorMarkets;
    this.marketPhrases = [...cities, ...aliases].map((p) => ` ${normalize(p)} `);
    this.bandPhrases = kb.salary.bands.flatMap((band) => [band.label, ...band.aliases].map((p) => ({ phrase: ` ${normalize(p)} `, band })));
  }

  /**
   * The answer text for `entry` when the question asks about one level in a major market: a
   * salary band's entry asked about a major market, or the major-market entry asked about a
   * level (by name or by years). Undefined otherwise.
   */
  answerFor(entry: Entry, query: string): string | undefined {
    const padded = ` ${this.normalize(query)} `;
    if (!this.marketPhrases.some((p) => padded.includes(p))) return undefined;
    const band = this.bandOf(entry, padded);
    return band ? this.render(band) : undefined;
  }

  private bandOf(entry: Entry, padded: string): Band | undefined {
    const bands = this.kb.salary.bands;
    if (entry.facets?.salaryBand) return bands.find((b) => b.id === entry.facets!.salaryBand);
    if (entry.id !== this.kb.salary.majorMarkets.entry) return undefined;
    // The longest level phrase named wins: "entry level" over "level".
    const named = this.bandPhrases.filter((b) => padded.includes(b.phrase)).sort((a, b) => b.phrase.length - a.phrase.length)[0];
    if (named) return named.band;
    const years = extractYears(padded.trim());
    return years === undefined ? undefined : bandForYears(bands, years);
  }

  private render(band: Band): string {
    const { currency, majorMarkets } = this.kb.salary;
    const range = majorMarketRange(band, majorMarkets.premiumPercent);
    const values = new Map([
      ['level', inSentence(band.label)],
      ['range', bandRange({ ...band, ...range }, currency)],
      ['base', bandRange(band, currency)],
      ['premium', `${majorMarkets.premiumPercent.min}–${majorMarkets.premiumPercent.max}%`],
      ['markets', listInWords(majorMarkets.cities)],
    ]);
    return renderTemplate(this.kb.messages.salaryInMarket, values);
  }
}

/** A label as a word inside a sentence: "Senior" -> "senior", but "Director/VP" keeps its "VP". */
function inSentence(label: string): string {
  return /^[A-Z][a-z]/.test(label) ? label[0].toLowerCase() + label.slice(1) : label;
}
