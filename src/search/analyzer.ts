// One text pipeline for documents and questions, so both sides always agree on what a term is:
// normalize -> (questions only: typo repair) -> stem -> synonym canonicalization -> drop stop words.
// Synonyms are applied before stop words go, so a phrase such as "report to" keeps its "to".
// A question's words that stay unknown are listed with their neighbours in meaning (expansions).
import type { WordNeighbours } from './neighbours';
import { normalize, type Abbreviations } from './normalize';
import { buildCanonicalizer, type Canonicalizer } from './synonyms';
import { withoutHedges } from './hedges';
import { SlipIndex } from './slips';
import { contentWords, isContentWord, isStopWord, stem } from './tokenize';
import type { TypoRepairer } from './typos';
import { ENGLISH } from './english';

export interface QueryAnalysis {
  /** The normalized question, with repaired words in place of typos. */
  text: string;
  /** The normalized question as written, word for word the same length as `text` (no repairs). */
  written: string;
  /** Canonical content terms, in order (may repeat). */
  terms: string[];
  /** Every word as a canonical term, stop words included, for phrase lookups ("a few years"). */
  sequence: string[];
  /** Content words the knowledge base has never seen and that no typo repair explained. */
  unknownWords: string[];
  /** Content words the knowledge base has never seen as written, before any repair ("researcher"). */
  unseenWords: string[];
  /** Index terms close in meaning to unknown words ("talents" -> "skill" 0.75), closest first per word. */
  expansions: Expansion[];
}

/** An unknown word's neighbour in meaning, as the index's term. */
export interface Expansion {
  /** The unknown word as written ("talents") and its own term ("talent"). */
  word: string;
  wordTerm: string;
  /** The neighbour word ("skills"), its canonical term ("skill") and their similarity. */
  neighbour: string;
  term: string;
  similarity: number;
}

const NO_NEIGHBOURS: WordNeighbours = { neighbours: () => [], frequencyRank: () => undefined };

// Words that may follow the main verb "do" at the end of a question ("what do they do all day").
const AFTER_MAIN_DO = new Set(ENGLISH.afterMainDo);

/**
 * "do" is usually an auxiliary and means nothing ("do AMs track revenue?"), but as the main verb at
 * the end of a question ("what else do AMs actually do") it asks what the job consists of.
 */
function isMainVerbDo(words: readonly string[], i: number): boolean {
  if (words[i] !== 'do' && words[i] !== 'does') return false;
  return words.slice(i + 1).every((w) => !isContentWord(w) || AFTER_MAIN_DO.has(w));
}

const RELATIVE_ANTECEDENTS = new Set(ENGLISH.relativeAntecedents);

/**
 * "who" asks about a person at the start ("who do AMs report to?") or after a stop word ("I want
 * to know who ..."), but after a noun it only opens a relative clause ("someone who manages
 * accounts", "AMs who travel"), which says nothing about reporting lines.
 */
function isRelativeWho(words: readonly string[], i: number): boolean {
  if (words[i] !== 'who' || i === 0) return false;
  const before = words[i - 1];
  return isContentWord(before) || RELATIVE_ANTECEDENTS.has(before);
}

/** Words this common in English are meant as written, even one slip away from a stop word ("form"). */
const COMMON_RANK = 3000;
/** Stop words by their slips, for words of four letters or more ("whaat", "shold", "frpm"). */
const STOP_WORD_SLIPS = new SlipIndex(ENGLISH.stopWords, 3);

/**
 * The stop word a word is a swapped-letter slip of, unless the word itself is common: "dose" for
 * "does", "waht" for "what". Such a slip would otherwise weigh as an unknown content word. (Stop
 * words are all among the commonest words, so the word list does not rank them.)
 */
export function swappedStopWord(word: string, neighbours: WordNeighbours): string | undefined {
  if (word.length < 3 || (neighbours.frequencyRank(word) ?? Infinity) <= COMMON_RANK) return undefined;
  for (let i = 0; i + 1 < word.length; i++) {
    const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    if (swapped !== word && isStopWord(swapped)) return swapped;
  }
  return undefined;
}

/**
 * The stop word a rare word of four letters or more is one other slip of: a letter missing, extra
 * or changed ("shold", "befre", "whaat"). Tried after typo repair, which knows the content words:
 * "wite" is "write" before it is "with".
 */
