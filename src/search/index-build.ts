// Building the search index from the entries: each field normalized once, per-term postings with
// the strength of each entry's use of the term, phrasing vectors for closeness, BM25 idf over the
// entries that ask about a term, and the word counts typo repair aims at. The scratch maps stay in
// this module's functions, so nothing the index keeps holds on to them.
import type { Analyzer } from './analyzer';
import { bayesCountsOf, type BayesCounts } from './bayes';
import { titlesIn } from './coverage';
import type { KeywordPhrase } from './phrases';
import { typeShares, type QuestionType } from './question-type';
import { contentWords } from './tokenize';
import { bm25Idf, type TermVector } from './vectors';
import type { ScoringWeights } from './weights';

export interface SearchDocument {
  id: string;
  /** Whole questions this entry answers: the main question, the alternates and the title. */
  phrasings: readonly string[];
  keywords: readonly string[];
  /** The answer text: weaker evidence than the questions. */
  body: string;
  /** Levels this entry is about, by dimension name ("salaryBand" -> "senior"). */
  facets?: Readonly<Record<string, string | undefined>>;
  /** Questions that share the entry's words but that it does not answer: evidence against it. */
  counterexamples?: readonly string[];
}

export interface IndexedDocument {
  id: string;
  /** Each phrasing's distinct term ids and the length of its weight vector, for closeness. */
  phrasings: TermVector[];
  counterexamples: TermVector[];
  /** Multi-word keywords, normalized, for fuzzy phrase evidence. */
  phrases: KeywordPhrase[];
  facets: Readonly<Record<string, string | undefined>>;
  /** Job titles the entry's questions and keywords name ("relationship manager"), see titleKey. */
  titles: Set<string>;
  /** How the entry's questions ask (who, how much, ...), as shares. */
  askTypes: Map<QuestionType, number>;
}

/** For each term, the entries using it, how strongly, and how many of their questions and keywords do. */
export type Postings = Map<string, { docs: Int32Array; presence: Float64Array; uses: Uint16Array }>;

export interface BuiltIndex {
  docs: IndexedDocument[];
  postings: Postings;
  bayesCounts: BayesCounts;
  /** Entries by "dimension=level". */
  rows: Map<string, number[]>;
  idf: Map<string, number>;
  /** The idf of each term by its id (a counterexample-only term weighs like an unknown word). */
  idfById: Float64Array;
  termIds: Map<string, number>;
  maxIdf: number;
  /** The presence of a term that only the answer text uses. */
  bodyOnlyPresence: number;
  /** How often each word is written in the entries and the extra vocabulary: what typo repair aims at. */
  wordCounts: Map<string, number>;
}

/** Per-term lists being filled, entry by entry. */
type Building = Map<string, { docs: number[]; presence: number[]; uses: number[] }>;

export function buildIndex(
  documents: readonly SearchDocument[],
  analyzer: Analyzer,
  weights: ScoringWeights,
  vocabulary: readonly string[],
): BuiltIndex {
  const wordCounts = new Map<string, number>();
  const countWords = (normalized: string) => {
    for (const w of contentWords(normalized)) wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
  };
  vocabulary.forEach((text) => countWords(analyzer.normalize(text)));

  const termIds = new Map<string, number>();
  const termId = (term: string) => {
    let id = termIds.get(term);
    if (id === undefined) termIds.set(term, (id = termIds.size));
    return id;
  };
  const building: Building = new Map();
  const rows = new Map<string, number[]>();
  const fieldsByDoc: number[] = [];
  const docs = documents.map((d, index) => {
    const indexed = indexDocument(d, index, { analyzer, weights, building, termId, countWords });
    fieldsByDoc.push(d.phrasings.length + d.keywords.length);
    for (const [name, level] of Object.entries(d.facets ?? {})) {
      if (level !== undefined) rows.set(`${name}=${level}`, [...(rows.get(`${name}=${level}`) ?? []), index]);
    }
    return indexed;
  });
  const postings: Postings = new Map();
  for (const [term, { docs: ids, presence, uses }] of building) {
    postings.set(term, { docs: Int32Array.from(ids), presence: Float64Array.from(presence), uses: Uint16Array.from(uses) });
  }

  const bodyOnlyPresence = weights.bodyTerm / (weights.bodyTerm + weights.saturation);
  // Document frequency counts the entries that ask about a term, not those whose answer text
  // mentions it in passing: "pay" is rare among questions even if many answers say it.
  const idf = new Map<string, number>();
  for (const [term, list] of postings) {
    const asked = list.presence.filter((p) => p > bodyOnlyPresence).length;
    idf.set(term, bm25Idf(docs.length, asked || list.docs.length));
  }
  const maxIdf = bm25Idf(docs.length, 0);
  const idfById = setNorms(docs, termIds, idf, maxIdf);
  const bayesCounts = bayesCountsOf(postings, Uint16Array.from(fieldsByDoc));
  return { docs, postings, bayesCounts, rows, idf, idfById, termIds, maxIdf, bodyOnlyPresence, wordCounts };
}

