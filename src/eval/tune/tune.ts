// `npm run tune`: fits the matcher on the self-test corpus (never on the evaluation questions).
// A coordinate search over the ranker's weights, where each candidate set of weights is judged by
// the balanced credit it reaches once calibration and thresholds are fitted to it; then the final
// calibration and thresholds, and a cross-validation by entry that says how well they carry over
// to entries they were not fitted on.
import type { KnowledgeBase } from '../../knowledge/load';
import type { TuningData } from '../../knowledge/schema';
import { DEFAULT_WEIGHTS, type ScoringWeights } from '../../search/index';
import { buildSelfTest, type SelfTestFold } from '../self-test/corpus';
import { loadSelfTestData } from '../self-test/data';
import { tuningFingerprint } from './fingerprint';
import type { ScoredEntry } from '../../faq/decision';
import { credit, fitCalibration, fitThresholds, rankSamples, reliability, type ReliabilityBin } from './fit';
import { collectSamples, type Sample } from './samples';

export interface TuneOptions {
  seed: number;
  folds: number;
  /** Rounds of the coordinate search over the weights (0 keeps the starting weights). */
  passes: number;
  /** Start from the weights in the knowledge base's tuning file instead of the defaults. */
  fromCurrent?: boolean;
  log?: (line: string) => void;
}

export interface TuneResult {
  tuning: TuningData;
  /** Credit per kind of case with the fitted parameters, and cross-validated by entry. */
  byKind: { kind: string; cases: number; fitted: number; crossValidated: number }[];
  objective: number;
  /** How the cross-validated confidence of the best candidate compares with how often it is right. */
  reliability: ReliabilityBin[];
}

const FACTORS = [0.5, 0.75, 1.33, 2];
/** Weights that are shares of something and must stay at most 1. */
const AT_MOST_ONE = new Set<keyof ScoringWeights>(['otherOccupation', 'unknownWithSubject', 'focusShare']);
const ENTRY_GROUPS = 5;

export function tune(kb: KnowledgeBase, options: TuneOptions): TuneResult {
  const log = options.log ?? (() => {});
  const folds = buildSelfTest(kb, { seed: options.seed, folds: options.folds });
  log(`self-test corpus: ${folds.reduce((n, f) => n + f.cases.length, 0)} cases in ${folds.length} folds`);
  const judge = (weights: ScoringWeights) => quickObjective(collectSamples(folds, kb.tuning, weights));

  let weights = options.fromCurrent ? { ...DEFAULT_WEIGHTS, ...kb.tuning.weights } : { ...DEFAULT_WEIGHTS };
  let best = judge(weights);
  log(`start: ${best.toFixed(4)}`);
  for (let pass = 0; pass < options.passes; pass++) {
    const before = best;
    for (const name of Object.keys(weights) as (keyof ScoringWeights)[]) {
      for (const factor of FACTORS) {
        const value = AT_MOST_ONE.has(name) ? Math.min(1, weights[name] * factor) : weights[name] * factor;
        if (value === weights[name]) continue;
        const trial = { ...weights, [name]: round4(value) };
        const score = judge(trial);
        if (score > best + 1e-4) {
          best = score;
          weights = trial;
          log(`pass ${pass + 1}: ${name} = ${trial[name]} -> ${score.toFixed(4)}`);
        }
      }
    }
    if (best <= before + 1e-4) break;
  }
  return finalFit(kb, folds, weights, options);
}

function quickObjective(samples: Sample[]): number {
  return fitThresholds(samples, rankSamples(samples, fitCalibration(samples)), true).objective;
}

function finalFit(kb: KnowledgeBase, folds: SelfTestFold[], weights: ScoringWeights, options: TuneOptions): TuneResult {
  const samples = collectSamples(folds, kb.tuning, weights);
  const calibration = fitCalibration(samples);
  const ranked = rankSamples(samples, calibration);
  const { thresholds, objective } = fitThresholds(samples, ranked);
  const fitted = samples.map((s, i) => credit(s, ranked[i], thresholds));
  const { credits: crossValidated, ranked: crossRanked } = crossValidateByEntry(samples);
  const kinds = [...new Set(samples.map((s) => s.case.kind))];
  const byKind = kinds.map((kind) => {
    const at = samples.flatMap((s, i) => (s.case.kind === kind ? [i] : []));
    const mean = (values: number[]) => at.reduce((sum, i) => sum + values[i], 0) / at.length;
    return { kind, cases: at.length, fitted: mean(fitted), crossValidated: mean(crossValidated) };
  });
  const calibrationCheck = reliability(samples, crossRanked);
  const tuning: TuningData = {
    weights,
    calibration: {
      intercept: round4(calibration.intercept),
      coefficients: Object.fromEntries(Object.entries(calibration.coefficients).map(([k, v]) => [k, round4(v ?? 0)])),
    },
    decision: thresholds,
    fitted: {
      seed: options.seed,
      folds: options.folds,
      passes: options.passes,
      cases: samples.length,
      objective: round4(objective),
      knowledge: tuningFingerprint(kb, loadSelfTestData()),
    },
  };
  return { tuning, byKind, objective, reliability: calibrationCheck };
}

/**
 * Each sample's credit when calibration and thresholds were fitted without its entry: entries are
 * split into groups, and a case made from no entry (a general question) joins a group by position.
 */
function crossValidateByEntry(samples: readonly Sample[]): { credits: number[]; ranked: ScoredEntry[][] } {
  const entryIds = [...new Set(samples.map((s) => s.case.entry).filter((e): e is string => e !== undefined))].sort();
  const groupOfEntry = new Map(entryIds.map((id, i) => [id, i % ENTRY_GROUPS]));
  const groupOf = (s: Sample, i: number) => (s.case.entry !== undefined ? groupOfEntry.get(s.case.entry)! : i % ENTRY_GROUPS);
  const out = new Array<number>(samples.length).fill(0);
  const rankedOut: ScoredEntry[][] = samples.map(() => []);
  for (let g = 0; g < ENTRY_GROUPS; g++) {
    const train = samples.filter((s, i) => groupOf(s, i) !== g);
    const test = samples.map((s, i) => [s, i] as const).filter(([s, i]) => groupOf(s, i) === g);
    if (test.length === 0 || train.length === 0) continue;
    const calibration = fitCalibration(train);
    const { thresholds } = fitThresholds(train, rankSamples(train, calibration));
    const ranked = rankSamples(
      test.map(([s]) => s),
      calibration,
    );
    test.forEach(([s, i], k) => {
      out[i] = credit(s, ranked[k], thresholds);
      rankedOut[i] = ranked[k];
    });
  }
  return { credits: out, ranked: rankedOut };
}

function round4(x: number): number {
  return Math.round(x * 10000) / 10000;
}
