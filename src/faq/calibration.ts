// The confidence the bot acts on: the probability that a candidate is the right answer, from a
// logistic model over the ranker's evidence. `npm run tune` fits it on the self-test corpus and
// writes it to knowledge/tuning.yaml; the decision thresholds are probabilities on this scale.
import { EVIDENCE_FEATURES, type Evidence, type EvidenceFeature } from './evidence';

export interface CalibrationParams {
  intercept: number;
  /** One coefficient per evidence feature; a missing one counts as 0. */
  coefficients: Partial<Record<EvidenceFeature, number>>;
}

export class Calibrator {
  private readonly weights: Float64Array;

  constructor(private readonly params: CalibrationParams) {
    this.weights = Float64Array.from(EVIDENCE_FEATURES, (name) => params.coefficients[name] ?? 0);
  }

  probability(evidence: Evidence): number {
    let z = this.params.intercept;
    EVIDENCE_FEATURES.forEach((name, i) => (z += this.weights[i] * evidence[name]));
    return sigmoid(z);
  }
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
