// Typo repair over a vocabulary.
import { describe, expect, it } from 'vitest';
import { buildTypoRepairer, COMMONER_BY, maxEdits } from '../../src/search/typos';

const vocabulary = new Map<string, number>([
  ['account', 5],
  ['accountant', 1],
  ['manager', 4],
  ['management', 2],
  ['first', 2],
  ['salary', 3],
  ['budget', 1],
  ['empathy', 1],
  ['besides', 1],
  ['sides', 1],
  ['pay', 3],
  ['the', 9],
  ['client', 2],
  ['clients', 1],
  ['responsibilities', 1],
]);
const typos = buildTypoRepairer(vocabulary);

describe('maxEdits', () => {
  it('allows no edits below four letters, one up to eight, two from nine', () => {
    expect(maxEdits(3)).toBe(0);
    expect(maxEdits(4)).toBe(1);
    expect(maxEdits(8)).toBe(1);
    expect(maxEdits(9)).toBe(2);
  });
});

describe('buildTypoRepairer', () => {
  it('returns a known word itself', () => {
    expect(typos.repair('account')).toBe('account');
    expect(typos.repair('pay')).toBe('pay');
    expect(typos.has('account')).toBe(true);
    expect(typos.has('acount')).toBe(false);
  });

  it('repairs a missing letter', () => {
    expect(typos.repair('acount')).toBe('account');
    expect(typos.repair('salry')).toBe('salary');
  });

  it('repairs an extra letter', () => {
    expect(typos.repair('accouunt')).toBe('account');
    expect(typos.repair('bsides')).toBe('besides');
  });

  it('repairs a changed letter', () => {
    expect(typos.repair('budgel')).toBe('budget');
    expect(typos.repair('salory')).toBe('salary');
  });

  it('repairs two swapped letters', () => {
    expect(typos.repair('frist')).toBe('first');
    expect(typos.repair('mangaer')).toBe('manager');
    expect(typos.repair('budgte')).toBe('budget');
  });

  it('repairs two slips in a long word', () => {
    expect(typos.repair('managmeent')).toBe('management');
    expect(typos.repair('responsibilites')).toBe('responsibilities');
  });

  it('repairs a three-letter word only as a four-letter word with a letter left out', () => {
    expect(typos.repair('pya')).toBeUndefined();
    expect(typos.repair('thw')).toBeUndefined();
    const short = buildTypoRepairer(
      new Map([
        ['earn', 2],
        ['call', 1],
        ['cell', 3],
        ['ear', 1],
      ]),
    );
    expect(short.repair('ern')).toBe('earn');
    expect(short.repair('cll')).toBe('cell'); // the commoner of "call" and "cell"
    expect(short.repair('eer')).toBeUndefined(); // "ear" is a letter changed, not left out
    expect(short.repair('arn')).toBeUndefined(); // never the first letter
  });

  it('leaves a real three-letter word alone', () => {
    const short = buildTypoRepairer(new Map([['earn', 2]]), new Set(['ern']));
    expect(short.repair('ern')).toBeUndefined();
  });

  it('never changes the first letter', () => {
    expect(typos.repair('xccount')).toBeUndefined();
    expect(typos.repair('ccount')).toBeUndefined();
    expect(typos.repair('salary')).toBe('salary');
    // "sides" is a known word and must not become "besides", nor "bsides" become "sides".
    expect(typos.repair('sides')).toBe('sides');
  });

  it('returns undefined when nothing is close', () => {
    expect(typos.repair('zzzzzz')).toBeUndefined();
    expect(typos.repair('qwertyuiop')).toBeUndefined();
    expect(typos.repair('nurse')).toBeUndefined();
  });

  it('falls back to the vocabulary word sharing the longest beginning for long words', () => {
    expect(typos.repair('empathetic')).toBe('empathy');
    expect(typos.repair('managerial')).toBe('manager');
  });

  it('does not use the prefix fallback for words of six letters or fewer', () => {
    expect(typos.repair('accoxx')).toBeUndefined();
  });

  it('breaks ties between equally close words in favour of the commoner one', () => {
    const tie = buildTypoRepairer(
      new Map([
        ['clerk', 1],
        ['clear', 5],
      ]),
    );
    expect(tie.repair('clean')).toBe('clear');
    const other = buildTypoRepairer(
      new Map([
        ['clerk', 5],
        ['clear', 1],
      ]),
    );
    expect(other.repair('clerc')).toBe('clerk');
  });

  it('ignores vocabulary words with digits or fewer than four letters as repair targets', () => {
    const r = buildTypoRepairer(
      new Map([
        ['b2b2b', 1],
        ['pay', 1],
      ]),
    );
    expect(r.repair('b2b2c')).toBeUndefined();
    expect(r.repair('payy')).toBeUndefined();
  });

  it('gives up quickly on a very long word instead of trying every deletion', () => {
    // No vocabulary word is within two edits of a 300-letter word; the lookup must not build the
    // ~45,000 two-letter deletions of it (cost grows with the cube of the length).
    let seed = 11;
    const word = Array.from({ length: 300 }, () => String.fromCharCode(97 + ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % 26))).join(
      '',
    );
    const started = performance.now();
    const repaired = typos.repair(word);
    expect(performance.now() - started).toBeLessThan(50);
    expect(repaired === undefined || vocabulary.has(repaired)).toBe(true);
  });

  it('handles an empty vocabulary and empty input', () => {
    const empty = buildTypoRepairer(new Map());
    expect(empty.repair('account')).toBeUndefined();
    expect(typos.repair('')).toBeUndefined();
  });
});

