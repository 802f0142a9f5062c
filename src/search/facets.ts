// Structured levels (salary bands, career stages) recognised in a question: by a level's own words
// ("junior", "VP"), by years of experience ("7 yrs in"), or by a salary figure ("is 50k normal").
// The matcher uses the level to prefer the entry about that row over its neighbours.

export interface FacetLevel {
  id: string;
  years?: { min: number; max?: number };
  amount?: { min: number; max: number; openEnded?: boolean };
  /** Alias phrases, analysed into the same terms the matcher uses. */
  aliases: readonly (readonly string[])[];
}

/** A family of levels, such as the salary bands; entries point at one level through `name`. */
export interface FacetDimension {
  name: string;
  levels: readonly FacetLevel[];
  /** Terms a money figure in the question stands for ("is 50k normal" asks about salary). */
  impliedByAmount?: readonly string[];
  /**
   * When set, the dimension applies only to questions using one of these terms: "report to a VP"
   * names the director level but is not asking about director pay.
   */
  topicTerms?: readonly string[];
  /** Another dimension that takes precedence: when it resolves a level, this one stays silent. */
  yieldsTo?: string;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  couple: 2,
  few: 3,
  several: 4,
};

const YEARS =
  /\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|couple|few|several)\s+(?:of\s+)?(?:years?|yrs?)\b|\b(?:a|one)\s+(decade)\b/;
const MONEY = /(?<![\d,.])\$?\s?\b(\d{2,3})(?:\s?k\b|,\d{3}\b(?!,\d)|\s?(?:thousand|grand)\b)/;

/** Years of experience mentioned in a normalized question. */
export function extractYears(normalized: string): number | undefined {
  const match = YEARS.exec(normalized);
  if (!match) return undefined;
  if (match[2]) return 10;
  return NUMBER_WORDS[match[1]] ?? Number(match[1]);
}

/** A yearly salary figure in the raw question ("50k", "$50,000"). Run before punctuation is removed. */
export function extractAmount(raw: string): number | undefined {
  const match = MONEY.exec(raw.toLowerCase());
  return match ? Number(match[1]) * 1000 : undefined;
}

export interface QueryFacts {
  years?: number;
  amount?: number;
  terms: readonly string[];
}

function containsPhrase(terms: readonly string[], phrase: readonly string[]): boolean {
  if (phrase.length === 0) return false;
  outer: for (let i = 0; i + phrase.length <= terms.length; i++) {
    for (let k = 0; k < phrase.length; k++) if (terms[i + k] !== phrase[k]) continue outer;
    return true;
  }
  return false;
}

function inYears(level: FacetLevel, years: number): boolean {
  return !!level.years && years >= level.years.min && (level.years.max === undefined || years <= level.years.max);
}

/**
 * The level of `dimension` the question is about, or undefined when it names none or several.
 * Words naming a level win over years, which win over a salary figure.
 */
export function resolveLevel(dimension: FacetDimension, facts: QueryFacts): string | undefined {
  if (dimension.topicTerms && !dimension.topicTerms.some((t) => facts.terms.includes(t))) return undefined;
  const named = dimension.levels.filter((l) => l.aliases.some((a) => containsPhrase(facts.terms, a)));
  if (named.length === 1) return named[0].id;
  const { years, amount } = facts;
  if (years !== undefined) {
    const byYears = (named.length ? named : dimension.levels).filter((l) => inYears(l, years));
    if (byYears.length >= 1) return byYears[0].id;
  }
  if (named.length > 1) return undefined;
  if (amount !== undefined) {
    const byAmount = dimension.levels.find(
      (l) => l.amount && amount >= l.amount.min && (amount <= l.amount.max || l.amount.openEnded === true),
    );
    if (byAmount) return byAmount.id;
  }
  return undefined;
}
