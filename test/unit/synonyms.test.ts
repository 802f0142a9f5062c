// Synonym canonicalization, directly on stems and through the Analyzer (the way the index uses it).
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/search/analyzer';
import { buildCanonicalizer } from '../../src/search/synonyms';

describe('buildCanonicalizer', () => {
  const canon = buildCanonicalizer([
    [['pay'], ['salari'], ['earn']],
    [['boss'], ['report', 'to'], ['line', 'manag']],
    [['wage'], ['pay']],
  ]);
  const terms = (stems: string[]) => canon.apply(stems).map((t) => t.term);

  it('maps every single-word member of a group to one canonical term', () => {
    const [a, b, c] = [terms(['pay']), terms(['salari']), terms(['earn'])];
    expect(a).toHaveLength(1);
    expect(a[0].startsWith('~')).toBe(true);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(canon.apply(['earn'])[0]).toMatchObject({ canonical: true, component: false, from: 0 });
  });

  it('leaves words outside every group as they are', () => {
    expect(canon.apply(['client'])).toEqual([{ term: 'client', from: 0, canonical: false, component: false }]);
  });

  it('matches a phrase member only as the whole phrase, and keeps its words as components', () => {
    const boss = terms(['boss'])[0];
    const out = canon.apply(['who', 'do', 'i', 'report', 'to']);
    const canonical = out.filter((t) => t.canonical);
    expect(canonical).toEqual([{ term: boss, from: 3, canonical: true, component: false }]);
    expect(out.filter((t) => t.component).map((t) => [t.term, t.from])).toEqual([
      ['report', 3],
      ['to', 4],
    ]);
  });

  it('does not match a phrase from one of its words alone or out of order', () => {
    const boss = terms(['boss'])[0];
    expect(terms(['report'])).toEqual(['report']);
    expect(terms(['to', 'report'])).not.toContain(boss);
    expect(terms(['report', 'straight', 'to'])).not.toContain(boss);
  });

  it('gives a word listed in two groups the first group', () => {
    expect(terms(['pay'])).toEqual(terms(['salari']));
    expect(terms(['pay'])).not.toEqual(terms(['wage']));
  });

  it('records which input stem each term came from', () => {
    const out = canon.apply(['salari', 'client', 'line', 'manag', 'boss']);
    expect(out.filter((t) => !t.component).map((t) => t.from)).toEqual([0, 1, 2, 4]);
  });

  it('ignores groups with fewer than two members', () => {
    const lonely = buildCanonicalizer([[['alon']], [[], ['solo']]]);
    expect(lonely.apply(['alon', 'solo']).map((t) => t.term)).toEqual(['alon', 'solo']);
  });
});

describe('Analyzer synonyms', () => {
  const analyzer = new Analyzer({ u: 'you' }, [
    ['pay', 'salary', 'earn', 'compensation'],
    ['boss', 'report to', 'line manager'],
    ['account manager', 'account rep'],
  ]);

  it('gives questions that use different members of a group the same terms', () => {
    expect(analyzer.terms('what salary')).toEqual(analyzer.terms('what pay'));
    expect(analyzer.terms('how much do they earn')).toEqual(analyzer.terms('compensation'));
    expect(analyzer.terms('salaries')).toEqual(analyzer.terms('pay'));
  });

  it('matches a phrase member across a stop word ("report to") and keeps "report"', () => {
    const boss = analyzer.terms('boss')[0];
    const terms = analyzer.terms('who do u report to');
    expect(terms).toContain(boss);
    expect(terms).toContain(analyzer.terms('report')[0]);
  });

  it('does not treat "reports" on its own as the phrase "report to"', () => {
    const boss = analyzer.terms('boss')[0];
    expect(analyzer.terms('monthly reports on the budget')).not.toContain(boss);
  });

  it('maps a multi-word member and its single-word siblings to one term', () => {
    const rep = analyzer.terms('account rep');
    expect(rep).toContain(analyzer.terms('account manager')[0]);
  });

  it('keeps the canonical term in the phrase sequence, stop words included', () => {
    expect(analyzer.sequence('who do u report to')).toEqual(['who', 'do', 'you', analyzer.terms('boss')[0]]);
  });
});
