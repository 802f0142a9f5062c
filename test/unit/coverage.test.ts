// What a question names that the knowledge base does not cover, read through a small index.
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/search/analyzer';
import { SearchIndex } from '../../src/search/index';

const analyzer = new Analyzer({}, [['account manager', 'am']]);
const documents = [
  {
    id: 'bizdev',
    title: 'Business development',
    phrasings: ['Do account managers do business development?'],
    keywords: [],
    body: 'They grow accounts.',
  },
  {
    id: 'contact',
    title: 'Client contact',
    phrasings: ['How often does an account manager talk to clients?'],
    keywords: [],
    body: 'Every day, and clinical trials never.',
  },
];
const index = new SearchIndex(documents, analyzer, {
  personNouns: new Set(['developer', 'accountant', 'nurse', 'manager', 'talker', 'clinician']),
  // As the real knowledge base's subject list does, "account" alone names the subject too.
  subjectTerms: [...analyzer.sequence('account manager'), ...analyzer.sequence('account')],
  vocabulary: documents.flatMap((d) => [d.title, ...d.phrasings, d.body]),
});
const notCovered = (q: string) => index.search(q).hits.every((h) => h.parts.notCovered === 1);

describe('coverage: another job', () => {
  it('takes a person noun the entries never write for another job, even sharing a stem with their words', () => {
    expect(notCovered('career path for a software developer')).toBe(true);
    expect(notCovered('do accountants do business development')).toBe(true);
  });

  it('reads the person noun as written, before typo repair takes it for a known word', () => {
    // "clinician" shares its beginning with "clinical", which repair would put in its place.
    expect(index.search('how often does a clinician talk to clients').analysis.text).toContain('clinical');
    expect(notCovered('how often does a clinician talk to clients')).toBe(true);
  });

  it('does not take a job sharing the subject\'s stem for the subject ("accountants" and "account")', () => {
    expect(notCovered('how often do accountants talk to clients')).toBe(true);
    expect(notCovered('how often do accountants and account managers talk to clients')).toBe(false);
  });

  it('leaves a trait ("a good talker") alone', () => {
    expect(notCovered('is a good talker suited to business development')).toBe(false);
  });
});

describe('coverage: the customer sense of the title', () => {
  it.each(['how do I contact my account manager', 'can my account manager lower my bill', 'ask your account manager about clients'])(
    'is not about the job: %s',
    (q) => expect(notCovered(q)).toBe(true),
  );

  it.each([
    'how often does an account manager talk to clients',
    'my account manager interview is about clients',
    'do account managers do business development',
  ])('is about the job: %s', (q) => expect(notCovered(q)).toBe(false));
});

describe('coverage: a question editors marked unanswered', () => {
  // The counterexample belongs to one entry; the question's words match the other one best.
  const withCounterexample = new SearchIndex(
    [{ ...documents[0], counterexamples: ['do account managers talk to clients about insurance claims?'] }, documents[1]],
    analyzer,
    { subjectTerms: analyzer.sequence('account manager') },
  );
  const hitsFor = (q: string) => withCounterexample.search(q).hits;

  it('is not covered by any entry when it reads like the counterexample', () => {
    const hits = hitsFor('do account managers talk to clients about insurance claims');
    expect(hits.map((h) => h.id)).toContain('contact');
    expect(hits.every((h) => h.parts.notCovered === 1)).toBe(true);
  });

  it('leaves a question that only shares some of its words alone', () => {
    expect(hitsFor('how often does an account manager talk to clients').every((h) => h.parts.notCovered === 0)).toBe(true);
  });
});

describe('coverage: a title an entry only lists', () => {
  // The entry names "relationship manager" among similar roles but says nothing about that job.
  const similar = {
    id: 'similar',
    title: 'Similar roles',
    phrasings: ['Which jobs are like account management, such as relationship manager or success manager?'],
    keywords: [],
    body: 'Relationship managers and success managers do related work.',
  };
  const withSimilar = new SearchIndex([similar, ...documents], analyzer, { subjectTerms: analyzer.sequence('account manager') });
  const similarHit = (q: string) => withSimilar.search(q).hits.find((h) => h.id === 'similar');

  it('does not cover a question about that job itself', () => {
    expect(similarHit('what does a relationship manager do day to day at work')?.parts.notCovered).toBe(1);
  });

  it.each([
    'is a relationship manager the same as an account manager',
    'relationship manager vs account manager',
    'relationship manager roles',
  ])('covers how it relates, or the bare title: %s', (q) => expect(similarHit(q)?.parts.notCovered).toBe(0));
});

describe('coverage: a title written with "of"', () => {
  const ladder = {
    id: 'ladder',
    title: 'The top of the ladder',
    phrasings: ['What is the highest account management job?'],
    keywords: [],
    body: 'Directors lead to a VP of client services.',
  };
  const withLadder = new SearchIndex([ladder, ...documents], analyzer, { subjectTerms: analyzer.sequence('account manager') });
  const ladderHit = (q: string) => withLadder.search(q).hits.find((h) => h.id === 'ladder');

  it('takes "VP of sales" or "director of engineering" for another job', () => {
    expect(ladderHit('how do you become a VP of sales')?.parts.notCovered).toBe(1);
    expect(ladderHit('what does a director of engineering earn')?.parts.notCovered).toBe(1);
  });

  it('keeps a title the knowledge base writes itself, in an answer too', () => {
    expect(ladderHit('how do you become a VP of client services')?.parts.notCovered).toBe(0);
  });
});

describe('coverage: one named company', () => {
  it('is not covered by any entry, in a short question or as a paragraph asks it', () => {
    expect(notCovered('how often does an account manager at Ogilvy talk to clients')).toBe(true);
    const paragraph = 'I have two offers and I like both teams a lot. How often does an account manager at Ogilvy talk to clients?';
    expect(notCovered(paragraph)).toBe(true);
    expect(notCovered('how often does an account manager talk to clients')).toBe(false);
  });
});
