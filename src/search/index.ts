// The search index and its scoring. Pure and independent of the bot framework: documents in,
// ranked candidates with a confidence in [0, 1] out.
//
// Scoring, for the question's terms Q weighted by inverse document frequency (unknown words
// weigh like the rarest term, so "salary of a CEO" is mostly unexplained and scores low):
// - coverage: the share of Q's weight the entry explains (questions, alternates, title and
//   keywords count fully, the answer text partly);
// - closeness: the best cosine between Q and any single phrasing of the entry, which rewards a
//   question that reads like one the editors wrote;
// - phrase evidence: fuse.js fuzzy matches of the entry's multi-word keywords in the question,
//   on a shortlist only;
// - facets: the level the question names (years, "senior", "50k") picks that row's entry.
// - naive Bayes: how likely each shortlisted entry's questions and keywords are to produce the
//   question's terms (bayes.ts), which weighs a term by how typical it is of one entry.
// A word the index does not know but whose neighbours in meaning it does ("talents" -> "skill")
// brings those terms in, weighted by their similarity, and weighs less as an unknown word.
import { Analyzer, type QueryAnalysis } from './analyzer';
import { resolveLevel, extractAmount, extractYears, type FacetDimension } from './facets';
import { blendFocused, focusSentence } from './focus';
import type { WordSet } from './lexicon';
import { bestPhraseMatch, type KeywordPhrase } from './phrases';
import { askAgreement, questionType, typeShares, type QuestionType } from './question-type';
import type { WordNeighbours } from './neighbours';
import { addNeighbourWeights } from './neighbour-weights';
import { contentWords } from './tokenize';
import { buildTypoRepairer, type TypoRepairer } from './typos';
import { CoverageChecker, titlesIn, type CoverageCheck } from './coverage';
import { bayesCountsOf, bayesShares, type BayesCounts } from './bayes';
import { bm25Idf, sortedIndexOf, topByCoverage, twoBestCosines, type TermVector } from './vectors';
import { DEFAULT_WEIGHTS, type ScoringWeights } from './weights';
import type { SearchResult } from './results';

export { DEFAULT_WEIGHTS, type ScoringWeights } from './weights';
export type { HitEvidence, QuerySignals, SearchHit, SearchResult } from './results';

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

export interface SearchOptions {
  /** Structured levels (salary bands, career stages) that entries can be about. */
  dimensions?: readonly FacetDimension[];
  weights?: ScoringWeights;
  /** More words for typo repair to aim at, beyond the documents' own (synonyms, aliases). */
  vocabulary?: readonly string[];
  /**
   * Nouns naming kinds of people. A question about a person the knowledge base never mentions
   * ("what does a paralegal do") is about another job, unless it also names the subject.
   */
  personNouns?: WordSet;
  /** Terms naming what the knowledge base is about ("account manager"). */
  subjectTerms?: readonly string[];
  /** Real English words, which typo repair leaves alone unless they are much rarer (see typos.ts). */
  dictionary?: WordSet;
  /** Words close in meaning to the unknown words of a question, and how common English words are. */
  neighbours?: WordNeighbours;
  /** Countries and cities abroad; a question naming one the knowledge base never uses is not covered. */
  places?: WordSet;
}

interface IndexedDocument {
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

const SHORTLIST = 12;
/** Words at or above this frequency rank in English are everyday words (see unknownShares). */
const EVERYDAY_RANK = 20_000;
const PHRASE_SHORTLIST = 4;
/** Hits that get the calibration-only evidence: more than a decision shows, as the fuzzy phrase pass may reorder them. */
const EVIDENCE_HITS = 8;

/** For each term, the entries using it, how strongly, and how many of their questions and keywords do. */
type Postings = Map<string, { docs: Int32Array; presence: Float64Array; uses: Uint16Array }>;

export class SearchIndex {
  private readonly docs: IndexedDocument[] = [];
  /** Parallel arrays per term, for speed at scale. */
  private readonly postings: Postings = new Map();
  /** The naive Bayes reading's counts (bayes.ts): per entry, its questions and keywords using each term. */
  private readonly bayesCounts: BayesCounts;
  /** Scratch space for one question's coverage by entry; zero outside a ranking. */
  private readonly coveredByDoc: Float64Array;
  /** Entries by "dimension=level", for questions that ask about one row. */
  private readonly rows = new Map<string, number[]>();
  private readonly idf = new Map<string, number>();
  /** Dense ids of phrasing terms, so closeness reads weights from an array, not a map. */
  private readonly termIds = new Map<string, number>();
  /** Scratch space for one question's term weights by id; zero outside a ranking. */
  private readonly queryWeightById: Float64Array;
  private readonly maxIdf: number;
  /** The presence of a term that only the answer text uses. */
  private readonly bodyOnlyPresence: number;
  private readonly typos: TypoRepairer;
  private readonly neighbours: WordNeighbours | undefined;