describe('buildTypoRepairer with English frequency ranks', () => {
  // Made-up words and ranks: "budge" and "budgte" stand for real words one slip from "budget".
  const words = new Map([
    ['budget', 1],
    ['banner', 1],
  ]);
  const dictionary = new Set(['budge', 'budgte', 'banter']);
  const ranks = (table: Record<string, number>) => (word: string) => table[word];

  it('takes a rare real word one edit from a much commoner vocabulary word for a slip', () => {
    const r = buildTypoRepairer(words, dictionary, ranks({ budget: 1200, budge: 1200 * COMMONER_BY + 1 }));
    expect(r.repair('budge')).toBe('budget');
  });

  it('counts a swap of two letters as one slip', () => {
    const r = buildTypoRepairer(words, dictionary, ranks({ budget: 1200, budgte: 40_000 }));
    expect(r.repair('budgte')).toBe('budget');
  });

  it('treats a real word missing from the ranks as rare', () => {
    const r = buildTypoRepairer(words, dictionary, ranks({ budget: 1200 }));
    expect(r.repair('budge')).toBe('budget');
  });

  it('leaves a real word alone when it is common itself, or not much rarer', () => {
    const r = buildTypoRepairer(words, dictionary, ranks({ budget: 1200, budge: 3000, banner: 5000, banter: 9000 }));
    expect(r.repair('budge')).toBeUndefined();
    expect(r.repair('banter')).toBeUndefined();
  });

  it('leaves a real word alone when the vocabulary word has no rank, or without ranks at all', () => {
    expect(buildTypoRepairer(words, dictionary, ranks({ budge: 50_000 })).repair('budge')).toBeUndefined();
    expect(buildTypoRepairer(words, dictionary).repair('budge')).toBeUndefined();
  });

  it('counts a ranked word the dictionary lacks as real ("whose" is no slip for "whole")', () => {
    const vocabulary = new Map([['whole', 1]]);
    expect(buildTypoRepairer(vocabulary, new Set(), ranks({ whole: 1043, whose: 484 })).repair('whose')).toBeUndefined();
    expect(buildTypoRepairer(vocabulary, new Set(), ranks({ whole: 1043 })).repair('whose')).toBe('whole');
  });

  it('still repairs a non-word by edit distance, whatever the ranks', () => {
    const r = buildTypoRepairer(words, dictionary, ranks({ budget: 90_000 }));
    expect(r.repair('budjet')).toBe('budget');
  });
});
