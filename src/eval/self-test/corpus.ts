// The self-test corpus generated from the knowledge base: held-out alternates and their
// perturbed copies must be answered; other occupations, the customer sense of "account manager",
// counterexamples and general questions must fall back. Split into folds so every positive is
// asked of an index built without the phrasing it was made from.
import type { KnowledgeBase } from '../../knowledge/load';
import type { SelfTestData } from '../../knowledge/self-test-schema';
import { loadSelfTestData } from './data';
import { withoutFold } from './folds';
import { counterexampleCases, generalCases, occupationCases, otherSenseCases, styledCopies, uncoveredCases } from './negatives';
import { positiveCases } from './positives';
import type { SelfTestCase } from './cases';

export interface SelfTestFold {
  fold: number;
  kb: KnowledgeBase;
  cases: SelfTestCase[];
}

export const DEFAULT_SEED = 1;
export const DEFAULT_FOLDS = 10;

/**
 * The corpus for `kb`, one fold per position class of the alternates (`folds` = the most
 * alternates any entry has gives leave-one-out). `data` defaults to knowledge/self-test.yaml.
 */
export function buildSelfTest(kb: KnowledgeBase, options: { seed?: number; folds?: number; data?: SelfTestData } = {}): SelfTestFold[] {
  const seed = options.seed ?? DEFAULT_SEED;
  const folds = options.folds ?? DEFAULT_FOLDS;
  // One fold would hold out every alternate at once.
  if (!Number.isInteger(folds) || folds < 2) throw new RangeError(`folds must be an integer of at least 2, got ${folds}`);
  const data = options.data ?? loadSelfTestData();
  const negatives = [
    ...occupationCases(kb, data, seed, folds),
    ...otherSenseCases(data, seed, folds),
    ...counterexampleCases(kb, folds),
    ...uncoveredCases(data, seed, folds),
    ...generalCases(data, seed, folds),
  ];
  const cases = [...positiveCases(kb, data, seed, folds), ...negatives, ...styledCopies(negatives, data, seed)];
  return Array.from({ length: folds }, (_, fold) => ({
    fold,
    kb: withoutFold(kb, fold, folds),
    cases: cases.filter((c) => c.fold === fold),
  }));
}
