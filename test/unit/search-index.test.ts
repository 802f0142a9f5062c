// The search index on a small hand-made document set. These tests assert behaviour (what ranks
// first, what scores lower, what matches at all), never exact scores, so weight tuning can go on.
import { describe, expect, it } from 'vitest';
import { Analyzer } from '../../src/search/analyzer';
import type { FacetDimension } from '../../src/search/facets';
import { DEFAULT_WEIGHTS, SearchIndex, type SearchDocument } from '../../src/search/index';
import { formatNeighbourLine, NeighbourTable } from '../../src/search/neighbours';

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
const top = (q: string) => index.search(q).hits[0]?.id;
const scoreOf = (q: string, id: string) => index.search(q, documents.length).hits.find((h) => h.id === id)?.score ?? 0;

describe('SearchIndex', () => {
  it('indexes every document', () => {
    expect(index.size).toBe(documents.length);
  });

  it('ranks the relevant document first', () => {
    expect(top('who do account managers report to')).toBe('reports-to');
    expect(top('what skills do I need to be an account manager')).toBe('skills');
    expect(top('which degree should I study')).toBe('education');
    expect(top('how can I get an internship')).toBe('internships');
  });

  it('matches through synonyms a word no document uses', () => {
    // "wage", "compensation" and "boss" appear in no document, only in synonym groups.
    expect(top('what wage does an account manager get')).toBe('pay');
    expect(top('account manager compensation')).toBe('pay');
    expect(top('who is the boss of an account manager')).toBe('reports-to');
    expect(top('are there placements for students')).toBe('internships');
  });

  it('reads chat abbreviations and "AM"', () => {
    expect(top('how much do AMs earn')).toBe('pay');
    expect(top('who do u report to')).toBe('reports-to');
  });

  it("repairs typos against the documents' vocabulary", () => {
    const result = index.search('how do I find an intrenship');
    expect(result.hits[0].id).toBe('internships');
    expect(result.analysis.text).toContain('internship');
    expect(result.analysis.unknownWords).toEqual([]);
    expect(top('acount manager salry')).toBe('pay');
    expect(top('what skils does an account manger need')).toBe('skills');
  });

  it('scores a typo almost as well as the correct spelling', () => {
    expect(scoreOf('account manager salry', 'pay')).toBeGreaterThan(0.8 * scoreOf('account manager salary', 'pay'));
  });

  it('reports words it cannot explain as unknown', () => {
    const result = index.search('how much do nurses earn');
    expect(result.analysis.unknownWords).toContain('nurses');
  });

  it('scores a question full of unknown words lower than a fully covered one', () => {
    const covered = scoreOf('how much do account managers earn', 'pay');
    const nurses = scoreOf('how much do nurses earn', 'pay');
    const ceo = scoreOf('salary of a chief executive officer', 'pay');
    expect(nurses).toBeLessThan(covered);
    expect(ceo).toBeLessThan(covered);
    expect(scoreOf('how much do nurses earn in hospitals', 'pay')).toBeLessThan(covered);
  });

  it("scores a question that reads like an editor's phrasing high and a vague one lower", () => {
    const exact = scoreOf('Who do account managers report to?', 'reports-to');
    expect(exact).toBeGreaterThan(0.8);
    expect(scoreOf('supervisor', 'reports-to')).toBeLessThan(exact);
  });

  it('keeps every score in [0, 1] and the hits sorted best first', () => {
    const queries = [
      'how much do account managers earn',
      'account manager salary salary salary pay pay earn',
      'Who do account managers report to?',
      'senior senior senior salary with 8 yrs',
      'junior pay',
      'zzzz qqqq',
      'nurse',
      'a '.repeat(500) + 'salary',
      'empathy time management project management communication skills',
    ];
    for (const q of queries) {
      const { hits } = index.search(q, documents.length);
      for (const h of hits) {
        expect(h.score).toBeGreaterThanOrEqual(0);
        expect(h.score).toBeLessThanOrEqual(1);
        expect(Number.isFinite(h.score)).toBe(true);
      }
      for (let i = 1; i < hits.length; i++) expect(hits[i - 1].score).toBeGreaterThanOrEqual(hits[i].score);
    }
  });

  it('honours the limit', () => {
    expect(index.search('account manager', 2).hits.length).toBeLessThanOrEqual(2);
    expect(index.search('account manager').hits.length).toBeLessThanOrEqual(5);
  });

  it('prefers the document whose level the question names', () => {
    expect(top('senior account manager salary')).toBe('pay-senior');
    expect(top('junior account manager salary')).toBe('pay-junior');
    expect(top('what does a beginner earn')).toBe('pay-junior');
  });

  it('understands a synonym-group word instead of "repairing" it into a different document word', () => {
    // "experienced" is in the group [senior, experienced] but in no document; "experience" is in
    // two documents. The synonym must win: the question is about senior pay.
    const result = index.search('experienced account manager pay');
    expect(result.analysis.terms).toEqual(analyzer.terms('senior account manager pay'));
    expect(result.hits[0].id).toBe('pay-senior');
  });

  it('reads an inflection of a synonym-group word as that group, not as another word sharing its beginning', () => {
    // As FaqService builds it: the synonym members are part of the typo vocabulary. "supervising"
    // is not in it, and its stem is indexed only under the group's term, so it must not be
    // "repaired" into "supervisor" (the opposite direction of the reporting line).
    const a = new Analyzer({}, [['supervise', 'oversee', 'direct reports']]);
    const docs: SearchDocument[] = [
      { id: 'supervises', phrasings: ['Who does an account manager supervise?'], keywords: ['oversee'], body: 'Juniors.' },
      {
        id: 'supervisor',
        phrasings: ['Who is the supervisor of an account manager?', 'account manager supervisor'],
        keywords: ['supervisor'],
        body: 'The account supervisor.',
      },
    ];
    const idx = new SearchIndex(docs, a, { vocabulary: ['supervise', 'oversee', 'direct reports'] });
    const result = idx.search('who is an account manager supervising');
    expect(result.analysis.terms).toContain(a.terms('supervise')[0]);
    expect(result.hits[0].id).toBe('supervises');
  });

  it('prefers the document whose level matches the years mentioned', () => {
    // Neither question names a level, so only the years can decide between the two bands.
    expect(scoreOf('account manager earnings with 8 yrs', 'pay-senior')).toBeGreaterThan(
      scoreOf('account manager earnings with 8 yrs', 'pay-junior'),
    );
    expect(scoreOf('account manager earnings with 1 yr', 'pay-junior')).toBeGreaterThan(
      scoreOf('account manager earnings with 1 yr', 'pay-senior'),
    );
  });

  it('uses facets only to choose among relevant documents', () => {
    // A level on its own does not drag an unrelated question to a pay entry.
    expect(top('senior people who do account managers report to')).toBe('reports-to');
  });

  it('returns no hits for an empty, blank or stop-word-only question', () => {
    for (const q of ['', '   ', '?!?', 'what is it that you', 'the a an of', '\u{1F642}']) {
      expect(index.search(q).hits).toEqual([]);
    }
  });

  it('returns no hits for a question made only of unknown words', () => {
    expect(index.search('qwzx plorb').hits).toEqual([]);
  });

  it('ranks very long input by its words and finds nothing in control characters', () => {
    const long = index.search('salary '.repeat(2000));
    expect(long.hits.length).toBeGreaterThan(0);
    expect(long.hits[0].id).toBe('pay');
    expect(index.search('\u0000\u0001\uFFFD\uD800').hits).toEqual([]);
  });

  it('works with an empty document set', () => {
    const empty = new SearchIndex([], analyzer);
    expect(empty.size).toBe(0);
    expect(empty.search('account manager salary').hits).toEqual([]);
  });

  it('accepts custom weights', () => {
    const noCloseness = new SearchIndex(documents, analyzer, { dimensions, weights: { ...DEFAULT_WEIGHTS, closeness: 0, coverage: 1 } });
    expect(noCloseness.search('who do account managers report to').hits[0].id).toBe('reports-to');
  });
});

