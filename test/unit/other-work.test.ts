// Questions about other work: a career in a field the knowledge base never mentions ("in" or
// "into" a field), or the subject compared with a job it never mentions, fall back. Read through
// the real knowledge base, whose dictionary tells an English word from a typo.
import { describe, expect, it } from 'vitest';
import { FaqService } from '../../src/faq/service';
import { loadKnowledge } from '../../src/knowledge/load';

const service = new FaqService(loadKnowledge(), { cacheSize: 0 });
const notCovered = (q: string) => service.search(q).hits.every((h) => h.parts.notCovered === 1);

describe('coverage: another line of work', () => {
  it.each(['first job in horticulture', 'how do I get into carpentry', 'is there overtime pay in veterinary medicine'])(
    'is not covered by any entry: %s',
    (q) => expect(notCovered(q)).toBe(true),
  );

  it.each([
    // The subject named, a field the knowledge base knows, a phrase that is no field, a typo.
    'first job in account management',
    'how do I get into advertising',
    'what do they do in general',
    'how do I get into acount managment',
  ])('leaves alone: %s', (q) => expect(notCovered(q)).toBe(false));
});

describe('coverage: the subject compared with another job', () => {
  it.each(['AE vs electrician', 'does a welder outrank an account manager', 'do account managers earn more than nurses'])(
    'is not covered by any entry: %s',
    (q) => expect(notCovered(q)).toBe(true),
  );

  it.each([
    'account manager vs account executive',
    'how do I go from nurse to account manager',
    'is a publicist similar to an account manager',
  ])('leaves alone: %s', (q) => expect(notCovered(q)).toBe(false));
});

describe('coverage: a person noun run together from two words', () => {
  it.each(['what do dogwalkers earn', 'how much do catsitters make'])('takes it for another job: %s', (q) =>
    expect(notCovered(q)).toBe(true),
  );
});
