import { describe, expect, it } from 'vitest';
import { Calibrator, sigmoid } from '../../src/faq/calibration';
import { choose } from '../../src/faq/choose';
import { EVIDENCE_FEATURES, type Evidence } from '../../src/faq/evidence';
import { fitLogistic, predictLogistic } from '../../src/eval/tune/logistic';
import { mulberry32 } from '../../src/lib/prng';
import { questionType, askAgreement, typeShares } from '../../src/search/question-type';

const evidence = (values: Partial<Evidence>): Evidence =>
  ({ ...Object.fromEntries(EVIDENCE_FEATURES.map((n) => [n, 0])), ...values }) as Evidence;

describe('fitLogistic', () => {
  it('recovers the coefficients of data drawn from a known logistic model', () => {
    const rng = mulberry32(7);
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 20000; i++) {
      const x = [rng() * 4 - 2, rng() * 10];
      const p = sigmoid(-1 + 2 * x[0] + 0.3 * x[1]);
      rows.push(x);
      labels.push(rng() < p ? 1 : 0);
    }
    const fit = fitLogistic(rows, labels, { l2: 0 });
    expect(fit.intercept).toBeCloseTo(-1, 0);
    expect(fit.coefficients[0]).toBeCloseTo(2, 0);
    expect(fit.coefficients[1]).toBeCloseTo(0.3, 1);
  });

  it('weights rows: doubling a row counts like repeating it', () => {
    const rows = [[0], [1], [2], [3], [1.5]];
    const labels = [0, 0, 1, 1, 1];
    const weighted = fitLogistic(rows, labels, { weights: [1, 1, 1, 1, 2] });
    const repeated = fitLogistic([...rows, [1.5]], [...labels, 1]);
    expect(weighted.intercept).toBeCloseTo(repeated.intercept, 6);
    expect(weighted.coefficients[0]).toBeCloseTo(repeated.coefficients[0], 6);
  });

  it('stays finite on separable data thanks to the penalty, and ranks rows by their label', () => {
    const fit = fitLogistic([[0], [1], [2], [3]], [0, 0, 1, 1], { l2: 0.01 });
    expect(Number.isFinite(fit.coefficients[0])).toBe(true);
    expect(predictLogistic(fit, [3])).toBeGreaterThan(0.5);
    expect(predictLogistic(fit, [0])).toBeLessThan(0.5);
  });

  it('ignores a constant column', () => {
    const fit = fitLogistic(
      [
        [0, 5],
        [1, 5],
        [2, 5],
        [3, 5],
      ],
      [0, 1, 0, 1],
    );
    expect(fit.coefficients.every(Number.isFinite)).toBe(true);
  });
});

describe('Calibrator', () => {
  it('applies the fitted coefficients by feature name, a missing one counting as zero', () => {
    const calibrator = new Calibrator({ intercept: -2, coefficients: { score: 4 } });
    expect(calibrator.probability(evidence({ score: 0.5 }))).toBeCloseTo(0.5, 9);
    expect(calibrator.probability(evidence({ score: 1, coverage: 100 }))).toBeCloseTo(sigmoid(2), 9);
  });
});

describe('choose', () => {
  const thresholds = { answerAt: 0.6, clarifyAt: 0.3, clarifyMargin: 0.1, maxChoices: 2 };
  const c = (id: string, score: number) => ({ id, title: id, score });

  it('answers at or above answerAt and falls back below clarifyAt', () => {
    expect(choose([c('a', 0.6)], thresholds).kind).toBe('answer');
    expect(choose([c('a', 0.29), c('b', 0.28)], thresholds).kind).toBe('fallback');
    expect(choose([], thresholds).kind).toBe('fallback');
  });

  it('asks between close unrelated candidates in the band, at most maxChoices of them', () => {
    const choice = choose([c('a', 0.5), c('b', 0.45), c('c', 0.42)], thresholds);
    expect(choice).toEqual({ kind: 'clarify', choices: [c('a', 0.5), c('b', 0.45)] });
  });

  it('does not ask with one unsure candidate: it falls back', () => {
    expect(choose([c('a', 0.5)], thresholds).kind).toBe('fallback');
    expect(choose([c('a', 0.5), c('b', 0.2)], thresholds).kind).toBe('fallback');
  });
});

describe('questionType and askAgreement', () => {
  it('reads the question word, the specific "how much" before the general "how"', async () => {
    expect(questionType('how much do they make')).toBe('amount');
    expect(questionType('how many clients does an am handle')).toBe('amount');
    // A count of years asks when, as "how long" does, not how much.
    expect(questionType('how many years before i am promoted')).toBe('time');
    expect(questionType('am after how many yrs')).toBe('time');
    expect(questionType('how do i get started')).toBe('method');
    expect(questionType('who do they answer to')).toBe('person');
    expect(questionType('so is it a good job')).toBe('yesno');
    expect(questionType('salary')).toBeUndefined();
  });

  it('reads a comparison with other jobs before the question word', async () => {
    expect(questionType('what other jobs are like being an am')).toBe('comparison');
    expect(questionType('how is an am different from an ae')).toBe('comparison');
    expect(questionType('is a publicist the same as an am')).toBe('comparison');
    expect(questionType('is a client relationship manager the same thing')).toBe('comparison');
    expect(questionType('what is it like to be an am')).toBe('what');
  });

  it('reads "where do I start?" as asking how, not where', async () => {
    expect(questionType('i want to be an am where do i start')).toBe('method');
    expect(questionType('where to begin with account management')).toBe('method');
    expect(questionType('where do account managers work')).toBe('place');
  });

  it('scores an entry by the share of its questions that ask the same way', async () => {
    const shares = typeShares(['who is their boss', 'who do they report to', 'reporting line', 'what is the reporting line']);
    expect(askAgreement('person', shares)).toBeCloseTo(2 / 3, 9);
    expect(askAgreement('amount', shares)).toBe(0);
    expect(askAgreement(undefined, shares)).toBe(0.5);
  });
});
