// The near-copy rule kb:check uses to keep development questions out of the knowledge base.
// Every string here is made up for the test.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load';
import { findFixtureCopies, isNearCopy, readFixtureQuestions } from '../../src/knowledge/near-copy';

const ABBREVIATIONS = { u: 'you', yrs: 'years' };

describe('isNearCopy', () => {
  it('treats case, punctuation and the AM shorthand as no difference', () => {
    expect(isNearCopy('Do AMs travel a lot?', 'do account managers travel a lot')).toBe(true);
  });
  it('finds the same content words in another order or with other stop words', () => {
    expect(isNearCopy('travel budget for account managers', 'an account manager travel budget')).toBe(true);
    expect(isNearCopy('how do u plan travelling as an AM', 'planning travel AM', ABBREVIATIONS)).toBe(true);
  });
  it('finds a typo-corrected copy', () => {
    expect(isNearCopy('is travle part of an acount managr job', 'is travel part of an account manager job')).toBe(true);
    expect(isNearCopy('wat travel does an AM do', 'what travel does an AM do')).toBe(true);
  });
  it('finds one question inside the other with one extra word', () => {
    expect(isNearCopy('account manager travel', 'account manager travel policy')).toBe(true);
    expect(isNearCopy('account manager travel', 'account manager travel policy abroad')).toBe(false);
  });
  it('keeps questions with different content apart', () => {
    expect(isNearCopy('do account managers travel a lot', 'do account managers write a lot')).toBe(false);
    expect(isNearCopy('account manager travel budget', 'account manager training budget')).toBe(false);
    expect(isNearCopy('how much travel', 'how much pay')).toBe(false);
  });
  it('never calls an empty text a copy', () => {
    expect(isNearCopy('?!', '...')).toBe(false);
  });
});

describe('findFixtureCopies', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('names each copying alternate or counterexample with the fixture line it copies', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'fixtures-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'set.jsonl'), '{"id":"a","q":"account manager salery"}\n\n{"id":"b","q":"pay of a dentist"}\n');
    writeFileSync(path.join(dir, 'notes.txt'), 'not a question file');
    const questions = readFixtureQuestions(dir, 'fx');
    expect(questions).toEqual([
      { q: 'account manager salery', where: path.join('fx', 'set.jsonl:1') },
      { q: 'pay of a dentist', where: path.join('fx', 'set.jsonl:3') },
    ]);

    const kb = loadKnowledge(path.resolve(__dirname, '../fixtures/kb-valid-min'));
    const withCounter = (e: (typeof kb.entries)[number]) =>
      e.id === 'pay' ? { ...e, counterexamples: ['what is the pay of a dentist?'] } : e;
    const edited = { ...kb, entries: kb.entries.map(withCounter) };
    expect(findFixtureCopies(edited, questions)).toEqual([
      { entryId: 'pay', field: 'alternates', text: 'account manager salary', where: path.join('fx', 'set.jsonl:1') },
      { entryId: 'pay', field: 'counterexamples', text: 'what is the pay of a dentist?', where: path.join('fx', 'set.jsonl:3') },
    ]);
  });

  it('reads no questions when the fixture folder is absent', () => {
    expect(readFixtureQuestions(path.join(os.tmpdir(), 'no-such-fixtures-folder'))).toEqual([]);
  });
});
