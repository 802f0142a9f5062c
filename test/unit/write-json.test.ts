import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeJsonReport } from '../../src/lib/write-json';
import { useTempDirs } from '../support/temp-dirs';

const tempDir = useTempDirs('write-json-');

describe('writeJsonReport', () => {
  it('makes the report’s folders first, as on a fresh clone without reports/', () => {
    const file = path.join(tempDir(), 'reports', 'nested', 'dev.json');
    writeJsonReport(file, { inscope: 0.8 });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ inscope: 0.8 });
  });
});
