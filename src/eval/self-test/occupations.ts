// Occupation negatives: the knowledge base's own questions about another job ("How much do
// plumbers earn?"). They share every word but the subject with an entry, so they test whether the
// matcher notices what the question is about.
import type { SelfTestData } from '../../knowledge/self-test-schema';
import { containsWord } from './words';

export type Occupation = SelfTestData['occupations'][number];

/** "an account manager", "account managers'", "the AM's": an optional article, the title, plural, possessive. */
const TITLE = /(?<![\w'-])(?:(an?|the)\s+)?(?:account manager|am)(s)?('s)?(?![\w'-])/gi;
const FIELD = /(?<![\w'-])account management(?![\w'-])/gi;
/** "AM" only in capitals: "am" is a verb. */
const AM = /(?<![\w'-])AMs?(?![\w'-])/;

/** The question about `occupation` instead of the subject; unchanged when it does not name the subject. */
export function swapSubject(question: string, occupation: Occupation): string {
  return question
    .replace(FIELD, (m) => sameCase(m, occupation.field))
    .replace(TITLE, (m, article: string | undefined, plural: string | undefined, possessive: string | undefined) => {
      // The case-insensitive pattern also finds "am" the verb; only capitals are the abbreviation.
      if (/^(?:(?:an?|the)\s+)?am(?:s|'s)?$/i.test(m) && !AM.test(m)) return m;
      const noun = plural ? occupation.many : occupation.one;
      const lead = article ? `${article.toLowerCase() === 'the' ? 'the' : articleFor(noun)} ` : '';
      return sameCase(m, `${lead}${noun}${possessive ? "'s" : ''}`);
    });
}

/** Whether the text still names the subject: one of the knowledge base's subject terms, or "AM". */
export function mentionsSubject(text: string, subjectTerms: readonly string[]): boolean {
  return AM.test(text) || subjectTerms.some((t) => containsWord(text, t) || containsWord(text, `${t}s`));
}

function articleFor(noun: string): string {
  return /^[aeiou]/i.test(noun) ? 'an' : 'a';
}

/** The replacement with the first letter in the case of the original's first letter. */
function sameCase(original: string, replacement: string): string {
  const upper = original[0] === original[0].toUpperCase() && original[0] !== original[0].toLowerCase();
  return upper ? replacement[0].toUpperCase() + replacement.slice(1) : replacement;
}
