// The FAQ service: a question in, a Decision out (answer, clarify, fallback or small talk).
// It joins the knowledge base to the pure search core; it knows nothing of channels or botbuilder.
import type { KnowledgeBase } from '../knowledge/load';
import type { Entry, MessagesData, TuningData } from '../knowledge/schema';
import { Analyzer } from '../search/analyzer';
import type { FacetDimension } from '../search/facets';
import { DEFAULT_WEIGHTS, SearchIndex, type ScoringWeights, type SearchResult } from '../search/index';
import { SmalltalkMatcher } from '../search/smalltalk';
import { loadWordList, type WordSet } from '../search/lexicon';
import { SlipIndex } from '../search/slips';
import { loadNeighbourTable, type WordNeighbours } from '../search/neighbours';
import { Calibrator } from './calibration';
import { choose, type Thresholds } from './choose';
import type { Decision, EntryLink, ScoredEntry } from './decision';
import { evidenceOf, type Evidence } from './evidence';
import { SalaryInMarket } from './salary-in-market';

let lexicon:
  | { personNouns: WordSet; english: WordSet; places: WordSet; neighbours: WordNeighbours; slips: { people: SlipIndex; places: SlipIndex } }
  | undefined;
/** The word lists, read once per process and shared by every FaqService. */
function sharedLexicon() {
  if (lexicon) return lexicon;
  const personNouns = loadWordList('person-nouns');
  const places = loadWordList('places');
  const slips = { people: new SlipIndex(personNouns.words()), places: new SlipIndex(places.words()) };
  lexicon = { personNouns, english: loadWordList('english-words'), places, neighbours: loadNeighbourTable(), slips };
  return lexicon;
}

/** A fallback offers the candidates this close to clarifying as its topics, else the main topics. */
const SUGGEST_SHARE = 0.5;

export class FaqService {
  readonly messages: MessagesData;
  private readonly calibrator: Calibrator;
  private readonly thresholds: Thresholds;
  private readonly entries = new Map<string, Entry>();
  /** Normalized titles, questions and alternates: a button press or a question the editors wrote skips ranking. */
  private readonly exact = new Map<string, string>();
  private readonly index: SearchIndex;
  private readonly smalltalk: SmalltalkMatcher;
  private readonly analyzer: Analyzer;
  /** Normalized phrases of requests the bot never serves. */
  private readonly declined: string[];
  /** Links resolved once: every answer and fallback offers them. */
  private readonly followUpLinks: Map<string, EntryLink[]>;
  private readonly mainTopicLinks: EntryLink[];
  private readonly salaryInMarket: SalaryInMarket;
  private readonly applyUrl: string | undefined;

  /** Recent decisions by exact question: FAQ traffic repeats itself, and buttons send titles. */
  private readonly recent = new Map<string, Decision>();
  private readonly cacheSize: number;

  constructor(
    private readonly kb: KnowledgeBase,
    options: {
      tuning?: TuningData;
      cacheSize?: number;
      /** The employer's application form: the apply entry's answer links to it (messages.yaml's apply). */
      applyUrl?: string;
    } = {},
  ) {
    const tuning = options.tuning ?? kb.tuning;
    const weights: ScoringWeights = { ...DEFAULT_WEIGHTS, ...tuning.weights };
    this.calibrator = new Calibrator(tuning.calibration);
    this.thresholds = tuning.decision;
    this.cacheSize = options.cacheSize ?? 1000;
    this.messages = kb.messages;
    this.analyzer = new Analyzer(kb.synonyms.abbreviations, kb.synonyms.groups);
    for (const entry of kb.entries) {
      this.entries.set(entry.id, entry);
      for (const text of [entry.title, entry.question, ...entry.alternates]) {
        const key = this.analyzer.normalize(text);
        if (!this.exact.has(key)) this.exact.set(key, entry.id);
      }
    }
    this.index = new SearchIndex(
      kb.entries.map((e) => ({
        id: e.id,
        phrasings: [e.question, e.title, ...e.alternates],
        keywords: e.keywords,
        body: e.answer,
        facets: e.facets,
        counterexamples: e.counterexamples,
      })),
      this.analyzer,
      {
        dimensions: this.facetDimensions(),
        weights,
        vocabulary: [...kb.synonyms.groups.flat(), ...Object.values(kb.synonyms.abbreviations)],
        personNouns: sharedLexicon().personNouns,
        dictionary: sharedLexicon().english,
        places: sharedLexicon().places,
        slips: sharedLexicon().slips,
        neighbours: sharedLexicon().neighbours,
        subjectTerms: kb.synonyms.subject.flatMap((s) => this.analyzer.sequence(s)),
      },
    );
    this.smalltalk = new SmalltalkMatcher(kb.smalltalk.intents, kb.synonyms.abbreviations);
    this.declined = kb.outOfScope.phrases.map((p) => ` ${this.analyzer.normalize(p)} `);
    this.followUpLinks = new Map(kb.entries.map((e) => [e.id, e.followUps.map((id) => this.link(id))]));
    this.mainTopicLinks = kb.messages.mainTopics.map((id) => this.link(id));
    this.salaryInMarket = new SalaryInMarket(kb, (t) => this.analyzer.normalize(t));
    this.applyUrl = options.applyUrl;
  }

