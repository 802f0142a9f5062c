// A report written as JSON, with its folder made first: `--json reports/dev.json` works on a fresh
// clone, where reports/ does not exist yet.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function writeJsonReport(file: string, value: unknown): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 1)}\n`);
}
