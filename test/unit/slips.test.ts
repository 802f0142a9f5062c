// Mistyped person nouns and places: a non-word one slip from a listed word names that word,
// unless a commoner English word is as close.
import { describe, expect, it } from 'vitest';
import { listedSlip, SlipIndex, type English } from '../../src/search/slips';
import { Analyzer } from '../../src/search/analyzer';
import { SearchIndex } from '../../src/search/index';

const people = new Set(['nurse', 'machinist', 'bore', 'engineer']);
const peopleSlips = new SlipIndex(people);
const slipsOf = (word: string) => peopleSlips.slipsOf(word);
const ranks: Record<string, number> = { nurse: 3000, machinist: 9000, bore: 8000, engineer: 2000, sheets: 5000 };
const englishWords = new Set([...people, 'before', 'sheets', 'salary']);
const english: English = { has: (w) => englishWords.has(w), rank: (w) => ranks[w] };

describe('SlipIndex.slipsOf', () => {
  it('finds a listed word a letter missing, extra, changed or swapped away, keeping the first letter', () => {
    expect(slipsOf('machiist')).toEqual(['machinist']);
    expect(slipsOf('nurrse')).toEqual(['nurse']);
    expect(slipsOf('nutse')).toEqual(['nurse']);
    expect(slipsOf('nruse')).toEqual(['nurse']);
    expect(slipsOf('murse')).toEqual([]);
  });

  it('finds a word one slip away, not two, nor the word itself', () => {
    expect(slipsOf('nurse')).toEqual([]);
    expect(slipsOf('nutsee')).toEqual([]);
  });

  it('leaves short words and words with other characters alone', () => {
    expect(slipsOf('bor')).toEqual([]);
    expect(slipsOf('nur-se')).toEqual([]);
  });

  it('finds a listed word from each of its deletions and swaps after the first letter', () => {
    for (const word of ['machinist', 'engineer']) {
      for (let i = 1; i < word.length; i++) expect(slipsOf(word.slice(0, i) + word.slice(i + 1))).toContain(word);
      for (let i = 1; i + 1 < word.length; i++) {
        if (word[i] === word[i + 1]) continue;
        expect(slipsOf(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2))).toContain(word);
      }
    }
  });
});

describe('listedSlip', () => {
  it('reads a non-word as the listed word it is one slip from', () => {
    expect(listedSlip('nutse', peopleSlips, english)).toBe('nurse');
    expect(listedSlip('egineer', peopleSlips, english)).toBe('engineer');
  });

  it('never reads a real word as a slip', () => {
    expect(listedSlip('sheets', peopleSlips, english)).toBeUndefined();
  });

  it('prefers a commoner English word as close, and stop words are the commonest', () => {
    // "bfore" is one slip from "bore" (a person noun) and from "before" (a stop word).
    expect(listedSlip('bfore', peopleSlips, english)).toBeUndefined();
    expect(listedSlip('shrets', new SlipIndex(['shrews']), english)).toBeUndefined();
  });
});

describe('coverage of a mistyped other job', () => {
  const analyzer = new Analyzer({}, [['account manager', 'am']]);
  const documents = [{ id: 'pay', title: 'Pay', phrasings: ['What does an account manager earn?'], keywords: [], body: 'A salary.' }];
  const index = new SearchIndex(documents, analyzer, {
    personNouns: people,
    subjectTerms: analyzer.sequence('account manager'),
    dictionary: englishWords,
    slips: { people: peopleSlips, places: new SlipIndex([]) },
    neighbours: { neighbours: () => [], frequencyRank: (w) => ranks[w] },
  });
  const notCovered = (q: string) => index.search(q).hits.every((h) => h.parts.notCovered === 1);

  it('takes a mistyped person noun for another job, as the noun itself', () => {
    expect(notCovered('what does a nurse earn')).toBe(true);
    expect(notCovered('what does a nutse earn')).toBe(true);
  });

  it('keeps a mistyped word the knowledge base uses, and a question naming the subject', () => {
    expect(notCovered('what does an acount manger earn')).toBe(false);
    expect(notCovered('what does a nutse account manager earn')).toBe(false);
  });
});
