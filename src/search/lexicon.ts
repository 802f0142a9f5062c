// The word lists in resources/lexicon/ (see its README), loaded without one heap object per word:
// a list is kept as its file's text plus the offset of each line, and looked up by binary search.
// 76,000 English words cost about 1 MB this way instead of several.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../lib/paths';

/** What the matcher needs of a word list. */
export interface WordSet {
  has(word: string): boolean;
}

/**
 * Newline-separated lines sorted by their key, searched in place. A line's key is its text up to
 * the first tab (the whole line when it has none), so a line can carry data after its word.
 */
export class SortedLines {
  private readonly starts: Int32Array;

  constructor(private readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1 && i < text.length - 1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = text.length === 0 ? new Int32Array(0) : Int32Array.from(starts);
  }

  get size(): number {
    return this.starts.length;
  }

  /** The whole line at `index`, without its newline. */
  line(index: number): string {
    const start = this.starts[index];
    const end = this.text.indexOf('\n', start);
    return this.text.slice(start, end === -1 ? undefined : end);
  }

  /** The line's key against `key`, by code unit (negative: the line sorts first), without copying the key out. */
  private compareAt(index: number, key: string): number {
    const text = this.text;
    for (let i = this.starts[index], k = 0; ; i++, k++) {
      const c = i < text.length ? text.charCodeAt(i) : 10;
      const ended = c === 9 || c === 10; // a tab or the line's end closes the key
      if (k === key.length) return ended ? 0 : 1;
      if (ended) return -1;
      if (c !== key.charCodeAt(k)) return c - key.charCodeAt(k);
    }
  }

  /** The index of the line whose key is `key`, or -1. */
  find(key: string): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const order = this.compareAt(mid, key);
      if (order === 0) return mid;
      if (order < 0) low = mid + 1;
      else high = mid - 1;
    }
    return -1;
  }
}

/** A sorted, newline-separated word list searched in place. */
export class SortedWordList implements WordSet {
  private readonly lines: SortedLines;

  constructor(text: string) {
    this.lines = new SortedLines(text);
  }

  has(word: string): boolean {
    return this.lines.find(word) !== -1;
  }

  /** Every listed word, in order. */
  *words(): Generator<string> {
    for (let i = 0; i < this.lines.size; i++) yield this.lines.line(i);
  }
}

/** The folder of word lists (a source folder: the compiler does not copy them to dist/). */
export const LEXICON_DIR = path.join(repoRoot, 'resources', 'lexicon');

export function loadWordList(name: 'english-words' | 'person-nouns' | 'places'): SortedWordList {
  return new SortedWordList(readFileSync(path.join(LEXICON_DIR, `${name}.txt`), 'utf8'));
}