interface DocumentContext {
  analyzer: Analyzer;
  weights: ScoringWeights;
  building: Building;
  termId: (term: string) => number;
  countWords: (normalized: string) => void;
}

/** One entry: its vectors, phrases, titles and question types, and its terms added to the postings. */
function indexDocument(
  d: SearchDocument,
  index: number,
  { analyzer, weights, building, termId, countWords }: DocumentContext,
): IndexedDocument {
  // A term's weight in an entry grows with the number of fields that use it, and saturates:
  // an entry whose every phrasing says "pay" is more about pay than one that says it once.
  const counts = new Map<string, number>();
  const note = (terms: Iterable<string>, weight: number) => {
    for (const t of new Set(terms)) counts.set(t, (counts.get(t) ?? 0) + weight);
  };
  // Each field is normalized once; its terms, words, titles and question types all read that.
  const phrasingTexts = d.phrasings.map((p) => analyzer.normalize(p));
  const keywordTexts = d.keywords.map((k) => analyzer.normalize(k));
  const bodyText = analyzer.normalize(d.body);
  const phrasingTerms = phrasingTexts.map((t) => [...new Set(analyzer.normalizedTerms(t))]);
  phrasingTerms.forEach((terms) => note(terms, 1));
  keywordTexts.forEach((k) => note(analyzer.normalizedTerms(k), 1));
  const uses = new Map(counts);
  note(analyzer.normalizedTerms(bodyText), weights.bodyTerm);
  [...phrasingTexts, ...keywordTexts, bodyText].forEach(countWords);
  // Per term, how strongly the entry is about it, in (0, 1); kept only in the postings.
  for (const [term, count] of counts) {
    let list = building.get(term);
    if (!list) building.set(term, (list = { docs: [], presence: [], uses: [] }));
    list.docs.push(index);
    list.presence.push(count / (count + weights.saturation));
    list.uses.push(uses.get(term) ?? 0);
  }
  const vector = (terms: readonly string[]) => ({ ids: Int32Array.from(terms, termId), norm: 0 });
  return {
    id: d.id,
    phrasings: phrasingTerms.map(vector),
    counterexamples: (d.counterexamples ?? []).map((c) => vector([...new Set(analyzer.terms(c))])),
    phrases: keywordTexts.filter((k) => k.includes(' ')).map((k) => ({ text: k, words: contentWords(k) })),
    facets: d.facets ?? {},
    titles: new Set([...phrasingTexts, ...keywordTexts].flatMap((t) => titlesIn(t.split(' ')))),
    askTypes: typeShares(phrasingTexts),
  };
}

/** Each phrasing's and counterexample's vector length under idf weights; returns the idf by term id. */
function setNorms(
  docs: readonly IndexedDocument[],
  termIds: ReadonlyMap<string, number>,
  idf: ReadonlyMap<string, number>,
  maxIdf: number,
): Float64Array {
  const idfById = new Float64Array(termIds.size);
  // A word only counterexamples use is unknown to questions, so it weighs like an unknown word.
  for (const [term, id] of termIds) idfById[id] = idf.get(term) ?? maxIdf;
  for (const d of docs) {
    for (const p of [...d.phrasings, ...d.counterexamples]) p.norm = Math.sqrt(p.ids.reduce((sum, id) => sum + idfById[id] ** 2, 0));
  }
  return idfById;
}