export function slippedStopWord(word: string, neighbours: WordNeighbours): string | undefined {
  if (word.length < 4 || (neighbours.frequencyRank(word) ?? Infinity) <= COMMON_RANK) return undefined;
  return STOP_WORD_SLIPS.slipsOf(word)[0];
}

export class Analyzer {
  private readonly canonicalizer: Canonicalizer;

  constructor(
    private readonly abbreviations: Abbreviations,
    synonymGroups: readonly (readonly string[])[],
  ) {
    this.canonicalizer = buildCanonicalizer(synonymGroups.map((group) => group.map((member) => this.allStems(member))));
  }

  normalize(text: string): string {
    return normalize(text, this.abbreviations);
  }

  /** Canonical content terms of a text (a document field). */
  terms(text: string): string[] {
    return this.normalizedTerms(this.normalize(text));
  }

  /** Canonical content terms of a text normalize() has already normalized (the index reads each field once). */
  normalizedTerms(normalized: string): string[] {
    return this.analyzeWords(normalized ? normalized.split(' ') : []).terms;
  }

  /** Every word of a text as a canonical term, stop words included (an alias phrase). */
  sequence(text: string): string[] {
    return this.analyzeWords(this.splitWords(text)).sequence;
  }

  /** Content words of a text as written (after normalization): the vocabulary for typo repair. */
  words(text: string): string[] {
    return contentWords(this.normalize(text));
  }

  /**
   * @param knownStem whether the index has this term: a word whose stem (or the synonym group it
   *   belongs to) is known ("prospecting", "experienced") is never "repaired" into another word.
   * @param neighbours words close in meaning, for the unknown words
   */
  analyzeQuery(
    text: string,
    typos: TypoRepairer,
    knownStem: (stem: string) => boolean,
    neighbours: WordNeighbours = NO_NEIGHBOURS,
  ): QueryAnalysis {
    const normalized = withoutHedges(this.normalize(text));
    const unknownWords: string[] = [];
    const unseenWords: string[] = [];
    const words = (normalized ? normalized.split(' ') : []).map((word) => {
      if (!isContentWord(word) || typos.has(word) || knownStem(this.canonicalizer.termOf(stem(word)))) return word;
      const slip = swappedStopWord(word, neighbours);
      if (slip !== undefined) return slip;
      unseenWords.push(word);
      const fixed = typos.repair(word) ?? slippedStopWord(word, neighbours);
      if (fixed === undefined) unknownWords.push(word);
      return fixed ?? word;
    });
    const expansions = unknownWords.flatMap((word) => this.expand(word, neighbours, knownStem));
    return { text: words.join(' '), written: normalized, ...this.analyzeWords(words), unknownWords, unseenWords, expansions };
  }

  /**
   * The unknown word's neighbours that the index knows, as its terms, one per term. A neighbour is
   * one plain word, so its term is its stem's (not via normalize, which keeps the question cached).
   */
  private expand(word: string, neighbours: WordNeighbours, knownStem: (stem: string) => boolean): Expansion[] {
    const wordTerm = this.canonicalizer.termOf(stem(word));
    const out: Expansion[] = [];
    for (const n of neighbours.neighbours(word)) {
      const term = this.canonicalizer.termOf(stem(n.word));
      if (term === wordTerm || !knownStem(term) || out.some((e) => e.term === term)) continue;
      out.push({ word, wordTerm, neighbour: n.word, term, similarity: n.similarity });
    }
    return out;
  }

  private splitWords(text: string): string[] {
    const normalized = this.normalize(text);
    return normalized ? normalized.split(' ') : [];
  }

  private allStems(text: string): string[] {
    return this.splitWords(text).map(stem);
  }

  private analyzeWords(words: readonly string[]): { terms: string[]; sequence: string[] } {
    const canonical = this.canonicalizer.apply(words.map(stem));
    const carries = (i: number) => (isContentWord(words[i]) && !isRelativeWho(words, i)) || isMainVerbDo(words, i);
    return {
      terms: canonical.filter((t) => t.canonical || carries(t.from)).map((t) => t.term),
      sequence: canonical.filter((t) => !t.component).map((t) => t.term),
    };
  }
}
