// What the analyzer keeps of a text as terms: "who" asks about a person only as a question word.
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/search/analyzer';

const analyzer = new Analyzer({}, []);

describe('"who" in a text', () => {
  it.each(['who do account managers report to', 'so who manages them', 'I want to know who they report to', 'report to who'])(
    'is a term when it asks: %s',
    (text) => expect(analyzer.terms(text)).toContain('who'),
  );

  it.each(['someone who manages client accounts', 'managers who travel a lot', 'is there anyone who likes budgets'])(
    'is no term when it opens a relative clause: %s',
    (text) => expect(analyzer.terms(text)).not.toContain('who'),
  );
});

describe('quantifiers', () => {
  it('drops "a lot" and "lots", which say how much, not what about', () => {
    expect(analyzer.terms('do they travel a lot')).toEqual(analyzer.terms('do they travel'));
    expect(analyzer.terms('lots of meetings')).toEqual(analyzer.terms('meetings'));
  });
});
