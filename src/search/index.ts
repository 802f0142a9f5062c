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
import { resolveLevel, extractAmount, extractYears, type FacetDimension, type QueryFacts } from './facets';
import { blendFocused, focusSentence } from './focus';
import { KnownUnanswered, READS_LIKE_UNANSWERED } from './known-unanswered';
import type { WordSet } from './lexicon';
import type { SlipIndex } from './slips';
import { bestPhraseMatch } from './phrases';
import { askAgreement, questionType } from './question-type';
import type { WordNeighbours } from './neighbours';
import { addNeighbourWeights } from './neighbour-weights';
import { buildTypoRepairer, isDictionaryWord, type TypoRepairer } from './typos';
import { CoverageChecker, ofTitlesIn, type CoverageCheck } from './coverage';
import { withoutAside } from './asides';
import { namesCompany } from './employers';
import { bayesShares, type BayesCounts } from './bayes';
import { buildIndex, type IndexedDocument, type Postings, type SearchDocument } from './index-build';
import { sortedIndexOf, topByCoverage, twoBestCosines } from './vectors';
import { DEFAULT_WEIGHTS, type ScoringWeights } from './weights';
import type { SearchResult } from './results';

export { DEFAULT_WEIGHTS, type ScoringWeights } from './weights';
export type { SearchHit, SearchResult } from './results';
export type { SearchDocument } from './index-build';

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
  /** The person nouns and places by their slips, so a mistyped one counts too (slips.ts). */
  slips?: { people: SlipIndex; places: SlipIndex };
}

const SHORTLIST = 12;
/** Words at or above this frequency rank in English are everyday words (see unknownShares). */
const EVERYDAY_RANK = 20_000;
const PHRASE_SHORTLIST = 4;
/** Hits that get the calibration-only evidence: more than a decision shows, as the fuzzy phrase pass may reorder them. */
const EVIDENCE_HITS = 8;

export class SearchIndex {
  private readonly docs: IndexedDocument[];
  /** Parallel arrays per term, for speed at scale. */
  private readonly postings: Postings;
  /** The naive Bayes reading's counts (bayes.ts): per entry, its questions and keywords using each term. */
  private readonly bayesCounts: BayesCounts;
  /** Scratch space for one question's coverage by entry; zero outside a ranking. */
  private readonly coveredByDoc: Float64Array;
  /** Entries by "dimension=level", for questions that ask about one row. */
  private readonly rows: Map<string, number[]>;
  private readonly idf: Map<string, number>;
  /** Dense ids of phrasing terms, so closeness reads weights from an array, not a map. */
  private readonly termIds: Map<string, number>;
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
  private readonly personNouns: WordSet;
  private readonly places: WordSet;
  private readonly knownUnanswered: KnownUnanswered;

  constructor(
    documents: readonly SearchDocument[],
    private readonly analyzer: Analyzer,
    options: SearchOptions = {},
  ) {
    this.dimensions = options.dimensions ?? [];
    this.weights = options.weights ?? DEFAULT_WEIGHTS;
    this.subjectTerms = options.subjectTerms ?? [];
    this.neighbours = options.neighbours;
    const built = buildIndex(documents, analyzer, this.weights, options.vocabulary ?? []);
    ({ docs: this.docs, postings: this.postings, bayesCounts: this.bayesCounts, rows: this.rows, idf: this.idf } = built);
    ({ termIds: this.termIds, maxIdf: this.maxIdf, bodyOnlyPresence: this.bodyOnlyPresence } = built);
    this.coveredByDoc = new Float64Array(this.docs.length);
    this.knownUnanswered = new KnownUnanswered(
      this.docs.flatMap((d) => d.counterexamples),
      built.idfById,
    );
    this.queryWeightById = new Float64Array(this.termIds.size);
    // Bound, not a closure: a closure here would keep this constructor's scratch maps alive.
    const rank = options.neighbours?.frequencyRank.bind(options.neighbours);
    this.typos = buildTypoRepairer(built.wordCounts, options.dictionary, rank);
    const usesWord = this.typos.has.bind(this.typos);
    const dictionary = options.dictionary;
    this.personNouns = options.personNouns ?? new Set();
    this.places = options.places ?? new Set();
    this.coverage = new CoverageChecker(
      analyzer,
      this.personNouns,
      this.places,
      this.subjectTerms,
      usesWord,
      // Without a dictionary no word is read as a mistyped person or place.
      dictionary &&
        options.slips && { ...options.slips, english: { has: (word) => isDictionaryWord(word, dictionary), rank: (word) => rank?.(word) } },
      new Set(
        documents.flatMap((d) => [...d.phrasings, ...d.keywords, d.body].flatMap((t) => ofTitlesIn(analyzer.normalize(t).split(' ')))),
      ),
    );
  }

