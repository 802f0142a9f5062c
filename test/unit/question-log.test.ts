// The record of unanswered questions: which decisions are kept and how, the SQLite file behind it
// (salt kept across reopening, "forget me", retention), the grouping the report prints, and a
// failing log that never fails a turn.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { Decision, DecisionEvent } from '../../src/faq/decision';
import { groupQuestions, overlap, questionKey } from '../../src/learning/group';
import { QuestionRecorder } from '../../src/learning/recorder';
import { CLOSE_CALL_MARGIN, hashUser, recordOf, type QuestionLog, type Tally } from '../../src/learning/records';
import { SqliteQuestionLog } from '../../src/learning/sqlite-log';
import { questionLogContract, record } from '../support/question-log-contract';
import { useTempDirs } from '../support/temp-dirs';

const tempDir = useTempDirs('faq-question-log-');

function decision(kind: Decision['kind'], scores: number[], query = 'some question'): Decision {
  const top = scores.map((score, i) => ({ id: `entry-${i}`, title: `Entry ${i}`, score }));
  return { query, kind, score: scores[0] ?? 0, threshold: 0.5, top };
}

const event = (d: Decision, extra: Partial<DecisionEvent> = {}): DecisionEvent => ({
  decision: d,
  channel: 'webchat',
  fromQuestion: true,
  userId: 'user-1',
  ...extra,
});

describe('recordOf', () => {
  it('keeps declined and did-you-mean questions, and answers whose runner-up came close', () => {
    expect(recordOf(event(decision('fallback', [0.1, 0.05])), 's')?.reason).toBe('fallback');
    expect(recordOf(event(decision('clarify', [0.4, 0.38])), 's')?.reason).toBe('clarify');
    expect(recordOf(event(decision('answer', [0.8, 0.8 - CLOSE_CALL_MARGIN / 2])), 's')?.reason).toBe('close-call');
  });

  it('skips clear answers, small talk, flows and the set replies that are not a reading of a question', () => {
    expect(recordOf(event(decision('answer', [0.9, 0.3])), 's')).toBeUndefined();
    expect(recordOf(event(decision('answer', [0.9])), 's')).toBeUndefined();
    expect(recordOf(event(decision('smalltalk', [0.2])), 's')).toBeUndefined();
    expect(recordOf(event(decision('dialog', [])), 's')).toBeUndefined();
    expect(recordOf(event(decision('fallback', [0.1]), { fromQuestion: false }), 's')).toBeUndefined();
    expect(recordOf(event(decision('fallback', [0.1], '   ')), 's')).toBeUndefined();
  });

  it('keeps at most three candidates, and the user only as a salted hash', () => {
    const kept = recordOf(event(decision('fallback', [0.3, 0.2, 0.1, 0.05, 0.01])), 'pepper');
    expect(kept?.top.map((c) => c.id)).toEqual(['entry-0', 'entry-1', 'entry-2']);
    expect(kept?.userHash).toBe(hashUser('pepper', 'user-1'));
    expect(kept?.userHash).not.toBe(hashUser('salt', 'user-1'));
    expect(JSON.stringify(kept)).not.toContain('user-1');
    expect(recordOf(event(decision('fallback', [0.1]), { userId: undefined }), 's')?.userHash).toBeUndefined();
  });
});

describe('SqliteQuestionLog', () => {
  questionLogContract(async () => new SqliteQuestionLog(':memory:'));

  it('keeps records, and the same salt, across reopening the file', async () => {
    const file = path.join(tempDir(), 'nested', 'questions.sqlite');
    const first = new SqliteQuestionLog(file);
    const salt = await first.salt();
    await first.add([record('dental hygienist salary?', { userHash: hashUser(salt, 'u1') })]);
    await first.close();
    const again = new SqliteQuestionLog(file);
    expect(await again.salt()).toBe(salt);
    expect(await again.since()).toEqual([record('dental hygienist salary?', { userHash: hashUser(salt, 'u1') })]);
    await again.close();
    const configured = new SqliteQuestionLog(file, { salt: 'from-the-environment' });
    expect(await configured.salt()).toBe('from-the-environment');
    await configured.close();
  });

  it('refuses a file that is not a database, and writes to one opened for reading', async () => {
    const dir = tempDir();
    const broken = path.join(dir, 'broken.sqlite');
    writeFileSync(broken, 'this is not a database '.repeat(100));
    expect(() => new SqliteQuestionLog(broken)).toThrow();
    const file = path.join(dir, 'questions.sqlite');
    await new SqliteQuestionLog(file).close();
    const reader = new SqliteQuestionLog(file, { readOnly: true });
    await expect(reader.add([record('x')])).rejects.toThrow(/reading only/);
    await reader.close();
  });
});