describe('SearchIndex with word neighbours', () => {
  // Made-up neighbours and ranks, sorted as the generated file is.
  const table = new NeighbourTable(
    [
      formatNeighbourLine('aptitudes', 20_000, [{ word: 'skills', similarity: 0.72 }]),
      formatNeighbourLine('degree', 1600, [{ word: 'internship', similarity: 0.9 }]),
      formatNeighbourLine('internship', 9000, []),
      formatNeighbourLine('traineeships', 30_000, [
        { word: 'internships', similarity: 0.78 },
        { word: 'zebras', similarity: 0.7 },
      ]),
    ].join('\n'),
  );
  const withNeighbours = new SearchIndex(documents, analyzer, { dimensions, neighbours: table });
  const hit = (i: SearchIndex, q: string, id: string) => i.search(q, documents.length).hits.find((h) => h.id === id)?.score ?? 0;

  it('lets an unknown word count as its neighbours, and reports the expansion', () => {
    const result = withNeighbours.search('which aptitudes does an account manager need');
    expect(result.hits[0].id).toBe('skills');
    expect(result.analysis.unknownWords).toEqual(['aptitudes']);
    expect(result.analysis.expansions).toEqual([
      { word: 'aptitudes', wordTerm: 'aptitud', neighbour: 'skills', term: 'skill', similarity: 0.72 },
    ]);
    expect(hit(withNeighbours, 'which aptitudes does an account manager need', 'skills')).toBeGreaterThan(
      hit(index, 'which aptitudes does an account manager need', 'skills'),
    );
  });

  it('brings in only the neighbours the index knows, as its terms', () => {
    const result = withNeighbours.search('are there traineeships');
    expect(result.analysis.expansions.map((e) => e.term)).toEqual(analyzer.terms('internships'));
    expect(result.hits[0].id).toBe('internships');
  });

  it('leaves a word the index knows alone, whatever its neighbours', () => {
    const result = withNeighbours.search('which degree should I study');
    expect(result.analysis.expansions).toEqual([]);
    expect(result.hits[0].id).toBe('education');
  });

  it('changes no score when the neighbour weight is zero', () => {
    const weights = { ...DEFAULT_WEIGHTS, neighbour: 0 };
    const silent = new SearchIndex(documents, analyzer, { dimensions, neighbours: table, weights });
    const q = 'which aptitudes does an account manager need';
    expect(silent.search(q).hits.map((h) => h.score)).toEqual(index.search(q).hits.map((h) => h.score));
  });

  it('takes a rare real word for a slip of a much commoner document word', () => {
    const dictionary = new Set(['intership']);
    const ranked = new SearchIndex(documents, analyzer, { neighbours: table, dictionary });
    const unranked = new SearchIndex(documents, analyzer, { dictionary });
    expect(ranked.search('how do I find an intership').analysis.text).toContain('internship');
    expect(unranked.search('how do I find an intership').analysis.unknownWords).toEqual(['intership']);
  });
});

