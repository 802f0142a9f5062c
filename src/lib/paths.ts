// Where the repository is, found the same way from `src/` (vitest) and from `dist/src/` (compiled):
// the nearest folder above this file that holds package.json.
import { existsSync } from 'node:fs';
import path from 'node:path';

export function packageRoot(start: string = __dirname): string {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

export const repoRoot = packageRoot();
