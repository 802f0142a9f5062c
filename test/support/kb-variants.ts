// Broken knowledge bases for the validation tests: copies of the minimal valid one in
// test/fixtures/kb-valid-min/, each with deliberate edits, in temporary folders removed after the file.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { formatProblem, KnowledgeError, loadKnowledge, type Problem } from '../../src/knowledge/load';
import { useTempDirs } from './temp-dirs';

export const VALID = path.resolve(__dirname, '../fixtures/kb-valid-min');
export const REAL = path.resolve(__dirname, '../../knowledge');

const variantDir = useTempDirs('kb-variant-');

export type Edit = (text: string) => string;

/** A copy of the valid knowledge base with `edits` applied (file -> edit, or null to delete it). */
export function variant(edits: Record<string, Edit | null>): string {
  const dir = variantDir();
  cpSync(VALID, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const target = path.join(dir, file);
    if (edit === null) {
      rmSync(target, { recursive: true, force: true });
      continue;
    }
    const before = readFileSync(target, 'utf8');
    const after = edit(before);
    if (after === before) throw new Error(`edit of ${file} changed nothing`);
    writeFileSync(target, after);
  }
  return dir;
}

/** Replaces exactly one occurrence, so a fixture edit cannot silently miss. */
export const replace =
  (from: string, to: string): Edit =>
  (text) => {
    const at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`"${from}" must occur exactly once`);
    return text.slice(0, at) + to + text.slice(at + from.length);
  };

/** 1-based line of the only line of `file` in `dir` containing `needle`. */
export function lineOf(dir: string, file: string, needle: string): number {
  const lines = readFileSync(path.join(dir, file), 'utf8').split('\n');
  const found = lines.flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
  if (found.length !== 1) throw new Error(`"${needle}" is on ${found.length} lines of ${file}`);
  return found[0];
}

/** 1-based line of the only line of `file` in `dir` that is exactly `text`. */
export function exactLine(dir: string, file: string, text: string): number {
  const lines = readFileSync(path.join(dir, file), 'utf8').split('\n');
  const found = lines.flatMap((l, i) => (l === text ? [i + 1] : []));
  if (found.length !== 1) throw new Error(`"${text}" is ${found.length} lines of ${file}`);
  return found[0];
}

/** The file name as problems report it: the knowledge folder's name, then the path inside it. */
export const shown = (dir: string, file: string) => path.join(path.basename(dir), file);

export function problemsOf(dir: string): { error: KnowledgeError; problems: Problem[] } {
  let caught: unknown;
  try {
    loadKnowledge(dir);
  } catch (error) {
    caught = error;
  }
  expect(caught, 'the broken knowledge base was accepted').toBeInstanceOf(KnowledgeError);
  const error = caught as KnowledgeError;
  expect(error.name).toBe('KnowledgeError');
  // Every problem is in the message too, in the file:line field: message form.
  for (const p of error.problems) expect(error.message).toContain(formatProblem(p));
  return { error, problems: error.problems };
}
