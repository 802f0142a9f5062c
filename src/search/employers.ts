// A question about one named company ("salary at Salesforce", "is Google hiring account
// managers?") asks what only that company can say: the knowledge base describes the job in
// general. A company is a capitalized word inside a sentence after "at", or before "hiring" or
// "hire"; read on the text as written, as capitals are all there is to go on. "For" and "with"
// name tools as often ("comfortable with Google Workspace", "skills for Excel"), so they do not count.
// People capitalize titles and levels too ("at Senior level", "for Account Managers"): those are
// no companies.
import { ENGLISH } from './english';

const BEFORE = new Set(['at']);
const AFTER = new Set(['hiring', 'hire', 'hires']);
/** "Salesforce", "HubSpot", "McKinsey": a capital, then at least one lower-case letter. */
const NAME = /^[A-Z][a-z]+[A-Za-z]*$/;
const TITLE_WORDS = new Set([...ENGLISH.levelWords, ...ENGLISH.titleHeads, ...ENGLISH.jobWords]);

/**
 * Whether the text names a company (see above); never for text in title case, where every word has a capital.
 * @param namesSubject whether a word names the subject ("Account" in "for Account Managers")
 */
export function namesCompany(text: string, namesSubject: (word: string) => boolean = () => false): boolean {
  const tokens = text.split(/\s+/).filter(Boolean);
  const bare = tokens.map((t) => t.replace(/^[^\w]+|[^\w]+$/g, ''));
  if (bare.filter((t) => /^[A-Z]/.test(t)).length * 2 > bare.length) return false;
  return bare.some((word, i) => {
    if (i === 0 || !NAME.test(word) || /[.?!:]$/.test(tokens[i - 1])) return false;
    const lower = word.toLowerCase();
    if (TITLE_WORDS.has(lower) || namesSubject(lower)) return false;
    return BEFORE.has(bare[i - 1].toLowerCase()) || AFTER.has((bare[i + 1] ?? '').toLowerCase());
  });
}
