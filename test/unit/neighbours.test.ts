// The neighbours table (src/search/neighbours.ts), its nearest-neighbour search
// (src/cli/nearest-words.ts) and the generated file.
import { describe, expect, it } from 'vitest';
import { nearestTargets, rowOf, unitVectors, type NearestOptions } from '../../src/cli/nearest-words';
import { formatNeighbourLine, loadNeighbourTable, NeighbourTable } from '../../src/search/neighbours';

const table = new NeighbourTable(
  [
    formatNeighbourLine('abilities', 2400, [{ word: 'skills', similarity: 0.7412 }]),
    formatNeighbourLine('chores', 9100, [
      { word: 'tasks', similarity: 0.66 },
      { word: 'duties', similarity: 0.651 },
    ]),
    formatNeighbourLine('skills', 2900, []),
    formatNeighbourLine('zebra', 30500, []),
  ].join('\n') + '\n',
);

describe('NeighbourTable', () => {
  it("returns a word's neighbours, closest first, with two-decimal similarities", () => {
    expect(table.neighbours('abilities')).toEqual([{ word: 'skills', similarity: 0.74 }]);
    expect(table.neighbours('chores')).toEqual([
      { word: 'tasks', similarity: 0.66 },
      { word: 'duties', similarity: 0.65 },
    ]);
  });

  it('knows the frequency rank of every listed word, with or without neighbours', () => {
    expect(table.frequencyRank('abilities')).toBe(2400);
    expect(table.frequencyRank('skills')).toBe(2900);
    expect(table.frequencyRank('zebra')).toBe(30500);
    expect(table.neighbours('skills')).toEqual([]);
  });

  it('has nothing for a word it does not list, nor for a prefix of one', () => {
    for (const word of ['', 'ability', 'chore', 'skill', 'zzz', 'aardvark']) {
      expect(table.neighbours(word), word).toEqual([]);
      expect(table.frequencyRank(word), word).toBeUndefined();
    }
  });

  it('works on an empty file', () => {
    const empty = new NeighbourTable('');
    expect(empty.size).toBe(0);
    expect(empty.frequencyRank('skills')).toBeUndefined();
  });
});

describe('nearestTargets', () => {
  // Made-up two-dimensional "meanings": the first axis is work, the second is time off.
  const vectors: Record<string, number[]> = {
    skills: [1, 0],
    abilities: [0.9, 0.1],
    tasks: [0.8, 0.6],
    weekends: [0, 1],
    holidays: [0.1, 1],
  };
  const targets = unitVectors(['skills', 'tasks', 'weekends'], (w) => vectors[w], 2);
  const sources = unitVectors(['abilities', 'holidays'], (w) => vectors[w], 2);

  const wordsNear = (options: NearestOptions) => nearestTargets(rowOf(sources, 0), targets, options).map((n) => n.word);

  it('keeps the targets above the cut-off, closest first', () => {
    const found = nearestTargets(rowOf(sources, 0), targets, { cutoff: 0.5, max: 3, tie: 1 });
    expect(found.map((n) => n.word)).toEqual(['skills', 'tasks']);
    expect(found[0].similarity).toBeCloseTo(0.994, 3);
  });

  it('keeps at most `max`, only runners-up within `tie` of the closest, and none that `skip` rejects', () => {
    expect(wordsNear({ cutoff: 0.5, max: 1, tie: 1 })).toEqual(['skills']);
    expect(wordsNear({ cutoff: 0.5, max: 3, tie: 0.1 })).toEqual(['skills']);
    expect(wordsNear({ cutoff: 0.5, max: 3, tie: 1, skip: (w) => w === 'skills' })).toEqual(['tasks']);
  });

  it('keeps one target per key', () => {
    const keyOf = (w: string) => (w === 'tasks' ? 'skills' : w);
    expect(wordsNear({ cutoff: 0.5, max: 3, tie: 1, keyOf })).toEqual(['skills']);
  });

  it('finds nothing above a cut-off no target reaches', () => {
    expect(nearestTargets(rowOf(sources, 1), targets, { cutoff: 0.999, max: 3, tie: 1 })).toEqual([]);
  });
});

describe('the generated neighbours file', () => {
  const generated = loadNeighbourTable();

  it('gives everyday words their knowledge-base neighbours', () => {
    expect(generated.neighbours('talents').map((n) => n.word)).toContain('skills');
    expect(generated.neighbours('apprenticeship').map((n) => n.word)).toContain('internship');
    for (const n of generated.neighbours('talents')) expect(n.similarity).toBeGreaterThanOrEqual(0.65);
  });

  it('ranks common words before rare ones', () => {
    expect(generated.frequencyRank('manager')!).toBeLessThan(generated.frequencyRank('mango')!);
    expect(generated.frequencyRank('salary')!).toBeLessThan(10_000);
  });
});