  /** The confidence needed to answer (for traces of turns that skip `ask`). */
  get threshold(): number {
    return this.thresholds.answerAt;
  }

  get entryCount(): number {
    return this.entries.size;
  }

  link(id: string): EntryLink {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`unknown entry id "${id}"`);
    return { id, title: entry.title };
  }

  /** An entry's title and answer, as a recruiter's quick answer shows them. */
  entry(id: string): { id: string; title: string; text: string } {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`unknown entry id "${id}"`);
    return { id, title: entry.title, text: entry.answer };
  }

  /**
   * The answers a search box lists for a query (the Teams message extension): the answer and its
   * close runners-up, or the did-you-mean choices; none for small talk or an out-of-scope query.
   */
  searchAnswers(text: string, limit = 5): { id: string; title: string; text: string; score: number }[] {
    const decision = this.ask(text);
    const ids =
      decision.kind === 'answer'
        ? decision.top.filter((t, i) => i === 0 || t.score >= decision.threshold).map((t) => t.id)
        : decision.kind === 'clarify'
          ? (decision.choices ?? []).map((c) => c.id)
          : [];
    const scores = new Map(decision.top.map((t) => [t.id, t.score]));
    return ids.slice(0, limit).map((id) => ({ ...this.entry(id), score: scores.get(id) ?? 0 }));
  }

  /**
   * Decides what to say to one message. The returned Decision is shared with later identical
   * questions (see `recent`): treat it as read-only.
   */
  ask(text: string): Decision {
    const query = text.trim();
    const cached = this.recent.get(query);
    if (cached) {
      // Refresh its place, so the cache drops the least recently asked question first.
      this.recent.delete(query);
      this.recent.set(query, cached);
      return cached;
    }
    const decision = this.decide(query);
    if (this.cacheSize > 0) {
      if (this.recent.size >= this.cacheSize) this.recent.delete(this.recent.keys().next().value!);
      this.recent.set(query, decision);
    }
    return decision;
  }

  private decide(query: string): Decision {
    const base = { query, threshold: this.threshold };
    return this.shortcut(base) ?? this.decideRanked(base, this.search(query));
  }

  /** What is decided before any ranking: a title, question or alternate as written, small talk, a declined request. */
  shortcut(base: DecisionBase): Decision | undefined {
    const normalized = this.analyzer.normalize(base.query);
    const exactId = this.exact.get(normalized);
    if (exactId) return this.answer(base, [{ id: exactId, title: this.entries.get(exactId)!.title, score: 1 }]);

    const smalltalk = this.smalltalk.matchNormalized(normalized);
    if (smalltalk) {
      const intent = this.kb.smalltalk.intents.find((i) => i.id === smalltalk.id)!;
      return { ...base, kind: 'smalltalk', score: smalltalk.score, top: [], reply: pick(intent.replies, base.query) };
    }

    const padded = ` ${normalized} `;
    if (this.declined.some((phrase) => padded.includes(phrase))) return this.fallback(base, []);
    return undefined;
  }

  /** The candidates with their calibrated confidence, most likely first. */
  calibrated(query: string, result: SearchResult): ScoredEntry[] {
    return this.evidence(query, result)
      .map((evidence, i) => ({
        id: result.hits[i].id,
        title: this.entries.get(result.hits[i].id)!.title,
        score: this.calibrator.probability(evidence),
      }))
      .sort((a, b) => b.score - a.score);
  }

  /** The evidence for each hit of the ranking of `query`, as the calibration reads it. */
  evidence(query: string, result: SearchResult): Evidence[] {
    const words = wordCount(query);
    return result.hits.map((_, i) => evidenceOf(result, i, words));
  }

  /** Answer, clarify or fall back, by the calibrated confidence (thresholds in knowledge/tuning.yaml). */
  private decideRanked(base: DecisionBase, result: SearchResult): Decision {
    const ranked = this.calibrated(base.query, result);
    const choice = choose(ranked, this.thresholds);
    if (choice.kind === 'answer') return this.answer(base, ranked);
    if (choice.kind === 'fallback') return this.fallback(base, ranked);
    return { ...base, kind: 'clarify', score: round(ranked[0].score), top: ranked.map(rounded), choices: choice.choices.map(rounded) };
  }

  /** The ranked candidates behind a decision, with their evidence. */
  search(query: string) {
    return this.index.search(query);
  }

  private answer(base: DecisionBase, ranked: ScoredEntry[]): Decision {
    const entry = this.entries.get(ranked[0].id)!;
    // A near-tie that was answered anyway offers the runner-up first.
    const nearTie = ranked[1] && ranked[0].score - ranked[1].score <= this.thresholds.clarifyMargin;
    const followUps = nearTie
      ? [...new Set([ranked[1].id, ...entry.followUps])].filter((id) => id !== entry.id).map((id) => this.link(id))
      : this.followUpLinks.get(entry.id)!;
    return {
      ...base,
      kind: 'answer',
      score: round(ranked[0].score),
      top: ranked.map(rounded),
      answer: { id: entry.id, title: entry.title, text: this.answerText(entry, base.query), followUps },
    };
  }

  /** An entry's answer, with the facts the question combines (a level in a major market) or the employer's apply link. */
  private answerText(entry: Entry, query: string): string {
    const apply = this.messages.apply;
    if (entry.id === apply.entry && this.applyUrl) return `${entry.answer} ${apply.withUrl.replace('{{url}}', this.applyUrl)}`;
    return this.salaryInMarket.answerFor(entry, query) ?? entry.answer;
  }

  /** Declines; offers the candidates that came close as topics, or the main topics when none did. */
  private fallback(base: DecisionBase, ranked: ScoredEntry[]): Decision {
    const near = ranked.filter((h) => h.score >= SUGGEST_SHARE * this.thresholds.clarifyAt);
    return {
      ...base,
      kind: 'fallback',
      score: round(ranked[0]?.score ?? 0),
      top: ranked.map(rounded),
      reply: this.messages.fallback,
      topics: near.length ? near.slice(0, this.thresholds.maxChoices).map((h) => this.link(h.id)) : this.mainTopicLinks,
    };
  }

  /** Salary bands and career stages as levels the matcher can recognise in a question. */
  private facetDimensions(): FacetDimension[] {
    const aliases = (words: readonly string[]) => words.map((w) => this.analyzer.sequence(w)).filter((t) => t.length > 0);
    return [
      {
        name: 'salaryBand',
        levels: this.kb.salary.bands.map((b) => ({
          id: b.id,
          years: b.years,
          amount: { min: b.min, max: b.max, openEnded: b.openEnded },
          aliases: aliases([...b.aliases, ...this.stageTitlesPaidIn(b.id)]),
        })),
        impliedByAmount: this.analyzer.terms('salary'),
        topicTerms: this.analyzer.terms('salary'),
      },
      {
        name: 'ladderStage',
        levels: this.kb.ladder.stages.map((s) => ({ id: s.id, years: s.years, aliases: aliases(s.aliases) })),
        // "What does a director make?" is about the salary band, not the career stage.
        yieldsTo: 'salaryBand',
      },
    ];
  }

  /**
   * The career ladder's titles at the stages paid in a band ("account supervisor" is senior pay),
   * so "pay for an account supervisor" names that band. The subject's own title is no level.
   */
  private stageTitlesPaidIn(band: string): string[] {
    const subject = new Set(this.kb.synonyms.subject.map((s) => this.analyzer.normalize(s)));
    return this.kb.ladder.stages
      .filter((stage) => stage.salaryBand === band)
      .flatMap((stage) => stage.titles)
      .filter((title) => !subject.has(this.analyzer.normalize(title)));
  }
}

/** A reply variant chosen by the text, so the same message always gets the same reply. */
function pick(replies: readonly string[], seed: string): string {
  let hash = 0;
  for (let i = 0; i < seed.length; i++) hash = (hash * 31 + seed.charCodeAt(i)) | 0;
  return replies[Math.abs(hash) % replies.length];
}

type DecisionBase = { query: string; threshold: number };

function rounded(entry: ScoredEntry): ScoredEntry {
  return { ...entry, score: round(entry.score) };
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
