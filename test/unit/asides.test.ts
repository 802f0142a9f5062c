// An opening aside before a comma is set aside, unless it says something the matcher knows.
import { describe, expect, it } from 'vitest';
import { withoutAside } from '../../src/search/asides';
import { Analyzer } from '../../src/search/analyzer';
import { SearchIndex } from '../../src/search/index';

const known = (opening: string) => /\b(grad|nurse|account)\b/i.test(opening);

describe('withoutAside', () => {
  it('drops an opening of unknown words before a comma, colon or semicolon', () => {
    expect(withoutAside('Forgive me if this is obvious, who talks to the client?', known)).toBe('who talks to the client?');
    expect(withoutAside('Quick one: what do they earn', known)).toBe('what do they earn');
  });

  it('keeps an opening that says something, a long one, and a text without one', () => {
    expect(withoutAside('As a new grad, what title do I start at?', known)).toBe('As a new grad, what title do I start at?');
    expect(withoutAside('As a nurse, what would I earn?', known)).toBe('As a nurse, what would I earn?');
    const long = 'Sorry if this sounds silly and I hope you do not mind me asking, what do they earn?';
    expect(withoutAside(long, known)).toBe(long);
    expect(withoutAside('what do they earn', known)).toBe('what do they earn');
  });

  it('never reaches past the first sentence', () => {
    const text = 'I like people. Honestly, what do they earn?';
    expect(withoutAside(text, known)).toBe(text);
  });
});

describe('an aside in a search', () => {
  const analyzer = new Analyzer({}, []);
  const docs = [
    { id: 'pay', title: 'Pay', phrasings: ['What do account managers earn?'], keywords: [], body: 'A salary.' },
    { id: 'hours', title: 'Hours', phrasings: ['Do account managers work weekends?'], keywords: [], body: 'Sometimes.' },
  ];
  const index = new SearchIndex(docs, analyzer, { personNouns: new Set(['nurse']) });

  it('ranks the question as if the aside were not there', () => {
    const plain = index.search('what do account managers earn');
    const padded = index.search('Forgive me if this is obvious, what do account managers earn');
    expect(padded.hits[0].id).toBe('pay');
    expect(padded.hits[0].score).toBeCloseTo(plain.hits[0].score, 9);
  });

  it('keeps an opening naming a person', () => {
    expect(index.search('As a nurse, what do account managers earn').analysis.written).toContain('nurse');
  });
});
