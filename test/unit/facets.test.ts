// Facets: years of experience, salary figures and the level a question names.
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/search/analyzer';
import { extractAmount, extractYears, resolveLevel, type FacetDimension } from '../../src/search/facets';

const analyzer = new Analyzer({ yrs: 'years', yr: 'year', jr: 'junior' }, [
  ['junior', 'beginner'],
  ['senior', 'experienced'],
]);

describe('extractYears', () => {
  it('reads digits before "years" in normalized text, including the expanded "yrs"', () => {
    const normalized = analyzer.normalize('pay after 7 yrs in the job');
    expect(normalized).toContain('7 years');
    expect(extractYears(normalized)).toBe(7);
    expect(extractYears(analyzer.normalize('10 yr experience'))).toBe(10);
  });

  it('reads number words and vague amounts', () => {
    expect(extractYears('after eight years')).toBe(8);
    expect(extractYears('with a few years experience')).toBe(3);
    expect(extractYears('a couple of years in')).toBe(2);
    expect(extractYears('several years')).toBe(4);
  });

  it('takes the upper end of a range written with a dash', () => {
    expect(extractYears(analyzer.normalize('with 3-5 years'))).toBe(5);
  });

  it('returns undefined when no years are mentioned', () => {
    expect(extractYears('how much do account managers earn')).toBeUndefined();
    expect(extractYears('years of experience')).toBeUndefined();
    expect(extractYears('')).toBeUndefined();
  });
});

describe('extractAmount', () => {
  it('reads "50k", "$50,000" and "50 grand" as 50,000', () => {
    expect(extractAmount('is 50k normal')).toBe(50_000);
    expect(extractAmount('I was offered $50,000')).toBe(50_000);
    expect(extractAmount('50 grand a year')).toBe(50_000);
    expect(extractAmount('75 thousand')).toBe(75_000);
    expect(extractAmount('$120K')).toBe(120_000);
  });

  it('returns undefined when there is no yearly figure', () => {
    expect(extractAmount('how much do they make')).toBeUndefined();
    expect(extractAmount('5k')).toBeUndefined();
    expect(extractAmount('7 years')).toBeUndefined();
    expect(extractAmount('')).toBeUndefined();
  });

  it('does not misread part of a longer number as a salary', () => {
    // "$1,000,000" is not $0, and "1250k" is not $250,000.
    expect(extractAmount('can you make $1,000,000')).not.toBe(0);
    expect(extractAmount('1250k')).not.toBe(250_000);
  });
});

describe('resolveLevel', () => {
  const aliases = (...words: string[]) => words.map((w) => analyzer.sequence(w));
  const band: FacetDimension = {
    name: 'salaryBand',
    levels: [
      { id: 'entry', years: { min: 0, max: 2 }, amount: { min: 45_000, max: 55_000 }, aliases: aliases('junior', 'new grad') },
      { id: 'mid', years: { min: 3, max: 5 }, amount: { min: 55_001, max: 75_000 }, aliases: aliases('mid level') },
      { id: 'senior', years: { min: 6, max: 10 }, amount: { min: 75_001, max: 95_000 }, aliases: aliases('senior') },
      { id: 'director', amount: { min: 100_000, max: 150_000, openEnded: true }, aliases: aliases('director') },
    ],
  };
  const level = (question: string) =>
    resolveLevel(band, {
      terms: analyzer.sequence(question),
      years: extractYears(analyzer.normalize(question)),
      amount: extractAmount(question),
    });

  it('finds a level by its alias, through synonyms and abbreviations', () => {
    expect(level('junior account manager pay')).toBe('entry');
    expect(level('what does a beginner earn')).toBe('entry');
    expect(level('jr salary')).toBe('entry');
    expect(level('experienced account manager salary')).toBe('senior');
    expect(level('new grad salary')).toBe('entry');
  });

  it('matches a multi-word alias only as a phrase', () => {
    expect(level('mid level pay')).toBe('mid');
    expect(level('level of pay in the middle')).toBeUndefined();
    expect(level('new jobs for a grad')).toBeUndefined();
  });

  it('lets an alias win over years', () => {
    expect(level('senior pay with 1 year')).toBe('senior');
  });

  it('picks the band by years when no alias is named', () => {
    expect(level('salary with 1 yr experience')).toBe('entry');
    expect(level('pay after 4 yrs')).toBe('mid');
    expect(level('pay after eight years')).toBe('senior');
  });

  it('picks the band by a salary figure', () => {
    expect(level('is 50k normal')).toBe('entry');
    expect(level('I was offered $60,000')).toBe('mid');
    expect(level('is 85 grand good')).toBe('senior');
  });

  it('lets years win over a salary figure', () => {
    expect(level('is 50k fair with 8 years')).toBe('senior');
  });

  it('gives no level when two aliases are named, unless years pick one of them', () => {
    expect(level('junior or senior pay')).toBeUndefined();
    expect(level('junior or senior with 8 years')).toBe('senior');
    expect(level('junior or senior with 4 years')).toBeUndefined();
  });

  it('gives no level when nothing points at one', () => {
    expect(level('how much do account managers earn')).toBeUndefined();
    expect(level('pay after 40 years')).toBeUndefined();
    expect(level('is 20k normal')).toBeUndefined();
    expect(level('')).toBeUndefined();
  });

  it("puts an amount above an open-ended band's maximum in that band", () => {
    expect(level('is 200k realistic')).toBe('director');
  });
});
