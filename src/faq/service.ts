// The FAQ service: a question in, a Decision out (answer, clarify, fallback or small talk).
// It joins the knowledge base to the pure search core; it knows nothing of channels or botbuilder.
import type { KnowledgeBase } from '../knowledge/load';
import type { Entry, MessagesData } from '../knowledge/schema';
import { Analyzer } from '../search/analyzer';
import type { FacetDimension } from '../search/facets';
import { FOCUS_MIN_WORDS } from '../search/focus';
import { DEFAULT_WEIGHTS, SearchIndex, type ScoringWeights, type SearchHit } from '../search/index';
import { SmalltalkMatcher } from '../search/smalltalk';
import { loadWordList, type WordSet } from '../search/lexicon';
import type { Decision, EntryLink, ScoredEntry } from './decision';

let lexicon: { personNouns: WordSet; english: WordSet } | undefined;
/** The word lists, read once per process and shared by every FaqService. */
function sharedLexicon() {
  lexicon ??= { personNouns: loadWordList('person-nouns'), english: loadWordList('english-words') };
  return lexicon;
}

/**
 * Confidence bands, calibrated on the development questions (`npm run eval`): below
 * `fallbackBelow` the bot declines; below `clarifyBelow`, a runner-up within `clarifyMargin` of
 * the best makes it ask "Did you mean ...?"; otherwise it answers (a confident near-tie is
 * answered, and the runner-up is among the follow-ups).
 */
export const THRESHOLDS = {
  fallbackBelow: 0.39,
  /** A paragraph's context words dilute even a good match, so long messages need less. */
  longMessageWords: FOCUS_MIN_WORDS,
  longMessageFallbackBelow: 0.32,
  clarifyBelow: 0.5,
  clarifyMargin: 0.02,
  maxChoices: 3,
} as const;

export class FaqService {
  readonly messages: MessagesData;
  /** The confidence needed to answer a one-line question (for traces of turns that skip `ask`). */
  readonly threshold = THRESHOLDS.fallbackBelow;
  private readonly entries = new Map<string, Entry>();
  /** Normalized titles and main questions: a button press or a pasted question skips ranking. */
  private readonly exact = new Map<string, string>();
  private readonly index: SearchIndex;
  private readonly smalltalk: SmalltalkMatcher;
  private readonly analyzer: Analyzer;
  /** Normalized phrases of requests the bot never serves. */
  private readonly declined: string[];
  /** Links resolved once: every answer and fallback offers them. */
  private readonly followUpLinks: Map<string, EntryLink[]>;
  private readonly mainTopicLinks: EntryLink[];

  /** Recent decisions by exact question: FAQ traffic repeats itself, and buttons send titles. */
  private readonly recent = new Map<string, Decision>();
  private readonly cacheSize: number;

