// Word neighbours distilled from pre-trained English word vectors (`npm run neighbours`, see
// src/cli/build-neighbours.ts): for the English words people use, the knowledge base's words
// closest in meaning ("talents" -> "skills" 0.75) and how common the word is in English.
// One line a word, sorted, searched in place like the other word lists:
//   word<TAB>rank[<TAB>target:similarity,target:similarity]
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LEXICON_DIR, SortedLines } from './lexicon';

export interface Neighbour {
  word: string;
  /** Cosine similarity of the two words' vectors, in (0, 1]. */
  similarity: number;
}

/** What the matcher needs of the neighbours table. */
export interface WordNeighbours {
  /** The knowledge-base words closest in meaning to `word`, closest first; none when unknown. */
  neighbours(word: string): Neighbour[];
  /** The word's position in English by corpus frequency (1 = most common); undefined when rare or unknown. */
  frequencyRank(word: string): number | undefined;
}

export const NEIGHBOURS_FILE = 'word-neighbours.txt';
const MEMO_LIMIT = 5_000;

/** One line of the file. */
export function formatNeighbourLine(word: string, rank: number, neighbours: readonly Neighbour[]): string {
  const fields = [word, String(rank)];
  if (neighbours.length > 0) fields.push(neighbours.map((n) => `${n.word}:${n.similarity.toFixed(2)}`).join(','));
  return fields.join('\t');
}

/** The neighbours table over the file's text, without one heap object per line. */
export class NeighbourTable implements WordNeighbours {
  private readonly lines: SortedLines;
  /** Questions repeat the same words, and one question asks about a word several times. */
  private readonly memo = new Map<string, string[] | undefined>();

  constructor(text: string) {
    this.lines = new SortedLines(text);
  }

  get size(): number {
    return this.lines.size;
  }

  private fields(word: string): string[] | undefined {
    if (this.memo.has(word)) return this.memo.get(word);
    const index = this.lines.find(word);
    const fields = index === -1 ? undefined : this.lines.line(index).split('\t');
    if (this.memo.size >= MEMO_LIMIT) this.memo.delete(this.memo.keys().next().value!);
    this.memo.set(word, fields);
    return fields;
  }

  neighbours(word: string): Neighbour[] {
    const list = this.fields(word)?.[2];
    if (!list) return [];
    return list.split(',').map((pair) => {
      const colon = pair.lastIndexOf(':');
      return { word: pair.slice(0, colon), similarity: Number(pair.slice(colon + 1)) };
    });
  }

  frequencyRank(word: string): number | undefined {
    const rank = this.fields(word)?.[1];
    return rank === undefined ? undefined : Number(rank);
  }
}

export function loadNeighbourTable(file: string = path.join(LEXICON_DIR, NEIGHBOURS_FILE)): NeighbourTable {
  return new NeighbourTable(readFileSync(file, 'utf8'));
}
