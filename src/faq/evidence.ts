// The ranker's evidence for one candidate, as the numbers the calibrated confidence reads. The
// names are the keys of `calibration.coefficients` in knowledge/tuning.yaml, so the order here
// never matters to the fitted file.
import type { SearchHit, SearchResult } from '../search/index';

export const EVIDENCE_FEATURES = [
  /** The ranker's own score. */
  'score',
  'coverage',
  'closeness',
  'runnerUpCloseness',
  'phrase',
  /** How much a level the question names ("senior", "5 years") moved the score: 0 when none did. */
  'facet',
  'missing',
  'mainMissing',
  'against',
  /** The candidate's score minus the best other candidate's (negative for a runner-up). */
  'margin',
  /** Share of the question's content words that nothing in the knowledge base explains. */
  'unknown',
  /** log(1 + words in the message): long messages carry context words that dilute the match. */
  'length',
  /** log(1 + distinct content terms): a two-word question that matches says less than a long one. */
  'terms',
  /** How well the candidate's own questions ask the same way (question-type.ts). */
  'askAgreement',
  'namesSubject',
  'otherOccupation',
  'focused',
] as const;

export type EvidenceFeature = (typeof EVIDENCE_FEATURES)[number];
export type Evidence = Record<EvidenceFeature, number>;

/**
 * The evidence for hit `index` of a search result.
 * @param words the message's length in words
 * @param askAgreement the hit's agreement with the way the question asks (question-type.ts)
 */
export function evidenceOf(result: SearchResult, index: number, words: number, askAgreement: number): Evidence {
  const hit = result.hits[index];
  const { analysis, signals } = result;
  const bestOther = bestOtherScore(result.hits, index);
  return {
    score: hit.score,
    coverage: hit.parts.coverage,
    closeness: hit.parts.closeness,
    runnerUpCloseness: hit.parts.runnerUpCloseness,
    phrase: hit.parts.phrase,
    facet: hit.parts.facet - 1,
    missing: hit.parts.missing,
    mainMissing: hit.parts.mainMissing,
    against: hit.parts.against,
    margin: hit.score - bestOther,
    unknown: analysis.unknownWords.length / Math.max(1, new Set(analysis.terms).size),
    length: Math.log1p(words),
    terms: Math.log1p(new Set(analysis.terms).size),
    askAgreement,
    namesSubject: signals.namesSubject ? 1 : 0,
    otherOccupation: hit.parts.otherJob,
    focused: signals.focused ? 1 : 0,
  };
}

function bestOtherScore(hits: readonly SearchHit[], index: number): number {
  for (let i = 0; i < hits.length; i++) if (i !== index) return hits[i].score;
  return 0;
}
