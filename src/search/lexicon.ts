// The word lists in src/search/lexicon/ (see its README), loaded without one heap object per word:
// a list is kept as its file's text plus the offset of each line, and looked up by binary search.
// 76,000 English words cost about 1 MB this way instead of several.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../paths';

/** What the matcher needs of a word list. */
export interface WordSet {
  has(word: string): boolean;
}

/** A sorted, newline-separated word list searched in place. */
export class SortedWordList implements WordSet {
  private readonly starts: Int32Array;

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1 && i < text.length - 1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = Int32Array.from(starts);
  }

  private wordAt(index: number): string {
    const start = this.starts[index];
    const end = this.text.indexOf('\n', start);
    return this.text.slice(start, end === -1 ? undefined : end);
  }

  has(word: string): boolean {
    let low = 0;
    let high = this.starts.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const candidate = this.wordAt(mid);
      if (candidate === word) return true;
      if (candidate < word) low = mid + 1;
      else high = mid - 1;
    }
    return false;
  }
}

/** The folder of word lists (a source folder: the compiler does not copy them to dist/). */
const LEXICON_DIR = path.join(repoRoot, 'src', 'search', 'lexicon');

export function loadWordList(name: 'english-words' | 'person-nouns'): SortedWordList {
  return new SortedWordList(readFileSync(path.join(LEXICON_DIR, `${name}.txt`), 'utf8'));
}
