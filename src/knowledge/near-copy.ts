// The development questions in test/fixtures/eval/ measure whether the matcher generalizes; an
// alternate (or counterexample) that copies one makes the figure measure memory instead.
// `npm run kb:check` warns about such near-copies, so an editor can delete them. The warning names
// the fixture line only, not its text: editors should not read the test questions to write content.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DamerauLevenshteinDistance } from 'natural/lib/natural/distance/levenshtein_distance.js';
import { normalize, type Abbreviations } from '../search/normalize';
import { contentWords, stem } from '../search/tokenize';
import { maxEdits } from '../search/typos';
import type { KnowledgeBase } from './load';

export interface FixtureQuestion {
  q: string;
  /** "test/fixtures/eval/dev.jsonl:12" */
  where: string;
}

export interface NearCopyWarning {
  entryId: string;
  field: 'alternates' | 'counterexamples';
  text: string;
  /** The fixture question it copies, as file:line. */
  where: string;
}

/** Edits allowed between two whole normalized texts: a couple of slips, or one in ten characters. */
const textEdits = (length: number) => Math.max(2, Math.floor(length / 10));

interface Shape {
  text: string;
  words: string[];
  stems: string[];
  content: string[];
}

function shapeOf(text: string, abbreviations: Abbreviations): Shape {
  const normalized = normalize(text, abbreviations);
  const content = contentWords(normalized);
  return { text: normalized, words: normalized ? normalized.split(' ') : [], stems: content.map(stem), content };
}

const sameStems = (a: Shape, b: Shape) =>
  a.stems.length > 0 && a.stems.length === b.stems.length && [...a.stems].sort().join(' ') === [...b.stems].sort().join(' ');

/** The same content words in the same order, each the same stem or a typing slip of it. */
function sameWordsWithSlips(a: Shape, b: Shape): boolean {
  if (a.content.length === 0 || a.content.length !== b.content.length) return false;
  return a.content.every((w, i) => {
    const v = b.content[i];
    if (a.stems[i] === b.stems[i]) return true;
    return DamerauLevenshteinDistance(w, v, { restricted: true }) <= maxEdits(Math.max(w.length, v.length));
  });
}

/** The shorter text's words, in order, inside the longer one, which has at most one word more. */
function containedPlusOneWord(a: Shape, b: Shape): boolean {
  const [short, long] = a.words.length <= b.words.length ? [a.words, b.words] : [b.words, a.words];
  if (short.length < 2 || long.length - short.length > 1) return false;
  let i = 0;
  for (const w of long) if (i < short.length && w === short[i]) i++;
  return i === short.length;
}

function closeText(a: Shape, b: Shape): boolean {
  const longer = Math.max(a.text.length, b.text.length);
  if (Math.abs(a.text.length - b.text.length) > textEdits(longer)) return false;
  return DamerauLevenshteinDistance(a.text, b.text, { restricted: true }) <= textEdits(longer);
}

function nearCopyOfShapes(a: Shape, b: Shape): boolean {
  if (!a.text || !b.text) return false;
  return a.text === b.text || sameStems(a, b) || sameWordsWithSlips(a, b) || containedPlusOneWord(a, b) || closeText(a, b);
}

/** Whether two questions are the same question give or take word order, a few slips or one word. */
export function isNearCopy(a: string, b: string, abbreviations: Abbreviations = {}): boolean {
  return nearCopyOfShapes(shapeOf(a, abbreviations), shapeOf(b, abbreviations));
}

/** Every alternate or counterexample of the knowledge base that nearly copies a fixture question. */
export function findFixtureCopies(kb: KnowledgeBase, questions: readonly FixtureQuestion[]): NearCopyWarning[] {
  const abbreviations = kb.synonyms.abbreviations;
  const fixtures = questions.map((f) => ({ where: f.where, shape: shapeOf(f.q, abbreviations) }));
  const warnings: NearCopyWarning[] = [];
  for (const entry of kb.entries) {
    for (const field of ['alternates', 'counterexamples'] as const) {
      for (const text of entry[field]) {
        const shape = shapeOf(text, abbreviations);
        const copied = fixtures.find((f) => nearCopyOfShapes(shape, f.shape));
        if (copied) warnings.push({ entryId: entry.id, field, text, where: copied.where });
      }
    }
  }
  return warnings;
}

/** The `q` of every line of every .jsonl file in `dir` (none when the folder is absent). */
export function readFixtureQuestions(dir: string, shownAs: string = dir): FixtureQuestion[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir).filter((name) => name.endsWith('.jsonl')).sort();
  return files.flatMap((name) =>
    readFileSync(path.join(dir, name), 'utf8')
      .split('\n')
      .flatMap((line, i) => {
        if (!line.trim()) return [];
        const q = (JSON.parse(line) as { q?: unknown }).q;
        return typeof q === 'string' ? [{ q, where: `${path.join(shownAs, name)}:${i + 1}` }] : [];
      }),
  );
}
