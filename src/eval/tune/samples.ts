// The self-test corpus run through the matcher once per set of weights: for each case, either
// the decision made before ranking (exact title, small talk, declined phrase) or the evidence of
// its leading candidates, from which calibration and thresholds are fitted without re-ranking.
import { EVIDENCE_FEATURES } from '../../faq/evidence';
import { FaqService } from '../../faq/service';
import type { TuningData } from '../../knowledge/schema';
import type { ScoringWeights } from '../../search/index';
import type { SelfTestCase } from '../self-test/cases';
import type { SelfTestFold } from '../self-test/corpus';

/** Candidates kept per case: as many as a decision shows. */
const CANDIDATES = 5;

export interface Candidate {
  id: string;
  /** Evidence in EVIDENCE_FEATURES order. */
  evidence: number[];
}

export interface Sample {
  case: SelfTestCase;
  /** Set when the case was decided before ranking. */
  shortcut?: { kind: string; id?: string };
  candidates: Candidate[];
}

export function collectSamples(folds: readonly SelfTestFold[], tuning: TuningData, weights: ScoringWeights): Sample[] {
  const samples: Sample[] = [];
  for (const fold of folds) {
    const service = new FaqService(fold.kb, { tuning: { ...tuning, weights }, cacheSize: 0 });
    for (const c of fold.cases) {
      const decided = service.shortcut({ query: c.q.trim(), threshold: 0 });
      if (decided) {
        samples.push({ case: c, shortcut: { kind: decided.kind, id: decided.answer?.id }, candidates: [] });
        continue;
      }
      const result = service.search(c.q.trim());
      const candidates = service
        .evidence(c.q.trim(), result)
        .slice(0, CANDIDATES)
        .map((evidence, i) => ({ id: result.hits[i].id, evidence: EVIDENCE_FEATURES.map((name) => evidence[name]) }));
      samples.push({ case: c, candidates });
    }
  }
  return samples;
}
