import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { loadKnowledge } from '../../src/knowledge/load';
import { DEFAULT_WEIGHTS } from '../../src/search/index';
import { tune } from '../../src/eval/tune/tune';

const kb = loadKnowledge(path.join(__dirname, '../fixtures/kb-valid-min'));
// A knowledge base whose tuning file holds weights unlike the defaults.
const changed = { ...kb.tuning.weights, coverage: 0.123, neighbour: 0.456 };
const tuned = { ...kb, tuning: { ...kb.tuning, weights: changed } };

describe('tune without a weight search', () => {
  it('keeps the tuning file’s weights with --from-current and refits calibration and thresholds', () => {
    const result = tune(tuned, { seed: 1, folds: 2, passes: 0, fromCurrent: true });
    expect(result.tuning.weights).toEqual({ ...DEFAULT_WEIGHTS, ...changed });
    expect(result.tuning.decision.answerAt).toBeGreaterThan(0);
    expect(result.tuning.fitted.cases).toBeGreaterThan(0);
  });

  it('starts from the defaults otherwise', () => {
    const result = tune(tuned, { seed: 1, folds: 2, passes: 0 });
    expect(result.tuning.weights).toEqual(DEFAULT_WEIGHTS);
  });
});
