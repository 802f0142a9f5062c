import { describe, expect, it } from 'vitest';
import { slippedStopWord, swappedStopWord } from '../../src/search/analyzer';
import type { WordNeighbours } from '../../src/search/neighbours';

/** A frequency table with made-up ranks. */
const ranks = (table: Record<string, number>): WordNeighbours => ({
  neighbours: () => [],
  frequencyRank: (word) => table[word],
});

describe('swappedStopWord', () => {
  it('reads a rare or unlisted word one swap from a stop word as that stop word', () => {
    const table = ranks({ dose: 9000 });
    expect(swappedStopWord('dose', table)).toBe('does');
    expect(swappedStopWord('hwo', table)).toBe('how');
  });

  it('keeps a common word and a word that is no swap of a stop word', () => {
    const table = ranks({ form: 600 });
    expect(swappedStopWord('form', table)).toBeUndefined();
    expect(swappedStopWord('salary', table)).toBeUndefined();
    expect(swappedStopWord('ot', table)).toBeUndefined();
  });
});

describe('slippedStopWord', () => {
  it('reads a rare word a letter missing, extra or changed from a stop word as that stop word', () => {
    const table = ranks({});
    expect(slippedStopWord('shold', table)).toBe('should');
    expect(slippedStopWord('befre', table)).toBe('before');
    expect(slippedStopWord('whaat', table)).toBe('what');
    expect(slippedStopWord('frpm', table)).toBe('from');
  });

  it('keeps common words, short words and words two slips away', () => {
    const table = ranks({ bore: 800 });
    expect(slippedStopWord('bore', table)).toBeUndefined();
    expect(slippedStopWord('teh', table)).toBeUndefined();
    expect(slippedStopWord('shhoould', table)).toBeUndefined();
  });
});
