// Fitting on the self-test samples: the calibration (logistic regression over the evidence) and
// the answer / clarify / fallback thresholds that serve both sides best. Every kind of case (held
// out, typo, slang, ..., other occupation, counterexample, ...) weighs the same, and the
// positives as a whole weigh as much as the negatives, so no kind wins by being numerous.
import type { CalibrationParams } from '../../faq/calibration';
import { choose, type Thresholds } from '../../faq/choose';
import type { ScoredEntry } from '../../faq/decision';
import { EVIDENCE_FEATURES } from '../../faq/evidence';
import { fitLogistic, predictLogistic } from './logistic';
import { isPositive, type Sample } from './samples';

/** Candidates per case the calibration learns from: the leader, and the runner-up it must beat. */
const TRAINING_CANDIDATES = 2;
const L2 = 1e-3;

/** Each sample's weight: every kind sums to the same, positives and negatives to a half each. */
export function balancedWeights(samples: readonly Sample[]): number[] {
  const perKind = new Map<string, number>();
  for (const s of samples) perKind.set(s.case.kind, (perKind.get(s.case.kind) ?? 0) + 1);
  const kinds = [...perKind.keys()];
  const positiveKinds = kinds.filter((k) => samples.some((s) => s.case.kind === k && isPositive(s.case))).length;
  const negativeKinds = kinds.length - positiveKinds;
  return samples.map((s) => {
    const side = isPositive(s.case) ? positiveKinds : negativeKinds;
    return 0.5 / side / perKind.get(s.case.kind)!;
  });
}

export function fitCalibration(samples: readonly Sample[]): CalibrationParams {
  const weights = balancedWeights(samples);
  const rows: number[][] = [];
  const labels: number[] = [];
  const rowWeights: number[] = [];
  samples.forEach((s, i) => {
    for (const candidate of s.candidates.slice(0, TRAINING_CANDIDATES)) {
      rows.push(candidate.evidence);
      labels.push(candidate.id === s.case.expect ? 1 : 0);
      rowWeights.push(weights[i]);
    }
  });
  const fit = fitLogistic(rows, labels, { weights: rowWeights, l2: L2 });
  return {
    intercept: fit.intercept,
    coefficients: Object.fromEntries(EVIDENCE_FEATURES.map((name, j) => [name, fit.coefficients[j]])),
  };
}

/** Each sample's candidates with calibrated confidences, most likely first. */
export function rankSamples(samples: readonly Sample[], calibration: CalibrationParams): ScoredEntry[][] {
  const model = { intercept: calibration.intercept, coefficients: EVIDENCE_FEATURES.map((n) => calibration.coefficients[n] ?? 0) };
  return samples.map((s) =>
    s.candidates
      .map((c) => ({ id: c.id, title: c.id, score: predictLogistic(model, c.evidence) }))
      .sort((a, b) => b.score - a.score),
  );
}

/**
 * Credit for what the bot would do with one sample: a right answer or a declined negative earn 1,
 * a did-you-mean that offers the right entry earns half, anything else nothing.
 */
export function credit(sample: Sample, ranked: readonly ScoredEntry[], thresholds: Thresholds): number {
  const expect = sample.case.expect;
  if (sample.shortcut) {
    if (expect === undefined) return sample.shortcut.kind === 'fallback' ? 1 : 0;
    return sample.shortcut.kind === 'answer' && sample.shortcut.id === expect ? 1 : 0;
  }
  const choice = choose(ranked, thresholds);
  if (expect === undefined) return choice.kind === 'fallback' ? 1 : 0;
  if (choice.kind === 'answer') return ranked[0].id === expect ? 1 : 0;
  if (choice.kind === 'clarify') return choice.choices.some((c) => c.id === expect) ? 0.5 : 0;
  return 0;
}

/** The balanced credit of a set of thresholds: the mean over kinds, positives and negatives halved. */
export function objective(samples: readonly Sample[], ranked: readonly ScoredEntry[][], thresholds: Thresholds, weights: readonly number[]): number {
  let total = 0;
  samples.forEach((s, i) => (total += weights[i] * credit(s, ranked[i], thresholds)));
  return total;
}

const ANSWER_GRID = range(0.2, 0.9, 0.02);
const CLARIFY_BELOW = [0, 0.05, 0.1, 0.15, 0.2, 0.25];
const MARGINS = [0.05, 0.1, 0.2];

/**
 * The thresholds with the best balanced credit. `quick` tries answerAt alone (no did-you-mean
 * band), which is what the weight search compares; the final fit also tries the clarify band.
 */
export function fitThresholds(samples: readonly Sample[], ranked: readonly ScoredEntry[][], quick = false): { thresholds: Thresholds; objective: number } {
  const weights = balancedWeights(samples);
  let best = { thresholds: { answerAt: 0.5, clarifyAt: 0.5, clarifyMargin: 0.1, maxChoices: 3 }, objective: -1 };
  for (const answerAt of ANSWER_GRID) {
    for (const below of quick ? [0] : CLARIFY_BELOW) {
      for (const clarifyMargin of quick || below === 0 ? [0.1] : MARGINS) {
        const thresholds = { answerAt, clarifyAt: round2(Math.max(0, answerAt - below)), clarifyMargin, maxChoices: 3 };
        const value = objective(samples, ranked, thresholds, weights);
        // Ties go to the simpler rule: the first found, with the smaller band.
        if (value > best.objective + 1e-9) best = { thresholds, objective: value };
      }
    }
  }
  return best;
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let x = from; x <= to + 1e-9; x += step) out.push(round2(x));
  return out;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