  private readonly dimensions: readonly FacetDimension[];
  private readonly weights: ScoringWeights;
  private readonly subjectTerms: readonly string[];
  private readonly coverage: CoverageChecker;

  constructor(
    documents: readonly SearchDocument[],
    private readonly analyzer: Analyzer,
    options: SearchOptions = {},
  ) {
    this.dimensions = options.dimensions ?? [];
    this.weights = options.weights ?? DEFAULT_WEIGHTS;
    this.subjectTerms = options.subjectTerms ?? [];
    this.neighbours = options.neighbours;
    const weights = this.weights;
    const wordCounts = new Map<string, number>();
    const countNormalizedWords = (normalized: string) => {
      for (const w of contentWords(normalized)) wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
    };
    (options.vocabulary ?? []).forEach((text) => countNormalizedWords(analyzer.normalize(text)));

    const building = new Map<string, { docs: number[]; presence: number[]; uses: number[] }>();
    const fieldsByDoc: number[] = [];
    documents.forEach((d, index) => {
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
      const titles = new Set([...phrasingTexts, ...keywordTexts].flatMap((t) => titlesIn(t.split(' '))));
      const askTypes = typeShares(phrasingTexts);
      phrasingTerms.forEach((terms) => note(terms, 1));
      keywordTexts.forEach((k) => note(analyzer.normalizedTerms(k), 1));
      const uses = new Map(counts);
      fieldsByDoc.push(d.phrasings.length + d.keywords.length);
      note(analyzer.normalizedTerms(bodyText), weights.bodyTerm);
      // Per term, how strongly the entry is about it, in (0, 1); kept only in the postings.
      const presence = new Map([...counts].map(([t, c]) => [t, c / (c + weights.saturation)]));
      [...phrasingTexts, ...keywordTexts, bodyText].forEach(countNormalizedWords);
      const phrases = keywordTexts.filter((k) => k.includes(' ')).map((k) => ({ text: k, words: contentWords(k) }));
      const vector = (terms: readonly string[]) => ({ ids: Int32Array.from(terms, (t) => this.termId(t)), norm: 0 });
      const phrasings = phrasingTerms.map(vector);
      const counterexamples = (d.counterexamples ?? []).map((c) => vector([...new Set(analyzer.terms(c))]));
      this.docs.push({ id: d.id, phrasings, counterexamples, phrases, facets: d.facets ?? {}, titles, askTypes });
      for (const [name, level] of Object.entries(d.facets ?? {})) {
        if (level !== undefined) this.rows.set(`${name}=${level}`, [...(this.rows.get(`${name}=${level}`) ?? []), index]);
      }
      for (const [term, weight] of presence) {
        let list = building.get(term);
        if (!list) building.set(term, (list = { docs: [], presence: [], uses: [] }));
        list.docs.push(index);
        list.presence.push(weight);
        list.uses.push(uses.get(term) ?? 0);
      }
    });
    for (const [term, list] of building) {
      const { docs, presence, uses } = list;
      this.postings.set(term, { docs: Int32Array.from(docs), presence: Float64Array.from(presence), uses: Uint16Array.from(uses) });
    }
    // A function outside the constructor, so its closures keep only the postings alive, not the scratch maps.
    this.bayesCounts = bayesCountsOf(this.postings, Uint16Array.from(fieldsByDoc));
    this.coveredByDoc = new Float64Array(this.docs.length);

    const n = this.docs.length;
    this.bodyOnlyPresence = weights.bodyTerm / (weights.bodyTerm + weights.saturation);
    // Document frequency counts the entries that ask about a term, not those whose answer text
    // mentions it in passing: "pay" is rare among questions even if many answers say it.
    for (const [term, list] of this.postings) {
      const asked = list.presence.filter((p) => p > this.bodyOnlyPresence).length;
      this.idf.set(term, bm25Idf(n, asked || list.docs.length));
    }
    this.maxIdf = bm25Idf(n, 0);
    const idfById = new Float64Array(this.termIds.size);
    // A word only counterexamples use is unknown to questions, so it weighs like an unknown word.
    for (const [term, id] of this.termIds) idfById[id] = this.idf.get(term) ?? this.maxIdf;
    for (const d of this.docs) {
      for (const p of [...d.phrasings, ...d.counterexamples]) {
        p.norm = Math.sqrt(p.ids.reduce((sum, id) => sum + idfById[id] ** 2, 0));
      }
    }
    this.queryWeightById = new Float64Array(this.termIds.size);
    // Bound, not a closure: a closure here would keep this constructor's scratch maps alive.
    const rank = options.neighbours?.frequencyRank.bind(options.neighbours);
    this.typos = buildTypoRepairer(wordCounts, options.dictionary, rank);
    const usesWord = this.typos.has.bind(this.typos);
    this.coverage = new CoverageChecker(analyzer, options.personNouns ?? new Set(), options.places ?? new Set(), this.subjectTerms, usesWord);
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termIds.size;
      this.termIds.set(term, id);
    }
    return id;
  }

