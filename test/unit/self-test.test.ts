import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../src/faq/decision';
import { loadKnowledge, type KnowledgeBase } from '../../src/knowledge/load';
import { isPositive, POSITIVE_KINDS } from '../../src/eval/self-test/cases';
import { buildSelfTest, type SelfTestFold } from '../../src/eval/self-test/corpus';
import { loadSelfTestData } from '../../src/eval/self-test/data';
import { mentionsSubject, swapSubject } from '../../src/eval/self-test/occupations';
import { rngFor } from '../../src/eval/self-test/random';
import { runSelfTest } from '../../src/eval/self-test/run';
import { rewriteWithSlang } from '../../src/eval/self-test/slang';
import { addTypos } from '../../src/eval/self-test/typos';
import { padQuestion } from '../../src/eval/self-test/wordy';
import { dropSubject } from '../../src/eval/self-test/bare';
import { parseArgs } from '../../src/cli/eval';
import { selfTestHeadline } from '../../src/eval/self-test/report';

const kb = loadKnowledge();
const data = loadSelfTestData();
const SEEDS = Array.from({ length: 12 }, (_, i) => i * 7919 + 3);

const cases = (folds: SelfTestFold[]) => folds.flatMap((f) => f.cases);

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i ? (j ? 0 : i) : j)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

describe('self-test corpus', () => {
  it('is the same for a seed and different for another seed', () => {
    const a = cases(buildSelfTest(kb, { seed: 5, data }));
    expect(cases(buildSelfTest(kb, { seed: 5, data }))).toEqual(a);
    const b = cases(buildSelfTest(kb, { seed: 6, data }));
    expect(b.length).toBeGreaterThan(0);
    expect(b.filter((c) => c.kind !== 'heldout').map((c) => c.q)).not.toEqual(a.filter((c) => c.kind !== 'heldout').map((c) => c.q));
  });

  it('holds every alternate out of its own fold and keeps it in the others', () => {
    for (const count of [3, 10, 20]) {
      const folds = buildSelfTest(kb, { folds: count, data });
      for (const c of cases(folds).filter((x) => x.kind === 'heldout')) {
        for (const fold of folds) {
          const alternates = fold.kb.entries.find((e) => e.id === c.entry)!.alternates;
          expect(alternates.includes(c.q), `${c.q} in fold ${fold.fold}`).toBe(fold.fold !== c.fold);
        }
      }
    }
  });

  it('asks each alternate once, with leave-one-out when folds is the most alternates', () => {
    const most = Math.max(...kb.entries.map((e) => e.alternates.length));
    const folds = buildSelfTest(kb, { folds: most, data });
    const heldout = cases(folds).filter((c) => c.kind === 'heldout');
    expect(heldout.length).toBe(kb.entries.reduce((n, e) => n + e.alternates.length, 0));
    for (const fold of folds) {
      for (const entry of fold.kb.entries) {
        const full = kb.entries.find((e) => e.id === entry.id)!;
        expect(full.alternates.length - entry.alternates.length).toBe(fold.fold < full.alternates.length ? 1 : 0);
      }
    }
  });

  it('holds counterexamples out with the alternates of the same position', () => {
    const withCounter: KnowledgeBase = {
      ...kb,
      entries: kb.entries.map((e, i) => (i === 0 ? { ...e, counterexamples: ['first made-up counterexample', 'second one'] } : e)),
    };
    const folds = buildSelfTest(withCounter, { folds: 2, data });
    const written = ['first made-up counterexample', 'second one'];
    // As written; their styled copies (typos, chat, context) follow the same folds.
    const counter = cases(folds).filter((c) => c.kind === 'counterexample' && written.includes(c.q));
    expect(counter.map((c) => [c.q, c.fold, c.entry, c.expect])).toEqual([
      ['first made-up counterexample', 0, kb.entries[0].id, undefined],
      ['second one', 1, kb.entries[0].id, undefined],
    ]);
    for (const c of cases(folds).filter((x) => x.kind === 'counterexample' && x.entry === kb.entries[0].id)) {
      expect(written.some((w) => c.fold === written.indexOf(w) % 2)).toBe(true);
    }
    expect(folds[0].kb.entries[0].counterexamples).toEqual(['second one']);
    expect(folds[1].kb.entries[0].counterexamples).toEqual(['first made-up counterexample']);
  });

  it('gives every positive the entry it was made from, and no negative an expected answer', () => {
    for (const seed of SEEDS.slice(0, 3)) {
      const all = cases(buildSelfTest(kb, { seed, data }));
      for (const kind of POSITIVE_KINDS)
        expect(
          all.some((c) => c.kind === kind),
          kind,
        ).toBe(true);
      for (const c of all) {
        if (isPositive(c.kind)) {
          expect(c.expect, c.q).toBeDefined();
          expect(c.expect).toBe(c.entry);
        } else expect(c.expect, c.q).toBeUndefined();
      }
    }
  });

  it('refuses fewer than two folds', () => {
    expect(() => buildSelfTest(kb, { folds: 1, data })).toThrow(RangeError);
  });
});

