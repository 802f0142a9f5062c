// A question about one named company: a capitalized word after "at" or before "hiring".
import { describe, expect, it } from 'vitest';
import { namesCompany } from '../../src/search/employers';

const subject = (word: string) => ['account', 'manager', 'managers'].includes(word);

describe('namesCompany', () => {
  it.each(['what is the salary at Salesforce?', 'is Google hiring account managers?', 'do account managers at Ogilvy travel'])(
    'finds a company in: %s',
    (q) => expect(namesCompany(q, subject)).toBe(true),
  );

  it.each([
    'how much do AMs make at Senior level', // a level
    'what is the pay for Account Managers in NYC', // the title, capitalized
    'I want to work for a big agency', // no capital
    'I know Google Workspace and Excel, what other skills do I need?', // tools
    'are there courses for Salesforce or training with HubSpot', // tools after for and with
    'How Much Do Account Managers Make At Google', // title case says nothing
    'Salesforce skills for account managers', // the first word of a sentence
    'I used Canva. Google is where I looked', // a sentence's first word
  ])('finds none in: %s', (q) => expect(namesCompany(q, subject)).toBe(false));
});
