// Regression floor on the development questions, judged in-process by the same evaluation as
// `npm run eval` (FaqService.ask -> the bot's renderer -> faq-eval.mjs's rules). The bars are
// aggregate rates; no test here is keyed on a specific question's wording.
import { describe, expect, it } from 'vitest';
import { defaultEvalFiles, evaluate, readEvalFiles, type EvalReport } from '../src/cli/eval';

/** Floors (fractions). The issue's own bars on these questions are 0.95 / 0.95 / 1.0. */
const FLOORS = { inscope: 0.875, oos: 0.9, smalltalk: 1.0 };

const report: EvalReport = evaluate(readEvalFiles(defaultEvalFiles), { warmup: 0 });

/** The failures of one group, one per line, so a failing floor says what regressed. */
function failures(group: string): string {
  const rows = report.rows.filter((r) => r.group === group && !r.ok);
  return rows.map((r) => `  ${r.id} [${r.topic}] ${JSON.stringify(r.q)}: ${r.why}; got ${r.matched}`).join('\n');
}

describe('development questions (regression floor)', () => {
  it('has all three groups of questions', () => {
    expect(report.groups.inscope?.total).toBeGreaterThan(0);
    expect(report.groups.oos?.total).toBeGreaterThan(0);
    expect(report.groups.smalltalk?.total).toBeGreaterThan(0);
  });

  it(`answers at least ${FLOORS.inscope * 100}% of in-scope questions correctly`, () => {
    expect(report.inscope, `in-scope ${report.groups.inscope.pass}/${report.groups.inscope.total}; failures:\n${failures('inscope')}`).toBeGreaterThanOrEqual(FLOORS.inscope);
  });

  it(`declines at least ${FLOORS.oos * 100}% of out-of-scope questions`, () => {
    expect(report.oosDecline, `declined ${report.groups.oos.pass}/${report.groups.oos.total}; failures:\n${failures('oos')}`).toBeGreaterThanOrEqual(FLOORS.oos);
  });

  it(`recognizes at least ${FLOORS.smalltalk * 100}% of small talk`, () => {
    expect(report.smalltalk, `small talk ${report.groups.smalltalk.pass}/${report.groups.smalltalk.total}; failures:\n${failures('smalltalk')}`).toBeGreaterThanOrEqual(FLOORS.smalltalk);
  });
});
