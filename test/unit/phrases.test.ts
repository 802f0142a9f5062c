import { describe, expect, it } from 'vitest';
import { bestPhraseMatch } from '../../src/search/phrases';

const phrase = (text: string) => ({ text, words: text.split(' ') });

describe('bestPhraseMatch', () => {
  it('reads a phrase with a word typed beyond typo repair', () => {
    const score = bestPhraseMatch([phrase('project management')], 'is projct management hard', ['projct']);
    expect(score).toBeGreaterThan(0.7);
    expect(score).toBeLessThan(1);
  });

  it('gives 1 to a phrase written as it is', () => {
    expect(bestPhraseMatch([phrase('time management')], 'time management tips', [])).toBe(1);
  });

  it('does not read a different word as the missing one', () => {
    // Fuse alone matches "top salary" inside "the salary" and "new clients" inside "current clients".
    expect(bestPhraseMatch([phrase('top salary')], 'what is the salary of a plumber', ['plumber'])).toBe(0);
    expect(bestPhraseMatch([phrase('new clients')], 'upsell to current clients', [])).toBe(0);
  });

  it('reads words run together', () => {
    const phrases = [phrase('senior account manager')];
    expect(bestPhraseMatch(phrases, 'senior accountmanager pay', ['accountmanager'])).toBeGreaterThan(0.7);
  });
});