describe('QuestionRecorder', () => {
  it('records what is worth keeping and forgets a person by their id', async () => {
    const log = new SqliteQuestionLog(':memory:');
    const recorder = new QuestionRecorder(log);
    recorder.record(event(decision('fallback', [0.1])));
    recorder.record(event(decision('answer', [0.9, 0.1])));
    recorder.record(event(decision('clarify', [0.4, 0.39]), { userId: 'user-2' }));
    await recorder.settled();
    expect((await log.since()).map((r) => r.reason)).toEqual(['fallback', 'clarify']);
    recorder.forget('user-1');
    recorder.forget(undefined);
    await recorder.settled();
    expect((await log.since()).map((r) => r.userHash)).toEqual([hashUser(await log.salt(), 'user-2')]);
    await recorder.close();
  });

  it('counts every decision per day, and the entry of answers', async () => {
    const log = new SqliteQuestionLog(':memory:');
    const recorder = new QuestionRecorder(log);
    const answered = { ...decision('answer', [0.9, 0.1]), answer: { id: 'salary', title: 'Pay', text: '...', followUps: [] } };
    recorder.record(event(answered));
    recorder.record(event(answered));
    recorder.record(event(decision('fallback', [0.1])));
    recorder.record(event(decision('dialog', []), { fromQuestion: true }));
    await recorder.settled();
    const counts = (await log.tallies()).map(({ kind, entryId, count }) => [kind, entryId, count]);
    expect(counts).toEqual([
      ['answer', 'salary', 2],
      ['dialog', '', 1],
      ['fallback', '', 1],
    ]);
    await recorder.close();
  });

  it('counts feedback, and keeps each question with its verdict; only the unhelpful one is for the report', async () => {
    const log = new SqliteQuestionLog(':memory:');
    const recorder = new QuestionRecorder(log);
    recorder.feedback({ helpful: true, entryId: 'salary', query: 'how much do they earn', channel: 'webchat', userId: 'u1' });
    recorder.feedback({ helpful: false, entryId: 'salary', query: 'whats the take home', score: 0.7, channel: 'msteams', userId: 'u2' });
    await recorder.settled();
    expect((await log.tallies()).map(({ kind, entryId, count }) => [kind, entryId, count])).toEqual([
      ['helpful', 'salary', 1],
      ['unhelpful', 'salary', 1],
    ]);
    const kept = await log.since();
    expect(kept.map((r) => [r.query, r.reason])).toEqual([
      ['how much do they earn', 'helpful'],
      ['whats the take home', 'unhelpful'],
    ]);
    expect(kept[1]).toMatchObject({ channel: 'msteams', top: [{ id: 'salary', score: 0.7 }] });
    expect(kept[1].userHash).toBe(hashUser(await log.salt(), 'u2'));
    expect(groupQuestions(kept).map((g) => g.examples)).toEqual([['whats the take home']]);
    await recorder.close();
  });

  it('never throws or rejects when the log fails, counts every failure and logs the outage once', async () => {
    const refuse = () => Promise.reject(new Error('disk full'));
    const failing: QuestionLog = {
      salt: async () => 's',
      add: refuse,
      forget: refuse,
      tally: refuse,
      tallies: async () => [],
      prune: async () => 0,
      since: async () => [],
      close: async () => undefined,
    };
    const logger = { error: vi.fn(), info: vi.fn() };
    const onError = vi.fn();
    const recorder = new QuestionRecorder(failing, logger as never, onError);
    expect(() => {
      recorder.record(event(decision('fallback', [0.1])));
      recorder.record(event(decision('fallback', [0.1])));
      recorder.forget('someone-else');
    }).not.toThrow();
    await recorder.settled();
    // The two questions (one write), the day's counts (one write) and the forgetting.
    expect(onError).toHaveBeenCalledTimes(3);
    expect(logger.error).toHaveBeenCalledTimes(1);
  });

  it('"forget me" also drops that person\'s questions of a batch that failed while it ran', async () => {
    const written: string[] = [];
    let failInFlight: ((err: Error) => void) | undefined;
    const log: QuestionLog = {
      salt: async () => 's',
      add: (records) =>
        failInFlight
          ? Promise.resolve(void written.push(...records.map((r) => r.query)))
          : new Promise((_, reject) => (failInFlight = reject)),
      forget: async () => 0,
      tally: async () => undefined,
      tallies: async () => [],
      prune: async () => 0,
      since: async () => [],
      close: async () => undefined,
    };
    const recorder = new QuestionRecorder(log);
    recorder.record(event(decision('fallback', [0.1], 'mine'), { userId: 'u1' }));
    recorder.record(event(decision('fallback', [0.1], 'theirs'), { userId: 'u2' }));
    const flushing = recorder.settled(); // the batch is written, and its write hangs
    await vi.waitFor(() => expect(failInFlight).toBeDefined());
    recorder.forget('u1');
    failInFlight!(new Error('disk full')); // the batch is put back for the next write
    await flushing;
    await recorder.settled();
    expect(written).toEqual(['theirs']);
  });

  it('writes the counts and questions of many turns at once, and keeps those a failed write could not', async () => {
    const batches: Tally[][] = [];
    const kept: string[][] = [];
    let down = true;
    const log: QuestionLog = {
      salt: async () => 's',
      add: async (records) => {
        if (down) throw new Error('Redis is down');
        kept.push(records.map((r) => r.query));
      },
      forget: async () => 0,
      tally: async (counts) => {
        if (down) throw new Error('Redis is down');
        batches.push(counts.map((t) => ({ ...t })));
      },
      tallies: async () => [],
      prune: async () => 0,
      since: async () => [],
      close: async () => undefined,
    };
    const recorder = new QuestionRecorder(log);
    for (let i = 0; i < 50; i++) recorder.record(event(decision('answer', [0.9])));
    recorder.record(event(decision('fallback', [0.1], 'first'), { userId: 'u1' }));
    recorder.record(event(decision('fallback', [0.1], 'mine'), { userId: 'u2' }));
    await recorder.settled();
    expect([batches, kept]).toEqual([[], []]);
    down = false;
    recorder.forget('u2'); // not yet written: forgotten before it is
    recorder.record(event(decision('fallback', [0.1], 'second'), { userId: 'u1' }));
    await recorder.settled();
    expect(kept).toEqual([['first', 'second']]);
    expect(batches).toHaveLength(1);
    expect(batches[0].map(({ kind, count }) => [kind, count]).sort()).toEqual([
      ['answer', 50],
      ['fallback', 3],
    ]);
  });
});

