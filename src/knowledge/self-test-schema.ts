// knowledge/self-test.yaml: word lists and sentence pools the self-test corpus is generated from
// (src/eval/self-test/). Read by `npm run eval -- --self` and checked by `npm run kb:check`; never
// by the matcher, so nothing in it can leak into what the bot knows.
import { z } from 'zod';
import { text } from './schema';

const oneWord = z.string().regex(/^[a-z']+$/, 'must be one lower-case word');
const placeholders = (allowed: readonly string[]) => (s: string) =>
  [...s.matchAll(/\{([^}]*)\}/g)].every((m) => allowed.includes(m[1]));

export const selfTestFileSchema = z
  .object({
    /** Other jobs, swapped in for the subject of the knowledge base's own questions. */
    occupations: z
      .array(z.object({ one: text, many: text, field: text }).strict())
      .min(2, 'give at least two occupations'),
    /** "Account manager" as a customer's contact at a company: the bot must decline these. */
    otherSense: z
      .object({
        providers: z.array(text).min(1),
        templates: z.array(text.refine(placeholders(['provider']), 'the only placeholder is {provider}')).min(1),
      })
      .strict(),
    /** Sentences of personal context put before and after a question. */
    context: z.object({ before: z.array(text).min(3), after: z.array(text).min(3) }).strict(),
    chat: z
      .object({
        /** Whole words rewritten the way people type in a chat ("you" -> "u"). */
        words: z.record(oneWord, text),
        /** Endings added to a message; `after` limits one to questions that start with one of those words. */
        tails: z.array(z.object({ text, after: z.array(oneWord).optional() }).strict()).min(1),
        /** Words about money; a question with one may end with `moneyTail`. */
        moneyWords: z.array(oneWord).min(1),
        moneyTail: text,
      })
      .strict(),
    /** Everyday and slang words for the knowledge base's words, for the generator only. */
    slang: z.array(z.object({ words: z.array(text).min(1), slang: z.array(text).min(1) }).strict()).min(1),
    /** Hedges and asides put before and after a question ("Out of curiosity,", "these days"). */
    wordy: z.object({ openers: z.array(text).min(3), closers: z.array(text).min(3) }).strict(),
    /** Questions about anything but the job. */
    general: z.array(text).min(1),
    /** Questions about the job the article does not answer, with the subject as {one}, {many} or {field}. */
    uncovered: z
      .object({
        subject: z.object({ one: z.array(text).min(1), many: z.array(text).min(1), field: z.array(text).min(1) }).strict(),
        questions: z.array(text.refine(placeholders(['one', 'many', 'field']), 'the placeholders are {one}, {many} and {field}')).min(1),
      })
      .strict(),
  })
  .strict();

export type SelfTestData = z.infer<typeof selfTestFileSchema>;
