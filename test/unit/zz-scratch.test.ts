// The search index on a small hand-made document set. These tests assert behaviour (what ranks
// first, what scores lower, what matches at all), never exact scores, so weight tuning can go on.
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/search/analyzer';
import type { FacetDimension } from '../../src/search/facets';
import { DEFAULT_WEIGHTS, SearchIndex, type SearchDocument } from '../../src/search/index';

const analyzer = new Analyzer({ u: 'you', ur: 'your', yrs: 'years', mgr: 'manager' }, [
  ['pay', 'salary', 'earn', 'wage', 'compensation'],
  ['boss', 'report to', 'line manager'],
  ['internship', 'intern', 'placement'],
  ['senior', 'experienced'],
  ['junior', 'beginner', 'entry level'],
]);

const documents: SearchDocument[] = [
  {
    id: 'pay',
    phrasings: ['How much do account managers earn?', 'Account manager salary', 'account manager pay'],
    keywords: ['salary', 'pay'],
    body: 'Account managers are paid according to experience and location.',
  },
  {
    id: 'pay-junior',
    phrasings: ['What does a junior account manager earn?', 'Entry-level pay', 'starting salary for an account manager'],
    keywords: ['junior', 'starting salary'],
    body: 'Juniors earn a starting salary.',
    facets: { band: 'junior' },
  },
  {
    id: 'pay-senior',
    phrasings: ['What does a senior account manager earn?', 'Senior pay', 'salary for a senior account manager'],
    keywords: ['senior'],
    body: 'Seniors earn more.',
    facets: { band: 'senior' },
  },
  {
    id: 'reports-to',
    phrasings: ['Who do account managers report to?', 'Who they report to'],
    keywords: ['report to', 'supervisor'],
    body: 'An account manager usually reports to an account supervisor.',
  },
  {
    id: 'skills',
    phrasings: ['What skills does an account manager need?', 'Account manager skills'],
    keywords: ['communication', 'empathy', 'time management', 'project management'],
    body: 'Communication, empathy, time management and project management.',
  },
  {
    id: 'internships',
    phrasings: ['How do I find an internship?', 'Internships in account management'],
    keywords: ['internship', 'work experience'],
    body: 'Agencies offer internships to students.',
  },
  {
    id: 'education',
    phrasings: ['What degree do I need?', 'Education for account managers'],
    keywords: ['degree', 'college'],
    body: 'A degree in marketing or business helps.',
  },
];

const dimensions: FacetDimension[] = [
  {
    name: 'band',
    levels: [
      { id: 'junior', years: { min: 0, max: 2 }, aliases: [analyzer.sequence('junior')] },
      { id: 'senior', years: { min: 6, max: 10 }, aliases: [analyzer.sequence('senior')] },
    ],
  },
];

const index = new SearchIndex(documents, analyzer, { dimensions });

it('scratch', () => {
  for (const q of ['experienced account manager pay', 'senior account manager salary']) console.log('Q', q, JSON.stringify(index.search(q)));
});
