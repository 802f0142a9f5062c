// Fitting on the self-test samples: the calibration (logistic regression over the evidence) and
// the answer / clarify / fallback thresholds. The calibration weighs every kind of case (held out,
// typo, slang, ..., other occupation, counterexample, ...) the same, and the positives as a whole
// as much as the negatives, so no kind wins by being numerous. The thresholds answer as many
// positives as they can while declining each kind of negative at its floor.
import type { CalibrationParams } from '../../faq/calibration';
import { choose, type Thresholds } from '../../faq/choose';
import type { ScoredEntry } from '../../faq/decision';
import { EVIDENCE_DIRECTION, EVIDENCE_FEATURES, type EvidenceFeature } from '../../faq/evidence';
import { fitLogistic, predictLogistic } from './logistic';
import { isPositive, type SelfTestCase } from '../self-test/cases';
import type { Sample } from './samples';

/**
 * Candidates per case the calibration learns from: the leader only, which asks it exactly what the
 * decision needs ("is the best candidate right?"). Adding runner-ups as negatives taught it to rank
 * rather than to judge the leader, and lowered the self-test credit (0.680 with two, 0.696 with one).
 */
const TRAINING_CANDIDATES = 1;
const L2 = 1e-3;

/** Each sample's weight: every kind sums to the same, positives and negatives to a half each. */
export function balancedWeights(samples: readonly Sample[]): number[] {
  const perKind = new Map<SelfTestCase['kind'], number>();
  for (const s of samples) perKind.set(s.case.kind, (perKind.get(s.case.kind) ?? 0) + 1);
  const kinds = [...perKind.keys()];
  const positiveKinds = kinds.filter(isPositive).length;
  const negativeKinds = kinds.length - positiveKinds;
  return samples.map((s) => {
    const side = isPositive(s.case.kind) ? positiveKinds : negativeKinds;
    return 0.5 / side / perKind.get(s.case.kind)!;
  });
}

/** @param features the evidence the calibration reads (all by default) */
export function fitCalibration(samples: readonly Sample[], features: readonly EvidenceFeature[] = EVIDENCE_FEATURES): CalibrationParams {
  const weights = balancedWeights(samples);
  const columns = features.map((name) => EVIDENCE_FEATURES.indexOf(name));
  const rows: number[][] = [];
  const labels: number[] = [];
  const rowWeights: number[] = [];
  samples.forEach((s, i) => {
    for (const candidate of s.candidates.slice(0, TRAINING_CANDIDATES)) {
      rows.push(columns.map((c) => candidate.evidence[c]));
      labels.push(candidate.id === s.case.expect ? 1 : 0);
      rowWeights.push(weights[i]);
    }
  });
  const signs = features.map((name) => EVIDENCE_DIRECTION[name]);
  const fit = fitLogistic(rows, labels, { weights: rowWeights, l2: L2, signs });
  return {
    intercept: fit.intercept,
    coefficients: Object.fromEntries(features.map((name, j) => [name, fit.coefficients[j]])),
  };
}

