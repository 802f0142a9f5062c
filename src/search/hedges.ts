// Hedges and asides around a question ("out of curiosity", "more or less", "these days"): taken
// out of a normalized query before matching, because their words would count as evidence for the
// entries that happen to use them ("average", "days") and against the one that answers.
import { contentWords } from './tokenize';
import { ENGLISH } from './english';

/** Longest first, so "just out of curiosity" goes before "out of curiosity" can leave "just". */
const HEDGE = new RegExp(`\\b(?:${[...ENGLISH.hedges].sort((a, b) => b.length - a.length).join('|')})\\b`, 'g');

/** The normalized text without its hedges; unchanged when they are all it says. */
export function withoutHedges(normalized: string): string {
  if (!normalized) return normalized;
  const stripped = normalized.replace(HEDGE, ' ').replace(/\s+/g, ' ').trim();
  return contentWords(stripped).length > 0 ? stripped : normalized;
}
