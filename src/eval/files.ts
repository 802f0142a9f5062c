// The evaluation question files: one JSON object per line (test/fixtures/eval/, a copy of the
// team's development questions).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../lib/paths';
import type { EvalItem } from './judge';

export function parseJsonl(text: string, file = '(input)'): EvalItem[] {
  const items: EvalItem[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      items.push(JSON.parse(line) as EvalItem);
    } catch (error) {
      throw new Error(`${file}:${i + 1}: not valid JSON (${(error as Error).message})`);
    }
  });
  return items;
}

export function readEvalFiles(files: readonly string[]): EvalItem[] {
  return files.flatMap((f) => parseJsonl(readFileSync(f, 'utf8'), f));
}

export const defaultEvalFiles = ['dev.jsonl', 'oos-dev.jsonl', 'smalltalk-dev.jsonl'].map((f) =>
  path.join(repoRoot, 'test', 'fixtures', 'eval', f),
);
