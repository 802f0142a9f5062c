import { describe, expect, it } from 'vitest';
import { EVIDENCE_FEATURES } from '../../src/faq/evidence';
import {
  balancedWeights,
  credit,
  fitCalibration,
  fitThresholds,
  NEGATIVES_FLOOR,
  objective,
  rankSamples,
  reliability,
} from '../../src/eval/tune/fit';
import type { Sample } from '../../src/eval/tune/samples';
import type { SelfTestCase } from '../../src/eval/self-test/cases';
import { mulberry32 } from '../../src/lib/prng';

/** Evidence with every feature 0 but the ranker's score. */
const withScore = (score: number) => EVIDENCE_FEATURES.map((name) => (name === 'score' ? score : 0));
const sample = (c: Partial<SelfTestCase>, candidates: [string, number][]): Sample => ({
  case: { q: 'q', kind: 'heldout', fold: 0, ...c },
  candidates: candidates.map(([id, score]) => ({ id, evidence: withScore(score) })),
});
const thresholds = { answerAt: 0.6, clarifyAt: 0.4, clarifyMargin: 0.1, maxChoices: 3 };
const ranked = (...c: [string, number][]) => c.map(([id, score]) => ({ id, title: id, score }));

describe('credit', () => {
  it('gives 1 for the right answer or a declined negative, half for a did-you-mean that offers it', () => {
    const positive = sample({ expect: 'a' }, []);
    expect(credit(positive, ranked(['a', 0.7]), thresholds)).toBe(1);
    expect(credit(positive, ranked(['b', 0.7]), thresholds)).toBe(0);
    expect(credit(positive, ranked(['b', 0.5], ['a', 0.45]), thresholds)).toBe(0.5);
    expect(credit(positive, ranked(['a', 0.3]), thresholds)).toBe(0);
    const negative = sample({ kind: 'general' }, []);
    expect(credit(negative, ranked(['a', 0.3]), thresholds)).toBe(1);
    expect(credit(negative, ranked(['a', 0.7]), thresholds)).toBe(0);
  });

  it('judges a case decided before ranking by that decision', () => {
    expect(credit({ ...sample({ expect: 'a' }, []), shortcut: { kind: 'answer', id: 'a' } }, [], thresholds)).toBe(1);
    expect(credit({ ...sample({ kind: 'general' }, []), shortcut: { kind: 'smalltalk' } }, [], thresholds)).toBe(0);
  });
});

describe('balancedWeights', () => {
  it('gives every kind the same total, and each side half', () => {
    const samples = [
      sample({ kind: 'heldout', expect: 'a' }, []),
      sample({ kind: 'heldout', expect: 'a' }, []),
      sample({ kind: 'typo', expect: 'a' }, []),
      sample({ kind: 'general' }, []),
    ];
    expect(balancedWeights(samples)).toEqual([0.125, 0.125, 0.25, 0.5]);
  });
});

describe('objective', () => {
  /** Ten negatives of `kind`, `declined` of them under the thresholds, and one right positive. */
  const set = (declined: Record<string, number>) => {
    const samples: Sample[] = [sample({ expect: 'a' }, [])];
    const all = [ranked(['a', 0.9])];
    for (const [kind, n] of Object.entries(declined)) {
      for (let i = 0; i < 10; i++) {
        samples.push(sample({ kind: kind as SelfTestCase['kind'] }, []));
        all.push(ranked(['a', i < n ? 0.1 : 0.9]));
      }
    }
    return objective(samples, all, thresholds, balancedWeights(samples));
  };

  it('scores the positives when every kind and the negatives together are declined at their floors', () => {
    expect(set({ occupation: 10, counterexample: 9 })).toBe(1);
  });

  it('scores under 0 when the negatives together miss NEGATIVES_FLOOR, though each kind meets its own', () => {
    expect(NEGATIVES_FLOOR).toBeGreaterThan(0.8);
    expect(set({ occupation: 8, counterexample: 8 })).toBeLessThan(0);
  });
});

describe('fitCalibration and fitThresholds', () => {
  it('learn that a high ranker score means a right answer, and put the threshold between the two sides', () => {
    const rng = mulberry32(3);
    const samples: Sample[] = [];
    for (let i = 0; i < 400; i++) {
      samples.push(
        sample({ kind: 'heldout', expect: 'a' }, [
          ['a', 0.6 + 0.4 * rng()],
          ['b', 0.2 * rng()],
        ]),
      );
      samples.push(
        sample({ kind: 'general' }, [
          ['a', 0.4 * rng()],
          ['b', 0.2 * rng()],
        ]),
      );
    }
    const calibration = fitCalibration(samples);
    expect(calibration.coefficients.score).toBeGreaterThan(0);
    const all = rankSamples(samples, calibration);
    const { thresholds: fitted, objective } = fitThresholds(samples, all);
    expect(objective).toBeCloseTo(1, 2);
    for (let i = 0; i < samples.length; i++) expect(credit(samples[i], all[i], fitted)).toBe(1);
  });
});

describe('reliability', () => {
  it("bins the best candidate's confidence and says how often it was right", () => {
    const samples = [sample({ expect: 'a' }, []), sample({ expect: 'a' }, []), sample({ kind: 'general' }, [])];
    const table = reliability(samples, [ranked(['a', 0.9]), ranked(['b', 0.85]), ranked(['a', 0.1])], 2);
    expect(table.map((b) => b.cases)).toEqual([1, 2]);
    expect(table[1].rightShare).toBeCloseTo(0.5, 9);
    expect(table[0].rightShare).toBe(0);
    expect(table[1].meanConfidence).toBeCloseTo(0.875, 9);
  });
});
