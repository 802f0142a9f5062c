// What every question log does (records.ts's QuestionLog), run against each of them: the SQLite
// file in the unit tests, Redis in the Redis tests.
import { expect, it } from 'vitest';
import type { QuestionLog, QuestionRecord } from '../../src/learning/records';

export function record(query: string, extra: Partial<QuestionRecord> = {}): QuestionRecord {
  return { at: '2026-12-01T10:00:00.000Z', channel: 'webchat', query, reason: 'fallback', top: [{ id: 'salary', score: 0.1 }], ...extra };
}

/** `open` gives a new, empty log each time it is called. */
export function questionLogContract(open: () => Promise<QuestionLog>): void {
  it('gives back what was added, oldest first, and from a given time on', async () => {
    const log = await open();
    await log.add([record('second', { at: '2026-12-02T00:00:00.000Z', userHash: 'h1', top: [] })]);
    // Two identical records in one batch both count.
    const first = () => record('first', { at: '2026-12-01T00:00:00.000Z', reason: 'clarify', channel: 'msteams' });
    await log.add([first(), first()]);
    const all = await log.since();
    expect(all.map((r) => r.query).sort()).toEqual(['first', 'first', 'second']);
    expect(all.find((r) => r.query === 'second')).toEqual(record('second', { at: '2026-12-02T00:00:00.000Z', userHash: 'h1', top: [] }));
    expect((await log.since(new Date('2026-12-01T12:00:00.000Z'))).map((r) => r.query)).toEqual(['second']);
    await log.close();
  });

  it("forgets one person's records and prunes records past their retention", async () => {
    const log = await open();
    await log.add([record('old one', { at: '2026-01-01T00:00:00.000Z', userHash: 'a' })]);
    await log.add([record('mine', { userHash: 'a' })]);
    await log.add([record('theirs', { userHash: 'b', at: '2026-12-01T11:00:00.000Z' })]);
    await log.add([record('from the api', { at: '2026-12-01T12:00:00.000Z' })]);
    expect(await log.forget('a')).toBe(2);
    expect(await log.forget('nobody')).toBe(0);
    expect((await log.since()).map((r) => r.query)).toEqual(['theirs', 'from the api']);
    await log.add([record('older', { at: '2026-06-01T00:00:00.000Z' })]);
    expect(await log.prune(new Date('2026-11-01T00:00:00.000Z'))).toBe(1);
    expect((await log.since()).map((r) => r.query)).toEqual(['theirs', 'from the api']);
    await log.close();
  });

  it('counts decisions and feedback per day, kind and entry', async () => {
    const log = await open();
    const now = new Date();
    const yesterday = new Date(now.getTime() - 24 * 60 * 60 * 1000);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    await log.tally([
      { day: day(yesterday), kind: 'fallback', entryId: '', count: 1 },
      { day: day(now), kind: 'answer', entryId: 'salary', count: 1 },
    ]);
    // A later batch adds to what is kept.
    await log.tally([
      { day: day(now), kind: 'answer', entryId: 'salary', count: 1 },
      { day: day(now), kind: 'answer', entryId: 'skills', count: 1 },
      { day: day(now), kind: 'unhelpful', entryId: 'salary', count: 1 },
    ]);
    expect(await log.tallies()).toEqual([
      { day: day(yesterday), kind: 'fallback', entryId: '', count: 1 },
      { day: day(now), kind: 'answer', entryId: 'salary', count: 2 },
      { day: day(now), kind: 'answer', entryId: 'skills', count: 1 },
      { day: day(now), kind: 'unhelpful', entryId: 'salary', count: 1 },
    ]);
    expect((await log.tallies(now)).map((t) => t.day)).toEqual([day(now), day(now), day(now)]);
    await log.close();
  });

  it('keeps one salt', async () => {
    const log = await open();
    const salt = await log.salt();
    expect(salt.length).toBeGreaterThanOrEqual(32);
    expect(await log.salt()).toBe(salt);
    await log.close();
  });
}
