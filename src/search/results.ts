// What a search returns: the ranked hits with the evidence behind each, and what the question as a
// whole says. The FAQ service's calibration reads the evidence (src/faq/evidence.ts).
import type { QueryAnalysis } from './analyzer';

export interface SearchHit {
  id: string;
  /** Confidence in [0, 1]. */
  score: number;
  /** The evidence behind the score, for the calibrated confidence, reports and debugging. */
  parts: HitEvidence;
}

export interface HitEvidence {
  coverage: number;
  closeness: number;
  /** The second-best cosine to one of the entry's phrasings: more than one of them reads like the question. */
  runnerUpCloseness: number;
  phrase: number;
  facet: number;
  /** Share of the question's weight in terms none of the entry's questions or keywords use. */
  missing: number;
  /** 1 when the question's weightiest term is among those missing: the entry misses its point. */
  mainMissing: number;
  /** The best cosine between the question and one of the entry's counterexamples. */
  against: number;
  /** 1 when the question is about another job or another country than this entry is (see SearchOptions). */
  notCovered: number;
  /** How well the entry's own questions ask the way this one does (question-type.ts), in [0, 1]. */
  askAgreement: number;
}

/** What the question as a whole says, beside the hits. */
export interface QuerySignals {
  /** The question names the subject ("account manager"). */
  namesSubject: boolean;
  /** A long message was also matched by the sentence that asks. */
  focused: boolean;
  /** Unknown words among the question's content terms, as shares: everyday words and rare ones. */
  unknownCommon: number;
  unknownRare: number;
}

export interface SearchResult {
  analysis: QueryAnalysis;
  signals: QuerySignals;
  /** Best first. */
  hits: SearchHit[];
}
