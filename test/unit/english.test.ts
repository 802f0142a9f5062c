import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENGLISH, loadEnglish } from '../../src/search/english';
import { isStopWord } from '../../src/search/tokenize';

describe('the English-language rules (resources/language/english.yaml)', () => {
  it('are read into the lists the matcher uses', () => {
    expect(ENGLISH.stopWords.length).toBeGreaterThan(100);
    expect(isStopWord('the')).toBe(true);
    expect(isStopWord('salary')).toBe(false);
    expect(ENGLISH.leadingFillers).toContain('i would like to');
  });

  it('refuse a file whose list is not lower-case words', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'english-'));
    const file = path.join(dir, 'english.yaml');
    const good = { stopWords: 'a the', afterMainDo: ['day'], smalltalkDecoration: ['so'], traitWords: ['good'], titleHeads: ['manager'], levelWords: ['senior'], possessives: ['my'], jobWords: ['job'], leadingFillers: ['ok'], trailingFillers: ['please'] };
    writeFileSync(file, JSON.stringify(good));
    expect(loadEnglish(file).stopWords).toEqual(['a', 'the']);
    writeFileSync(file, JSON.stringify({ ...good, traitWords: ['Good!'] }));
    expect(() => loadEnglish(file)).toThrow(/lower-case words/);
  });
});