  constructor(
    private readonly kb: KnowledgeBase,
    options: { weights?: ScoringWeights; cacheSize?: number } = {},
  ) {
    const weights = options.weights ?? DEFAULT_WEIGHTS;
    this.cacheSize = options.cacheSize ?? 1000;
    this.messages = kb.messages;
    this.analyzer = new Analyzer(kb.synonyms.abbreviations, kb.synonyms.groups);
    for (const entry of kb.entries) {
      this.entries.set(entry.id, entry);
      for (const text of [entry.title, entry.question]) {
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
      })),
      this.analyzer,
      {
        dimensions: this.facetDimensions(),
        weights,
        vocabulary: [...kb.synonyms.groups.flat(), ...Object.values(kb.synonyms.abbreviations)],
        personNouns: sharedLexicon().personNouns,
        dictionary: sharedLexicon().english,
        subjectTerms: kb.synonyms.subject.flatMap((s) => this.analyzer.sequence(s)),
      },
    );
    this.smalltalk = new SmalltalkMatcher(kb.smalltalk.intents, kb.synonyms.abbreviations);
    this.declined = kb.outOfScope.phrases.map((p) => ` ${this.analyzer.normalize(p)} `);
    this.followUpLinks = new Map(kb.entries.map((e) => [e.id, e.followUps.map((id) => this.link(id))]));
    this.mainTopicLinks = kb.messages.mainTopics.map((id) => this.link(id));
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
    const long = query.split(/\s+/).length >= THRESHOLDS.longMessageWords;
    const threshold = long ? THRESHOLDS.longMessageFallbackBelow : THRESHOLDS.fallbackBelow;
    const base = { query, threshold };

    const normalized = this.analyzer.normalize(query);
    const exactId = this.exact.get(normalized);
    if (exactId) return this.answer(base, [{ id: exactId, score: 1, parts: { coverage: 1, closeness: 1, phrase: 0, facet: 1 } }]);

    const smalltalk = this.smalltalk.matchNormalized(normalized);
    if (smalltalk) {
      const intent = this.kb.smalltalk.intents.find((i) => i.id === smalltalk.id)!;
      return { ...base, kind: 'smalltalk', score: smalltalk.score, top: [], reply: pick(intent.replies, query) };
    }

    const padded = ` ${normalized} `;
    if (this.declined.some((phrase) => padded.includes(phrase))) return this.fallback(base, []);

    const hits = this.search(query).hits;
    const best = hits[0];
    if (!best || best.score < threshold) return this.fallback(base, hits);

    // Asking only helps between unrelated candidates; a related runner-up is offered as a follow-up.
    const close = hits
      .slice(1)
      .filter((h) => best.score - h.score <= THRESHOLDS.clarifyMargin && h.score >= threshold)
      .filter((h) => !this.related(best.id, h.id));
    if (best.score < THRESHOLDS.clarifyBelow && close.length > 0) {
      const choices = [best, ...close].slice(0, THRESHOLDS.maxChoices).map((h) => this.scored(h));
      return { ...base, kind: 'clarify', score: best.score, top: hits.map((h) => this.scored(h)), choices };
    }
    return this.answer(base, hits);
  }

  /** The ranked candidates behind a decision, with their evidence. */
  search(query: string) {
    return this.index.search(query);
  }

  private related(a: string, b: string): boolean {
    return this.entries.get(a)!.followUps.includes(b) || this.entries.get(b)!.followUps.includes(a);
  }

  private answer(base: { query: string; threshold: number }, hits: SearchHit[]): Decision {
    const entry = this.entries.get(hits[0].id)!;
    // A near-tie that was answered anyway offers the runner-up first.
    const runnerUp = hits[1] && hits[0].score - hits[1].score <= THRESHOLDS.clarifyMargin ? [hits[1].id] : [];
    const followUps = runnerUp.length
      ? [...new Set([...runnerUp, ...entry.followUps])].filter((id) => id !== entry.id).map((id) => this.link(id))
      : this.followUpLinks.get(entry.id)!;
    return {
      ...base,
      kind: 'answer',
      score: hits[0].score,
      top: hits.map((h) => this.scored(h)),
      answer: { id: entry.id, title: entry.title, text: entry.answer, followUps },
    };
  }

  private fallback(base: { query: string; threshold: number }, hits: SearchHit[]): Decision {
    return {
      ...base,
      kind: 'fallback',
      score: hits[0]?.score ?? 0,
      top: hits.map((h) => this.scored(h)),
      reply: this.messages.fallback,
      topics: this.mainTopicLinks,
    };
  }

  private scored(hit: SearchHit): ScoredEntry {
    return { id: hit.id, title: this.entries.get(hit.id)!.title, score: round(hit.score) };
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
          aliases: aliases(b.aliases),
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
}

/** A reply variant chosen by the text, so the same message always gets the same reply. */
function pick(replies: readonly string[], seed: string): string {
  let hash = 0;
  for (let i = 0; i < seed.length; i++) hash = (hash * 31 + seed.charCodeAt(i)) | 0;
  return replies[Math.abs(hash) % replies.length];
}

function round(score: number): number {
  return Math.round(score * 1000) / 1000;
}
