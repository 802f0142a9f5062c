// The analytics page's figures from given day counts and kept questions: every day of the period
// with its answered / asked back / declined counts, the shares, the top topics by title, the
// groups of questions worth a look with their closest entry, and helpful against unhelpful.
import { describe, expect, it } from 'vitest';
import { buildReport, periodStart } from '../../src/admin/report';
import type { Tally } from '../../src/learning/records';
import { record } from '../support/question-log-contract';

const now = new Date('2026-12-07T15:30:00.000Z');
const titles = new Map([
  ['salary', 'Account manager salary'],
  ['role', 'What an account manager does'],
  ['skills', 'Skills of an account manager'],
]);
const tally = (day: string, kind: Tally['kind'], count: number, entryId = ''): Tally => ({ day, kind, entryId, count });

const tallies: Tally[] = [
  tally('2026-11-30', 'answer', 50, 'salary'), // before a 7-day period
  tally('2026-12-01', 'answer', 6, 'salary'),
  tally('2026-12-01', 'answer', 2, 'role'),
  tally('2026-12-01', 'fallback', 1),
  tally('2026-12-01', 'smalltalk', 4),
  tally('2026-12-03', 'clarify', 2),
  tally('2026-12-07', 'answer', 3, 'role'),
  tally('2026-12-07', 'answer', 1, 'retired-entry'),
  tally('2026-12-07', 'fallback', 5),
  tally('2026-12-07', 'dialog', 7),
  tally('2026-12-07', 'helpful', 3, 'salary'),
  tally('2026-12-07', 'unhelpful', 1, 'salary'),
  tally('2026-12-07', 'unhelpful', 2, 'role'),
];

describe('periodStart', () => {
  it('is the UTC midnight that makes the period end today', () => {
    expect(periodStart(7, now).toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(periodStart(1, now).toISOString()).toBe('2026-12-07T00:00:00.000Z');
  });
});

describe('buildReport', () => {
  const report = buildReport({ tallies, records: [], titles, days: 7, now });

  it('has every day of the period, quiet days included, and nothing from before it', () => {
    expect(report).toMatchObject({ days: 7, from: '2026-12-01', to: '2026-12-07' });
    expect(report.perDay.map((d) => d.day)).toEqual([
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
      '2026-12-07',
    ]);
    expect(report.perDay[0]).toEqual({ day: '2026-12-01', answered: 8, clarified: 0, declined: 1 });
    expect(report.perDay[1]).toEqual({ day: '2026-12-02', answered: 0, clarified: 0, declined: 0 });
    expect(report.perDay[2]).toEqual({ day: '2026-12-03', answered: 0, clarified: 2, declined: 0 });
    expect(report.perDay[6]).toEqual({ day: '2026-12-07', answered: 4, clarified: 0, declined: 5 });
  });

  it('counts answers, clarifications and declines as questions, and small talk and flow steps apart', () => {
    expect(report.totals).toEqual({ questions: 20, answered: 12, clarified: 2, declined: 6, smalltalk: 4, flowSteps: 7 });
    expect(report.shares).toEqual({ answered: 0.6, clarified: 0.1, declined: 0.3 });
  });

  it('lists the most answered entries by title, one gone from the knowledge base by id alone', () => {
    expect(report.topTopics).toEqual([
      { id: 'salary', title: 'Account manager salary', answers: 6 },
      { id: 'role', title: 'What an account manager does', answers: 5 },
      { id: 'retired-entry', title: undefined, answers: 1 },
    ]);
  });

  it('sets helpful against unhelpful per entry, the most rated first', () => {
    expect(report.feedback).toEqual([
      { id: 'salary', title: 'Account manager salary', helpful: 3, unhelpful: 1 },
      { id: 'role', title: 'What an account manager does', helpful: 0, unhelpful: 2 },
    ]);
    expect(report.feedbackTotals).toEqual({ helpful: 3, unhelpful: 3 });
  });

  it('has zero shares, not NaN, for a period without questions', () => {
    const quiet = buildReport({ tallies: [], records: [], titles, days: 30, now });
    expect(quiet.perDay).toHaveLength(30);
    expect(quiet.shares).toEqual({ answered: 0, clarified: 0, declined: 0 });
    expect(quiet.topTopics).toEqual([]);
    expect(quiet.unanswered).toEqual([]);
  });

  it('groups the questions worth a look, with the title of the entry they came closest to', () => {
    const records = [
      record('What is a fair salary for a dental hygienist?', { at: '2026-12-05T10:00:00.000Z', top: [{ id: 'salary', score: 0.2 }] }),
      record('dental hygienist salary', { at: '2026-12-06T10:00:00.000Z', reason: 'clarify', top: [{ id: 'salary', score: 0.3 }] }),
      record('should I learn the bagpipes?', { at: '2026-12-07T09:00:00.000Z', top: [{ id: 'retired-entry', score: 0.1 }] }),
      record('asked before the period', { at: '2026-11-20T09:00:00.000Z' }),
    ];
    const { unanswered, keptQuestions } = buildReport({ tallies, records, titles, days: 7, now });
    expect(keptQuestions).toBe(3);
    expect(unanswered).toHaveLength(2);
    expect(unanswered[0]).toMatchObject({
      count: 2,
      reasons: { fallback: 1, clarify: 1 },
      closest: { id: 'salary', score: 0.3 },
      closestTitle: 'Account manager salary',
    });
    expect(unanswered[1]).toMatchObject({ count: 1, closest: { id: 'retired-entry' }, closestTitle: undefined });
  });
});