  get size(): number {
    return this.docs.length;
  }

  /**
   * Ranks the entries for a question. A long message is also matched by its focus sentence (see
   * focus.ts): each entry's score moves from the whole message's towards the sentence's by a share
   * (weights.focusShare), so the question leads while the context still counts a little.
   */
  search(text: string, limit = 5): SearchResult {
    const focus = focusSentence(text);
    if (focus === undefined) {
      const only = this.rank(text);
      return { ...only, hits: only.hits.slice(0, limit) };
    }
    const focused = this.rank(focus);
    // The question sentence says whose job the paragraph asks about ("... How much do nurses make?").
    const whole = this.rank(text, this.coverage.check(focused.analysis));
    // A question sentence of one or two terms ("what does pay look like?") leans on its context.
    if (new Set(focused.analysis.terms).size < 3) return { ...whole, hits: whole.hits.slice(0, limit) };
    const hits = blendFocused(whole.hits, focused.hits, this.weights.focusShare).slice(0, limit);
    return { analysis: whole.analysis, signals: { ...whole.signals, focused: true }, hits };
  }

  /**
   * The shares of the question's terms that are unknown everyday words ("standing", "expected")
   * and unknown rare ones ("lasagna", "hygienist"), by English frequency: a rare unknown word is
   * probably what the question is about, an everyday one more often just how it is put.
   */
  private unknownShares(analysis: QueryAnalysis): { unknownCommon: number; unknownRare: number } {
    const terms = Math.max(1, new Set(analysis.terms).size);
    let common = 0;
    for (const word of analysis.unknownWords) if ((this.neighbours?.frequencyRank(word) ?? Infinity) <= EVERYDAY_RANK) common++;
    return { unknownCommon: common / terms, unknownRare: (analysis.unknownWords.length - common) / terms };
  }

