// The English-language rules in resources/language/english.yaml (stop words, trait and level
// words, fillers ...), read once and checked, so the code holds no word lists of its own.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { repoRoot } from '../lib/paths';

const words = z.array(z.string().regex(/^[a-z']+( [a-z']+)*$/, 'lower-case words')).min(1);
/** The kinds of question read from a question word (question-type.ts adds yes/no, read from the opening verb). */
export const QUESTION_WORD_TYPES = ['comparison', 'amount', 'person', 'time', 'place', 'reason', 'method', 'choice', 'what'] as const;
const englishSchema = z
  .object({
    stopWords: z.string().min(1),
    afterMainDo: words,
    relativeAntecedents: words,
    smalltalkDecoration: words,
    traitWords: words,
    titleHeads: words,
    ofTitleHeads: words,
    levelWords: words,
    notFields: words,
    relationWords: words,
    comparedWith: words,
    possessives: words,
    jobWords: words,
    hedges: words,
    leadingFillers: words,
    trailingFillers: words,
    questionTypes: z.array(z.object({ type: z.enum(QUESTION_WORD_TYPES), words }).strict()).min(1),
    yesNo: z.object({ openers: words, verbs: words }).strict(),
    askingStarts: words,
    sentenceOpeners: words,
    digitPhrases: z.array(z.object({ phrases: z.array(z.string().regex(/^[a-z0-9]+( [a-z0-9]+)*$/)).min(1), words: z.string() }).strict()),
  })
  .strict();

export const ENGLISH_FILE = path.join(repoRoot, 'resources', 'language', 'english.yaml');

export function loadEnglish(file: string = ENGLISH_FILE) {
  const data = englishSchema.parse(parse(readFileSync(file, 'utf8')));
  return { ...data, stopWords: data.stopWords.split(/\s+/).filter(Boolean) };
}

/** The rules, as lists in the file's order. */
export const ENGLISH = loadEnglish();

/** One alternation of whole words or phrases, for building patterns from the lists. */
export function alternation(phrases: readonly string[]): string {
  return `(?:${phrases.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`;
}
