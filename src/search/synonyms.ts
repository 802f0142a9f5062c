// Synonym groups from the knowledge base ("pay, salary, earn, make, comp") become one canonical
// term on both sides, the index and the query: expanding by canonicalizing costs nothing per query.

/** A term sequence rewriter: stems in, canonical terms out. */
export interface Canonicalizer {
  /**
   * Each output term with the index of the stem it came from. A phrase member yields its canonical
   * term and keeps its own words too, so "report straight to" still shares "report" with "report to".
   */
  apply(stems: readonly string[]): CanonicalTerm[];
  /** The term a single stem stands for: its synonym group's term, or itself. */
  termOf(stem: string): string;
}

export interface CanonicalTerm {
  term: string;
  /** Index of the stem it came from. */
  from: number;
  /** A synonym group's term rather than the stem itself. */
  canonical: boolean;
  /** One of the words of a phrase that is also present as its canonical term. */
  component: boolean;
}

interface PhraseMember {
  stems: readonly string[];
  canonical: string;
}

/**
 * @param groups each group's members as stem sequences of all their words, stop words included,
 *   so the phrase "report to" never matches "reports" alone
 */
export function buildCanonicalizer(groups: readonly (readonly (readonly string[])[])[]): Canonicalizer {
  const single = new Map<string, string>();
  const phrasesByFirstStem = new Map<string, PhraseMember[]>();
  for (const group of groups) {
    const members = group.filter((m) => m.length > 0);
    if (members.length < 2) continue;
    const canonical = `~${members[0].join('_')}`;
    for (const stems of members) {
      if (stems.length === 1) {
        // A word listed in two groups keeps the first.
        if (!single.has(stems[0])) single.set(stems[0], canonical);
        continue;
      }
      const list = phrasesByFirstStem.get(stems[0]) ?? [];
      list.push({ stems, canonical });
      list.sort((a, b) => b.stems.length - a.stems.length);
      phrasesByFirstStem.set(stems[0], list);
    }
  }

  return {
    termOf: (stem) => single.get(stem) ?? stem,
    apply(stems) {
      const out: CanonicalTerm[] = [];
      for (let i = 0; i < stems.length; i++) {
        const phrase = phrasesByFirstStem.get(stems[i])?.find((p) => p.stems.every((s, k) => stems[i + k] === s));
        if (phrase) {
          out.push({ term: phrase.canonical, from: i, canonical: true, component: false });
          phrase.stems.forEach((s, k) => out.push({ term: s, from: i + k, canonical: false, component: true }));
          i += phrase.stems.length - 1;
        } else {
          const canonical = single.get(stems[i]);
          out.push({ term: canonical ?? stems[i], from: i, canonical: canonical !== undefined, component: false });
        }
      }
      return out;
    },
  };
}