describe('SearchIndex coverage checks', () => {
  const people = new Set(['nurse', 'nurses', 'manager', 'managers']);
  const withLists = new SearchIndex(documents, analyzer, {
    dimensions,
    personNouns: people,
    subjectTerms: analyzer.sequence('account'),
    places: new Set(['germany']),
  });
  const hitFor = (q: string) => withLists.search(q).hits[0];

  it('marks a question about an unseen kind of person as not covered, and scores it lower', () => {
    expect(hitFor('how much do nurses earn').parts.notCovered).toBe(1);
    expect(hitFor('how much do nurses earn').score).toBeLessThan(hitFor('how much do account managers earn').score);
  });

  it('marks a title of known words that is not the subject, sparing entries that name it', () => {
    expect(hitFor('what skills does a project manager need').parts.notCovered).toBe(1);
    expect(hitFor('what skills does an account manager need').parts.notCovered).toBe(0);
    const titled = new SearchIndex(
      [...documents, { id: 'titles', phrasings: ['Is a project manager like an account manager?'], keywords: [], body: 'Similar.' }],
      analyzer,
      { personNouns: people, subjectTerms: analyzer.sequence('account') },
    );
    const hits = titled.search('what does a project manager do', documents.length + 1).hits;
    expect(hits.find((h) => h.id === 'titles')!.parts.notCovered).toBe(0);
    expect(hits.find((h) => h.id === 'skills')!.parts.notCovered).toBe(1);
  });

  it('marks another country even when the question names the subject', () => {
    const abroad = withLists.search('account manager salary in germany');
    expect(abroad.hits[0].parts.notCovered).toBe(1);
    expect(withLists.search('account manager salary').hits[0].parts.notCovered).toBe(0);
  });
});