/** Each sample's candidates with calibrated confidences, most likely first. */
export function rankSamples(samples: readonly Sample[], calibration: CalibrationParams): ScoredEntry[][] {
  const model = { intercept: calibration.intercept, coefficients: EVIDENCE_FEATURES.map((n) => calibration.coefficients[n] ?? 0) };
  return samples.map((s) =>
    s.candidates.map((c) => ({ id: c.id, title: c.id, score: predictLogistic(model, c.evidence) })).sort((a, b) => b.score - a.score),
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

/**
 * The share of each kind of negative the bot must decline, the product's bars: general questions
 * stand for the out-of-scope questions of the held-out set (92%), the others for the unanswerable
 * questions from real career sites (75%). Kinds not listed have no floor.
 */
export const DECLINE_FLOORS: Readonly<Record<string, number>> = {
  general: 0.92,
  occupation: 0.75,
  'other-sense': 0.75,
  counterexample: 0.75,
  uncovered: 0.75,
};

/**
 * The share of all negatives together the bot must decline: the self-test's own bar. Without it
 * the fit spends every point a kind gains above its floor on answering more, and the negatives
 * as a whole slip under the bar.
 */
export const NEGATIVES_FLOOR = 0.9;

/**
 * How good a set of thresholds is: the mean credit over the kinds of positives, as long as every
 * kind of negative is declined at its floor (DECLINE_FLOORS) and the negatives together at
 * NEGATIVES_FLOOR. A set that misses a floor scores the balanced credit (weights) minus 1, so it
 * loses to any that meets them but still orders the rest.
 */
export function objective(
  samples: readonly Sample[],
  ranked: readonly ScoredEntry[][],
  thresholds: Thresholds,
  weights: readonly number[],
): number {
  const byKind = new Map<string, { credit: number; count: number; positive: boolean }>();
  let balanced = 0;
  samples.forEach((s, i) => {
    const c = credit(s, ranked[i], thresholds);
    balanced += weights[i] * c;
    const kind = byKind.get(s.case.kind) ?? { credit: 0, count: 0, positive: isPositive(s.case.kind) };
    kind.credit += c;
    kind.count++;
    byKind.set(s.case.kind, kind);
  });
  const kinds = [...byKind.entries()];
  const negatives = kinds.filter(([, k]) => !k.positive).map(([, k]) => k);
  const declined =
    negatives.reduce((sum, k) => sum + k.credit, 0) /
    Math.max(
      1,
      negatives.reduce((sum, k) => sum + k.count, 0),
    );
  const meetsFloors =
    kinds.every(([name, k]) => k.positive || k.credit / k.count >= (DECLINE_FLOORS[name] ?? 0)) &&
    (negatives.length === 0 || declined >= NEGATIVES_FLOOR);
  const positives = kinds.filter(([, k]) => k.positive);
  if (!meetsFloors || positives.length === 0) return balanced - 1;
  return positives.reduce((sum, [, k]) => sum + k.credit / k.count, 0) / positives.length;
}

export interface ReliabilityBin {
  /** The bin's confidence range [from, to). */
  from: number;
  to: number;
  cases: number;
  /** The mean confidence of the best candidate, and how often it is the right one, both weighted as in the fit. */
  meanConfidence: number;
  rightShare: number;
}

/**
 * A reliability table of the best candidate's confidence: a calibrated confidence of 0.7 should be
 * right about 70% of the time (under the fit's weighting of the kinds of cases).
 */
export function reliability(samples: readonly Sample[], ranked: readonly ScoredEntry[][], bins = 5): ReliabilityBin[] {
  const weights = balancedWeights(samples);
  const table = Array.from({ length: bins }, (_, b) => ({
    from: b / bins,
    to: (b + 1) / bins,
    cases: 0,
    weight: 0,
    confidence: 0,
    right: 0,
  }));
  samples.forEach((s, i) => {
    const best = ranked[i][0];
    if (s.shortcut || !best) return;
    const bin = table[Math.min(bins - 1, Math.floor(best.score * bins))];
    bin.cases++;
    bin.weight += weights[i];
    bin.confidence += weights[i] * best.score;
    if (best.id === s.case.expect) bin.right += weights[i];
  });
  return table.map(({ from, to, cases, weight, confidence, right }) => ({
    from,
    to,
    cases,
    meanConfidence: weight ? confidence / weight : 0,
    rightShare: weight ? right / weight : 0,
  }));
}

const ANSWER_GRID = range(0.2, 0.9, 0.02);
const CLARIFY_BELOW = [0, 0.05, 0.1, 0.15, 0.2, 0.25];
const MARGINS = [0.05, 0.1, 0.2];

/**
 * The thresholds with the best balanced credit. `quick` tries answerAt alone (no did-you-mean
 * band), which is what the weight search compares; the final fit also tries the clarify band.
 */
export function fitThresholds(
  samples: readonly Sample[],
  ranked: readonly ScoredEntry[][],
  quick = false,
): { thresholds: Thresholds; objective: number } {
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
