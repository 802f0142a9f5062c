// The ranker's evidence for one candidate, as the numbers the calibrated confidence reads. The
// names are the keys of `calibration.coefficients` in knowledge/tuning.yaml, so the order here
// never matters to the fitted file.
import type { SearchHit, SearchResult } from '../search/index';

export const EVIDENCE_FEATURES = [
  /** The ranker's own score. */
  'score',
  'coverage',
  'closeness',
  /** closeness^8: near 1 only when the question reads almost exactly like one the editors wrote. */
  'closenessPeak',
  'runnerUpCloseness',
  'phrase',
  /** How much a level the question names ("senior", "5 years") moved the score: 0 when none did. */
  'facet',
  'missing',
  'mainMissing',
  /** How much closer the question is to one of the candidate's counterexamples than to its questions. */
  'against',
  /** The candidate's score minus the best other candidate's (negative for a runner-up). */
  'margin',
  /** Shares of the question's content words that nothing in the knowledge base explains: everyday and rare words. */
  'unknownCommon',
  'unknownRare',
  /** log(1 + words in the message): long messages carry context words that dilute the match. */
  'length',
  /** log(1 + distinct content terms): a two-word question that matches says less than a long one. */
  'terms',
  /** How well the candidate's own questions ask the same way (src/search/question-type.ts). */
  'askAgreement',
  'namesSubject',
  /** The question is about another job or country than the candidate is. */
  'notCovered',
  'focused',
] as const;

export type EvidenceFeature = (typeof EVIDENCE_FEATURES)[number];
export type Evidence = Record<EvidenceFeature, number>;

/**
 * Which way each feature may move the confidence (1 up, -1 down, 0 either), a constraint on the
 * fit: more coverage or closeness never makes an answer less likely, more missing words never more.
 * Features about the message's shape are left free.
 */
export const EVIDENCE_DIRECTION: Readonly<Record<EvidenceFeature, 1 | -1 | 0>> = {
  score: 1,
  coverage: 1,
  closeness: 1,
  closenessPeak: 1,
  runnerUpCloseness: 1,
  phrase: 1,
  facet: 1,
  missing: -1,
  mainMissing: -1,
  against: -1,
  margin: 1,
  unknownCommon: -1,
  unknownRare: -1,
  length: 0,
  terms: 0,
  askAgreement: 1,
  namesSubject: 0,
  notCovered: -1,
  focused: 0,
};

/**
 * The evidence for hit `index` of a search result.
 * @param words the message's length in words
 */
export function evidenceOf(result: SearchResult, index: number, words: number): Evidence {
  const hit = result.hits[index];
  const { analysis, signals } = result;
  const bestOther = bestOtherScore(result.hits, index);
  return {
    score: hit.score,
    coverage: hit.parts.coverage,
    closeness: hit.parts.closeness,
    closenessPeak: hit.parts.closeness ** 8,
    runnerUpCloseness: hit.parts.runnerUpCloseness,
    phrase: hit.parts.phrase,
    facet: hit.parts.facet - 1,
    missing: hit.parts.missing,
    mainMissing: hit.parts.mainMissing,
    against: Math.max(0, hit.parts.against - hit.parts.closeness),
    margin: hit.score - bestOther,
    unknownCommon: signals.unknownCommon,
    unknownRare: signals.unknownRare,
    length: Math.log1p(words),
    terms: Math.log1p(new Set(analysis.terms).size),
    askAgreement: hit.parts.askAgreement,
    namesSubject: signals.namesSubject ? 1 : 0,
    notCovered: hit.parts.notCovered,
    focused: signals.focused ? 1 : 0,
  };
}

function bestOtherScore(hits: readonly SearchHit[], index: number): number {
  for (let i = 0; i < hits.length; i++) if (i !== index) return hits[i].score;
  return 0;
}
