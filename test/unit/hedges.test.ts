// Hedges and asides are taken out of a question before matching (resources/language/english.yaml).
import { describe, expect, it } from 'vitest';
import { loadSelfTestData } from '../../src/eval/self-test/data';
import { withoutHedges } from '../../src/search/hedges';
import { normalize } from '../../src/search/normalize';

const strip = (text: string) => withoutHedges(normalize(text));

describe('hedges', () => {
  it.each([
    ['Account manager salary, more or less?', 'account manager salary'],
    ['Just out of curiosity, what do AMs earn these days?', 'what do account managers earn'],
    ["I've been meaning to ask: who do they report to, typically?", 'who do they report to'],
  ])('are taken out of %j', (text, expected) => expect(strip(text)).toBe(expected));

  it('leave words alone that only look like one ("general manager", "average salary")', () => {
    expect(strip('what is a general manager')).toBe('what is a general manager');
    expect(strip("what's the average salary")).toBe('what is the average salary');
  });

  it('leave a message that is nothing but a hedge as it was', () => {
    expect(strip('in general?')).toBe('in general');
  });

  it("are not the self-test's wordy padding, which must measure hedges the matcher has no rule for", () => {
    const { openers, closers } = loadSelfTestData().wordy;
    for (const phrase of [...openers, ...closers]) expect(strip(phrase), phrase).toBe(normalize(phrase));
  });
});
