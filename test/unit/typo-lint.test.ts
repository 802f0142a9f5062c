// The misspelling hint of kb:check: a word written nowhere else that is a slip of a common word,
// with the line of its entry file where it is written.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryLocator, loadKnowledge } from '../../src/knowledge/load';
import { findLikelyTypos } from '../../src/knowledge/typo-lint';
import { exactLine, lineOf, REAL, replace, shown, variant, VALID } from '../support/kb-variants';

const PAY = path.join('entries', 'pay.yaml');
const KB_CHECK = path.resolve(__dirname, '../../dist/src/cli/kb-check.js');

// "salary" is written three times in the valid knowledge base: an established word.
const SLIP = '      - first year salery';
const withSlip = () =>
  variant({
    [PAY]: replace('      - starting salary for an account manager\n', `      - starting salary for an account manager\n${SLIP}\n`),
  });

describe('findLikelyTypos', () => {
  it('finds nothing in a knowledge base written correctly', () => {
    expect(findLikelyTypos(loadKnowledge(VALID))).toEqual([]);
  });

  it('names the entry, the word, the word it is a slip of and where in the entry it is', () => {
    expect(findLikelyTypos(loadKnowledge(withSlip()))).toEqual([
      { entryId: 'pay-entry', word: 'salery', meant: 'salary', path: ['alternates', 1] },
    ]);
  });

  it('points at the first place an entry writes the word, once', () => {
    const dir = variant({
      [PAY]: replace('      ladderStage: entry\n', '      ladderStage: entry\n    keywords: [salery, junior salery]\n'),
    });
    expect(findLikelyTypos(loadKnowledge(dir))).toEqual([{ entryId: 'pay-entry', word: 'salery', meant: 'salary', path: ['keywords', 0] }]);
  });

  it('gives the line of the word in its entry file', () => {
    const dir = withSlip();
    const [typo] = findLikelyTypos(loadKnowledge(dir));
    expect(entryLocator(dir)(typo.entryId, typo.path)).toBe(`${shown(dir, PAY)}:${exactLine(dir, PAY, SLIP)}`);
  });
});

describe('npm run kb:check', () => {
  it('prints FILE:LINE, the entry and the word for a likely misspelling', () => {
    expect(existsSync(KB_CHECK), `${KB_CHECK} is missing: run "npm run build" first`).toBe(true);
    const dir = withSlip();
    // kb:check also checks the self-test word lists, which the minimal knowledge base has not.
    copyFileSync(path.join(REAL, 'self-test.yaml'), path.join(dir, 'self-test.yaml'));
    const run = spawnSync(process.execPath, [KB_CHECK, dir], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const where = `${shown(dir, PAY)}:${lineOf(dir, PAY, 'salery')}`;
    expect(run.stdout).toContain(`  ${where} pay-entry: "salery" (did you mean "salary"?)`);
  });
});