describe('groupQuestions', () => {
  it('groups wordings of one question, most frequent group first, with the entry they came closest to', () => {
    const groups = groupQuestions([
      record('Dental hygienist salary?', { top: [{ id: 'salary-overview', score: 0.02 }] }),
      record('is plumbing a good trade', { top: [{ id: 'good-career', score: 0.05 }], at: '2026-12-02T00:00:00.000Z' }),
      record('what is a fair salary for a dental hygienist', { top: [{ id: 'salary-senior', score: 0.03 }], channel: 'msteams' }),
      record('dental hygienist salary?', { top: [{ id: 'salary-overview', score: 0.01 }], reason: 'clarify' }),
    ]);
    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatchObject({
      count: 3,
      examples: ['Dental hygienist salary?', 'what is a fair salary for a dental hygienist', 'dental hygienist salary?'],
      closest: { id: 'salary-overview', score: 0.02 },
      reasons: { fallback: 2, clarify: 1 },
      channels: ['webchat', 'msteams'],
    });
    expect(groups[1]).toMatchObject({ count: 1, examples: ['is plumbing a good trade'], lastAt: '2026-12-02T00:00:00.000Z' });
  });

  it('keeps questions that share a word but ask different things apart', () => {
    const groups = groupQuestions([record('salary for a nurse in ohio'), record('salary for a pilot in texas')]);
    expect(groups.map((g) => g.count)).toEqual([1, 1]);
  });

  it('reads the content words, ignoring case, punctuation and word endings', () => {
    expect(overlap(questionKey('Salaries of plumbers?'), questionKey('plumber salary'))).toBe(1);
    expect([...questionKey('???')]).toHaveLength(1);
    expect(overlap(new Set(), new Set())).toBe(0);
  });
});