describe('perturbations', () => {
  const questions = kb.entries.flatMap((e) => e.alternates.slice(0, 4));

  it('typos change one letter in each of one or two words longer than three letters', () => {
    for (const seed of SEEDS) {
      for (const [i, q] of questions.entries()) {
        const typo = addTypos(rngFor(seed, 'test', i), q);
        if (typo === undefined) {
          expect(
            q.split(' ').some((w) => /^[A-Za-z]{4,}(?:'[a-z]+)?[^A-Za-z]*$/.test(w)),
            q,
          ).toBe(false);
          continue;
        }
        const before = q.split(' ');
        const after = typo.split(' ');
        expect(after.length).toBe(before.length);
        const changed = before.flatMap((w, k) => (w === after[k] ? [] : [k]));
        expect(changed.length, `${q} -> ${typo}`).toBeGreaterThanOrEqual(1);
        expect(changed.length).toBeLessThanOrEqual(2);
        for (const k of changed) {
          expect(before[k].replace(/[^A-Za-z]/g, '').length).toBeGreaterThan(3);
          expect(editDistance(before[k], after[k]), `${before[k]} -> ${after[k]}`).toBe(1);
        }
      }
    }
  });

  it('slang rewrites replace the listed words, and never a slang form again', () => {
    const rewritten = rewriteWithSlang(rngFor(1, 'x'), 'what salary does a supervisor earn', data.slang)!;
    expect(rewritten).not.toMatch(/salary|supervisor|earn\b/);
    expect(rewritten).toMatch(/^what .+ does a boss .+$/);
    expect(rewriteWithSlang(rngFor(1, 'x'), 'hello there', data.slang)).toBeUndefined();
  });

  it('wordy phrasings keep the question whole between an opener and a closer from the pools', () => {
    const { openers, closers } = data.wordy;
    for (const [i, q] of questions.entries()) {
      const padded = padQuestion(rngFor(1, 'test', i), q, data.wordy);
      const body = q.replace(/[?.!]+$/, '');
      expect(padded.toLowerCase(), q).toContain(body.slice(1).toLowerCase());
      expect(padded.endsWith('?')).toBe(true);
      const opener = openers.find((o) => padded.startsWith(`${o} `));
      const closer = closers.find((c) => padded.endsWith(` ${c}?`));
      expect(opener !== undefined || closer !== undefined, padded).toBe(true);
      expect(padded.length).toBe(body.length + 1 + (opener ? opener.length + 1 : 0) + (closer ? closer.length + 1 : 0));
    }
  });

  it('bare phrasings leave the subject out and keep the rest of the question', () => {
    const subject = ['account manager', 'account management', 'account'];
    expect(dropSubject('What is the salary of an account manager?', subject)).toBe('What is the salary?');
    expect(dropSubject('tips for getting promoted in account management', subject)).toBe('tips for getting promoted');
    expect(dropSubject('what skills does an AM need', subject)).toBe('what skills do I need');
    expect(dropSubject('do account managers give presentations', subject)).toBe('do I give presentations');
    // The verb "am" is not the title, and a question with nothing to drop has no bare copy.
    expect(dropSubject('what skills do i need as i am', subject)).toBeUndefined();
    expect(dropSubject('how to become an account manager', subject)).toBeUndefined();
    expect(dropSubject('account management', subject)).toBeUndefined();
  });

  it('occupation swaps keep the question and drop the subject', () => {
    const nurse = data.occupations.find((o) => o.one === 'nurse')!;
    expect(swapSubject('How much do account managers earn?', nurse)).toBe('How much do nurses earn?');
    expect(swapSubject('What does an AM do, and am I a fit?', nurse)).toBe('What does a nurse do, and am I a fit?');
    expect(swapSubject("Account manager's salary in account management", nurse)).toBe("Nurse's salary in nursing");
    for (const seed of SEEDS) {
      const occupation = cases(buildSelfTest(kb, { seed, data })).filter((c) => c.kind === 'occupation');
      expect(occupation.length).toBeGreaterThan(kb.entries.length);
      for (const c of occupation) {
        expect(mentionsSubject(c.q, kb.synonyms.subject), c.q).toBe(false);
        expect(c.q).not.toMatch(/\baccounts?\b/i);
        expect(c.q).not.toMatch(/\bAMs?\b/);
      }
    }
  });
});

describe('self-test run', () => {
  it('passes a positive only on its own answer and a negative only on a fallback', () => {
    const folds = buildSelfTest(kb, { folds: 2, data });
    const answer = (id: string): Decision => ({
      query: '',
      kind: 'answer',
      score: 1,
      threshold: 0.5,
      top: [{ id, title: id, score: 1 }],
      answer: { id, title: id, text: '', followUps: [] },
    });
    const fallback: Decision = { query: '', kind: 'fallback', score: 0, threshold: 0.5, top: [] };
    const expected = new Map(cases(folds).map((c) => [c.q, c.expect]));
    // A fake service that answers positives right and every negative with the first entry.
    const rows = runSelfTest(folds, () => ({ ask: (q: string) => answer(expected.get(q) ?? kb.entries[0].id) }));
    expect(rows.filter((r) => r.ok).every((r) => isPositive(r.kind))).toBe(true);
    expect(rows.filter((r) => !r.ok).every((r) => !isPositive(r.kind))).toBe(true);
    const declining = runSelfTest(folds, () => ({ ask: () => fallback }));
    expect(declining.every((r) => r.ok === !isPositive(r.kind))).toBe(true);
  });
});

describe('npm run eval -- --self', () => {
  it('parses the self-test flags, --seed and --folds implying --self', async () => {
    expect(parseArgs(['--self']).self).toEqual({});
    expect(parseArgs(['--seed', '3', '--folds=20']).self).toEqual({ seed: 3, folds: 20 });
    expect(parseArgs([]).self).toBeUndefined();
    expect(() => parseArgs(['--folds', '1'])).toThrow(/at least 2/);
  });
});

describe("self-test negatives in the positives' styles", () => {
  it('asks every kind of negative in typos, chat forms and context too, and only as negatives', () => {
    const all = cases(buildSelfTest(kb, { data }));
    for (const kind of ['occupation', 'other-sense', 'counterexample', 'uncovered', 'general'] as const) {
      const ofKind = all.filter((c) => c.kind === kind);
      const written = new Set(ofKind.map((c) => c.q));
      expect(
        ofKind.some((c) => c.q === c.q.toLowerCase() && !/[?.!]$/.test(c.q)),
        kind,
      ).toBe(true);
      expect(
        ofKind.some((c) => c.q.split(/(?<=[.!?])\s+/).length > 1),
        kind,
      ).toBe(true);
      expect(written.size, kind).toBeGreaterThan(1);
      for (const c of ofKind) expect(c.expect).toBeUndefined();
    }
  });

  it('swaps the subject of alternates as well as of main questions', () => {
    const occupation = cases(buildSelfTest(kb, { data })).filter((c) => c.kind === 'occupation');
    expect(occupation.length).toBeGreaterThan(4 * kb.entries.length);
  });
});

describe('selfTestHeadline', () => {
  it('gives the two headline rates for a knowledge base with self-test data, nothing without', async () => {
    expect(selfTestHeadline()).toMatch(/in scope \d+\/\d+ \(\d+\.\d%\); negatives declined \d+\/\d+/);
    expect(selfTestHeadline(path.resolve(__dirname, '../fixtures/kb-valid-min'))).toBeUndefined();
  });
});