  /**
   * @param coverage the coverage check made elsewhere (on a long message's question sentence);
   *   by default made on this text
   */
  private rank(text: string, coverage?: CoverageCheck): SearchResult {
    const analysis = this.analyzer.analyzeQuery(text, this.typos, (s) => this.postings.has(s), this.neighbours);
    const amount = extractAmount(text);
    const implied = amount === undefined ? [] : this.dimensions.flatMap((d) => d.impliedByAmount ?? []);
    const facts = { terms: [...analysis.sequence, ...implied], years: extractYears(analysis.text), amount };
    const querySet = new Set([...analysis.terms, ...implied]);
    const query = [...querySet];
    const namesSubject = this.subjectTerms.some((t) => querySet.has(t));
    const unknownWeight =
      this.maxIdf *
      this.weights.unknownWord *
      Math.min(1, this.weights.unknownWordContext / query.length) *
      (namesSubject ? this.weights.unknownWithSubject : 1);
    const queryWeights = new Map(query.map((t) => [t, this.idf.get(t) ?? unknownWeight]));
    addNeighbourWeights(queryWeights, analysis.expansions, this.idf, this.weights.neighbour);
    let totalWeight = 0;
    let squares = 0;
    for (const w of queryWeights.values()) {
      totalWeight += w;
      squares += w * w;
    }
    const check = coverage ?? this.coverage.check(analysis);
    const asks = questionType(analysis.text);
    const signals = { namesSubject, focused: false, ...this.unknownShares(analysis) };
    if (totalWeight === 0) return { analysis, signals, hits: [] };
    const queryNorm = Math.sqrt(squares);

    // Coverage, accumulated from the postings of the question's terms only.
    const covered = this.coveredByDoc;
    const touched: number[] = [];
    for (const [t, w] of queryWeights) {
      const list = this.postings.get(t);
      if (!list) continue;
      for (let i = 0; i < list.docs.length; i++) {
        const doc = list.docs[i];
        if (covered[doc] === 0) touched.push(doc);
        covered[doc] += w * list.presence[i];
      }
    }
    const shortlist = topByCoverage(touched, covered, SHORTLIST);
    const byId = this.queryWeightById;
    const queryIds: number[] = [];
    for (const [t, w] of queryWeights) {
      const id = this.termIds.get(t);
      if (id === undefined) continue;
      byId[id] = w;
      queryIds.push(id);
    }

    const levels = new Map(this.dimensions.map((d) => [d.name, resolveLevel(d, facts)]));
    for (const d of this.dimensions) if (d.yieldsTo && levels.get(d.yieldsTo) !== undefined) levels.delete(d.name);
    // A dimension gated by topic words that resolved a level names one row: make sure it competes.
    const askedRows = new Set<number>();
    for (const d of this.dimensions) {
      const level = levels.get(d.name);
      if (d.topicTerms && level !== undefined) for (const doc of this.rows.get(`${d.name}=${level}`) ?? []) askedRows.add(doc);
    }
    for (const doc of askedRows) if (!shortlist.some(([s]) => s === doc)) shortlist.push([doc, covered[doc]]);
    for (const doc of touched) covered[doc] = 0;
    const bayes = this.weights.bayes > 0 ? bayesShares(shortlist.map(([doc]) => doc), this.bayesTerms(analysis), this.bayesCounts) : [];

    const scored = shortlist.map(([doc, coveredWeight], k) => {
      const d = this.docs[doc];
      const coverage = coveredWeight / totalWeight;
      const [closeness, runnerUpCloseness] = twoBestCosines(d.phrasings, byId, queryNorm);
      // Facets scale rather than add: they choose among entries that are already relevant.
      let facet = 1;
      for (const [name, level] of levels) {
        const own = d.facets[name];
        if (level === undefined || own === undefined) continue;
        facet *= own === level ? 1 + this.weights.facetMatch : 1 - this.weights.facetMismatch;
      }
      const notCovered = this.coverage.isNotCovered(check, d.titles) ? 1 : 0;
      const agreement = askAgreement(asks, d.askTypes);
      const score =
        (1 + this.weights.askAgreement * (agreement - 0.5)) *
        (notCovered ? this.weights.otherOccupation : 1) *
        (facet * (this.weights.coverage * coverage + this.weights.closeness * closeness) +
          (askedRows.has(doc) ? this.weights.rowBonus : 0) +
          this.weights.bayes * (bayes[k] ?? 0));
      // missing, mainMissing and against are evidence for the calibration only: set for the head below.
      const parts = { coverage, closeness, runnerUpCloseness, phrase: 0, facet, missing: 1, mainMissing: 1, against: 0, notCovered, askAgreement: agreement };
      return { doc, score, parts };
    });
    scored.sort((a, b) => b.score - a.score);
    for (const hit of scored.slice(0, EVIDENCE_HITS)) {
      Object.assign(hit.parts, this.missingTerms(hit.doc, queryWeights, totalWeight));
      hit.parts.against = twoBestCosines(this.docs[hit.doc].counterexamples, byId, queryNorm)[0];
    }
    for (const id of queryIds) byId[id] = 0;

    // Fuzzy phrase evidence (phrases.ts) re-ranks the head of the list when some words stayed unknown.
    const fuzzy = analysis.unknownWords.length > 0 ? scored.slice(0, PHRASE_SHORTLIST) : [];
    for (const candidate of fuzzy) {
      candidate.parts.phrase = bestPhraseMatch(this.docs[candidate.doc].phrases, analysis.text, analysis.unknownWords);
      candidate.score += this.weights.phrase * candidate.parts.phrase;
    }
    scored.sort((a, b) => b.score - a.score);

    return {
      analysis,
      signals,
      hits: scored.map((s) => ({ id: this.docs[s.doc].id, score: clamp01(s.score), parts: s.parts })),
    };
  }

  /**
   * The question's terms the index knows, once each, and its unknown words' neighbours at their
   * share of a term's weight in coverage (similarity times weights.neighbour, see neighbour-weights.ts).
   */
  private bayesTerms(analysis: QueryAnalysis): Map<string, number> {
    const terms = new Map<string, number>();
    for (const t of analysis.terms) if (this.postings.has(t)) terms.set(t, 1);
    for (const e of analysis.expansions) {
      const weight = Math.min(1, e.similarity * this.weights.neighbour);
      if (weight > 0) terms.set(e.term, Math.max(terms.get(e.term) ?? 0, weight));
    }
    return terms;
  }

  /** The question's terms none of the entry's questions or keywords use: their share, and whether the weightiest is one. */
  private missingTerms(doc: number, queryWeights: ReadonlyMap<string, number>, totalWeight: number) {
    let missing = 0;
    let heaviest = 0;
    let heaviestMissing = false;
    for (const [term, weight] of queryWeights) {
      const list = this.postings.get(term);
      const at = list ? sortedIndexOf(list.docs, doc) : -1;
      const absent = at === -1 || list!.presence[at] <= this.bodyOnlyPresence;
      if (absent) missing += weight;
      if (weight > heaviest) {
        heaviest = weight;
        heaviestMissing = absent;
      }
    }
    return { missing: missing / totalWeight, mainMissing: heaviestMissing ? 1 : 0 };
  }
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
