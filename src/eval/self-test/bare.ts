// Bare phrasings: the question without the subject, as visitors of the account manager's careers
// page ask it ("what skills do I need?", "what is the salary?"). The page already says which job it
// is about, so people leave it out; a matcher that leans on the subject's words declines them.

/** The subject phrases as a pattern: "account manager(s)", "account management", "AM(s)". */
function subjectPattern(subjects: readonly string[]): string {
  const phrases = subjects.filter((s) => s.includes(' ')).map((s) => `${s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}s?`);
  return `(?:${[...phrases, 'AMs?'].join('|')})`;
}

/** "am" in "I am" is not the title: only the capitals stand for account manager. */
const isTitle = (match: string) => !/\bam\b/.test(match);

/**
 * The question with the subject dropped: a closing "for/as/of/in an account manager" goes, and
 * "does an account manager" becomes "do I". Undefined when neither applies.
 */
export function dropSubject(question: string, subjects: readonly string[]): string | undefined {
  const subject = subjectPattern(subjects);
  const closing = new RegExp(`\\s+(?:for|as|of|in)\\s+(?:an?\\s+|the\\s+)?${subject}(?=\\s*[?.!]?\\s*$)`, 'i');
  const asker = new RegExp(`\\b(?:does|do)\\s+(?:an?\\s+|the\\s+)?${subject}\\b`, 'i');
  let out = question.replace(closing, (m) => (isTitle(m) ? '' : m));
  out = out.replace(asker, (m) => (isTitle(m) ? 'do I' : m));
  if (out === question || out.trim().split(/\s+/).length < 2) return undefined;
  return out;
}