  get size(): number {
    return this.docs.length;
  }

  /** Whether a text has a word the index knows, or a person or place (an opening that is no aside). */
  private saysSomething(text: string): boolean {
    if (this.analyzer.terms(text).some((t) => this.postings.has(t))) return true;
    return this.analyzer.words(text).some((w) => this.personNouns.has(w) || this.places.has(w) || this.typos.repair(w) !== undefined);
  }

  /**
   * Ranks the entries for a question. A long message is also matched by its focus sentence (see
   * focus.ts): each entry's score moves from the whole message's towards the sentence's by a share
   * (weights.focusShare), so the question leads while the context still counts a little.
   */
  search(message: string, limit = 5): SearchResult {
    const text = withoutAside(message, (opening) => this.saysSomething(opening));
    const focus = focusSentence(text);
    const company = namesCompany(focus ?? text, (word) => this.coverage.isSubjectWord(word));
    if (focus === undefined) {
      const only = this.rank(text, undefined, company);
      return { ...only, hits: only.hits.slice(0, limit) };
    }
    const focused = this.rank(focus, undefined, company);
    // The question sentence says whose job the paragraph asks about ("... How much do nurses make?").
    const whole = this.rank(text, { ...this.coverage.check(focused.analysis), company });
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
   * @param company whether the question names one company (employers.ts)
   */
  private rank(text: string, coverage?: CoverageCheck, company = false): SearchResult {
    const question = this.weighQuestion(text);
    const { analysis, signals, queryWeights, totalWeight } = question;
    if (totalWeight === 0) return { analysis, signals, hits: [] };
    const levels = this.levelsAsked(question.facts);
    const shortlist = this.shortlist(queryWeights, levels.askedRows);
    const bayes =
      this.weights.bayes > 0
        ? bayesShares(
            shortlist.map(([doc]) => doc),
            this.bayesTerms(analysis),
            this.bayesCounts,
          )
        : [];

    const byId = this.queryWeightById;
    const queryIds: number[] = [];
    for (const [t, w] of queryWeights) {
      const id = this.termIds.get(t);
      if (id === undefined) continue;
      byId[id] = w;
      queryIds.push(id);
    }
    const context = {
      check: coverage ?? { ...this.coverage.check(analysis), company },
      asks: questionType(analysis.text),
      levels,
      queryNorm: question.queryNorm,
      unanswered: this.knownUnanswered.bestCosine(queryIds, byId, question.queryNorm),
    };
    const scored = shortlist.map(([doc, coveredWeight], k) => this.scoreEntry(doc, coveredWeight / totalWeight, bayes[k] ?? 0, context));
    scored.sort((a, b) => b.score - a.score);
    for (const hit of scored.slice(0, EVIDENCE_HITS)) {
      Object.assign(hit.parts, this.missingTerms(hit.doc, queryWeights, totalWeight));
      hit.parts.against = twoBestCosines(this.docs[hit.doc].counterexamples, byId, question.queryNorm)[0];
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

  /** The question's analysis, its terms' weights (unknown words and neighbours included) and what it says as a whole. */
  private weighQuestion(text: string) {
    const analysis = this.analyzer.analyzeQuery(text, this.typos, (s) => this.postings.has(s), this.neighbours);
    const amount = extractAmount(text);
    const implied = amount === undefined ? [] : this.dimensions.flatMap((d) => d.impliedByAmount ?? []);
    const facts: QueryFacts = { terms: [...analysis.sequence, ...implied], years: extractYears(analysis.text), amount };
    const query = [...new Set([...analysis.terms, ...implied])];
    const namesSubject = this.subjectTerms.some((t) => query.includes(t));
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
    const signals = { namesSubject, focused: false, ...this.unknownShares(analysis) };
    return { analysis, facts, queryWeights, totalWeight, queryNorm: Math.sqrt(squares), signals };
  }

  /**
   * The SHORTLIST entries covering most of the question's weight (accumulated from its terms'
   * postings only), with their covered weight, and the `asked` entries besides.
   */
  private shortlist(queryWeights: ReadonlyMap<string, number>, asked: ReadonlySet<number>): [number, number][] {
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
    const top = topByCoverage(touched, covered, SHORTLIST);
    for (const doc of asked) if (!top.some(([s]) => s === doc)) top.push([doc, covered[doc]]);
    for (const doc of touched) covered[doc] = 0;
    return top;
  }

  /** The level the question names in each dimension, and the entries of the rows it asks about by topic. */
  private levelsAsked(facts: QueryFacts) {
    const levels = new Map(this.dimensions.map((d) => [d.name, resolveLevel(d, facts)]));
    for (const d of this.dimensions) if (d.yieldsTo && levels.get(d.yieldsTo) !== undefined) levels.delete(d.name);
    // A dimension gated by topic words that resolved a level names one row: make sure it competes.
    const askedRows = new Set<number>();
    for (const d of this.dimensions) {
      const level = levels.get(d.name);
      if (d.topicTerms && level !== undefined) for (const doc of this.rows.get(`${d.name}=${level}`) ?? []) askedRows.add(doc);
    }
    return { levels, askedRows };
  }

  /** One shortlisted entry's score and the evidence behind it (the calibration-only parts are set later). */
  private scoreEntry(
    doc: number,
    coverage: number,
    bayes: number,
    context: {
      check: CoverageCheck;
      asks: ReturnType<typeof questionType>;
      levels: ReturnType<SearchIndex['levelsAsked']>;
      queryNorm: number;
      /** The question's best cosine to any counterexample (known-unanswered.ts). */
      unanswered: number;
    },
  ) {
    const d = this.docs[doc];
    const w = this.weights;
    const [closeness, runnerUpCloseness] = twoBestCosines(d.phrasings, this.queryWeightById, context.queryNorm);
    // Facets scale rather than add: they choose among entries that are already relevant.
    let facet = 1;
    for (const [name, level] of context.levels.levels) {
      const own = d.facets[name];
      if (level === undefined || own === undefined) continue;
      facet *= own === level ? 1 + w.facetMatch : 1 - w.facetMismatch;
    }
    // Reading more like a question editors marked unanswered than like this entry's own is not covered either.
    const readsUnanswered = context.unanswered >= READS_LIKE_UNANSWERED && context.unanswered > closeness;
    const notCovered = readsUnanswered || this.coverage.isNotCovered(context.check, d.titles) ? 1 : 0;
    const agreement = askAgreement(context.asks, d.askTypes);
    const score =
      (1 + w.askAgreement * (agreement - 0.5)) *
      (notCovered ? w.otherOccupation : 1) *
      (facet * (w.coverage * coverage + w.closeness * closeness) + (context.levels.askedRows.has(doc) ? w.rowBonus : 0) + w.bayes * bayes);
    // missing, mainMissing and against are evidence for the calibration only: set for the head in rank().
    const parts = {
      coverage,
      closeness,
      runnerUpCloseness,
      phrase: 0,
      facet,
      missing: 1,
      mainMissing: 1,
      against: 0,
      notCovered,
      askAgreement: agreement,
    };
    return { doc, score, parts };
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
