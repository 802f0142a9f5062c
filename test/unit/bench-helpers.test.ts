// Pure helpers of `npm run bench`: statistics, the seeded generator, the query mix and the
// synthetic knowledge base. No timing is asserted anywhere.
import { describe, expect, it } from 'vitest';
import { entrySchema } from '../../src/knowledge/schema';
import { loadKnowledge } from '../../src/knowledge/load';
import { injectTypo, mulberry32, zipfSampler } from '../../src/lib/prng';
import { queryMix } from '../../src/bench/queries';
import { median, percentile, summarize, table } from '../../src/lib/stats';
import { madeUpWords, syntheticKnowledgeBase } from '../../src/bench/synthetic-kb';
import { messageActivity } from '../../src/bench/throughput';
import { scenarios } from '../../src/bench/load-bench';
import { parseBenchArgs } from '../../src/bench/options';
import { variedMix } from '../../src/bench/run';
import { measureAsk } from '../../src/bench/latency';
import { processCpuMs, noiseMeter } from '../../src/bench/cpu';

describe('stats', () => {
  it('uses nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 0.5)).toBe(50);
    expect(percentile(xs, 0.99)).toBe(99);
    expect(percentile(xs, 1)).toBe(100);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });
  it('summarizes unsorted samples', () => {
    const s = summarize([3, 1, 2, 4]);
    expect(s).toMatchObject({ n: 4, mean: 2.5, p50: 2, max: 4 });
  });
  it('takes the median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('pads table columns', () => {
    expect(table(['a', 'bb'], [['xyz', '1']]).split('\n')).toEqual(['a    bb', '---  --', 'xyz   1']);
  });
});

describe('prng', () => {
  it('is deterministic per seed', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(xs[0]);
  });
  it('samples frequent items more often with zipf', () => {
    const next = zipfSampler(mulberry32(1), ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 5000; i++) {
      const x = next();
      counts[x] = (counts[x] ?? 0) + 1;
    }
    expect(counts.a).toBeGreaterThan(counts.h);
  });
  it('injects one typo into longer words and leaves short ones alone', () => {
    const rng = mulberry32(3);
    expect(injectTypo(rng, 'am')).toBe('am');
    for (let i = 0; i < 50; i++) {
      const t = injectTypo(rng, 'salary');
      expect(Math.abs(t.length - 6)).toBeLessThanOrEqual(1);
      expect(t[0]).toBe('s');
    }
  });
  it('makes distinct made-up words', () => {
    const words = madeUpWords(mulberry32(9), 500);
    expect(new Set(words).size).toBe(500);
  });
});

describe('generated data', () => {
  const kb = loadKnowledge();

  it('builds a query mix of the requested size, the same for the same seed', () => {
    const a = queryMix(kb, 300, 5);
    expect(a.queries).toHaveLength(300);
    expect(queryMix(kb, 300, 5).queries).toEqual(a.queries);
    expect(Object.values(a.counts).reduce((x, y) => x + y, 0)).toBe(300);
    expect(a.counts.offtopic).toBeGreaterThan(0);
    expect(a.counts.phrasing).toBeGreaterThan(a.counts.gibberish);
  });

  it('builds a synthetic knowledge base with the shape loadKnowledge returns', () => {
    const size = kb.entries.length + 150;
    const synth = syntheticKnowledgeBase(kb, { entries: size, seed: 11 });
    expect(synth.entries).toHaveLength(size);
    expect(new Set(synth.entries.map((e) => e.id)).size).toBe(size);
    expect(new Set(synth.entries.map((e) => e.title.toLowerCase())).size).toBe(size);
    const ids = new Set(synth.entries.map((e) => e.id));
    for (const e of synth.entries.slice(kb.entries.length)) {
      expect(entrySchema.safeParse(e).success).toBe(true);
      expect(e.alternates).toHaveLength(5);
      const qWords = e.question.split(' ').length;
      expect(qWords).toBeGreaterThanOrEqual(8);
      expect(qWords).toBeLessThanOrEqual(12);
      const aWords = e.answer.split(' ').length;
      expect(aWords).toBeGreaterThanOrEqual(35);
      expect(aWords).toBeLessThanOrEqual(45);
      for (const f of e.followUps) expect(ids.has(f)).toBe(true);
    }
    expect(synth.messages).toEqual(kb.messages);
    expect(syntheticKnowledgeBase(kb, { entries: size, seed: 11 }).entries.at(-1)).toEqual(synth.entries.at(-1));
  });
});

describe('bench command line and requests', () => {
  it('has defaults matching the issue and a quick mode', () => {
    const o = parseBenchArgs([]);
    expect(o).toMatchObject({ entries: 10_000, connections: 50, channels: ['webchat', 'emulator'] });
    expect(parseBenchArgs(['--quick']).durationSec).toBeLessThan(o.durationSec);
    expect(() => parseBenchArgs(['--bogus'])).toThrow(/unknown option/);
    // Options beside --quick still win, whatever their order.
    expect(parseBenchArgs(['--rounds', '3', '--quick'])).toMatchObject({ rounds: 3, durationSec: 3 });
    expect(() => parseBenchArgs(['--rounds', '0'])).toThrow(/--rounds must be a number of at least 1/);
    expect(() => parseBenchArgs(['--load-mix', 'most'])).toThrow(/handful/);
  });
  it('plans the handful mix on every channel and the varied mix on the first', () => {
    expect(scenarios({ channels: ['webchat', 'emulator'], loadMix: 'both', rounds: 4 })).toEqual([
      { channelId: 'webchat', mix: 'handful', rounds: 4 },
      { channelId: 'emulator', mix: 'handful', rounds: 2 },
      { channelId: 'webchat', mix: 'varied', rounds: 2 },
    ]);
    expect(scenarios({ channels: ['webchat'], loadMix: 'varied', rounds: 2 })).toEqual([
      { channelId: 'webchat', mix: 'varied', rounds: 2 },
    ]);
  });
  it('builds a varied load mix of distinct questions', () => {
    const mix = variedMix(loadKnowledge(), 1, 1500);
    expect(mix).toHaveLength(1500);
    expect(new Set(mix).size).toBe(1500);
  });
  it('posts a valid message activity with expectReplies', () => {
    const a = messageActivity('hi', 'webchat', 'c1', 1);
    expect(a).toMatchObject({
      type: 'message',
      text: 'hi',
      channelId: 'webchat',
      deliveryMode: 'expectReplies',
      conversation: { id: 'c1' },
    });
  });
});

describe('measurement helpers (no timing asserted)', () => {
  it('times every call and counts decision kinds', async () => {
    let calls = 0;
    const fake = {
      ask: (q: string) => (calls++, { query: q, kind: q === 'hi' ? 'smalltalk' : 'fallback', score: 0, threshold: 0.5, top: [] }) as never,
    };
    const r = measureAsk(fake, ['hi', 'x'], { warmupPasses: 1, minCalls: 10, minMs: 0 });
    expect(r.n).toBeGreaterThanOrEqual(1000);
    expect(calls).toBe(r.n + 2);
    expect(r.kinds.smalltalk + r.kinds.fallback).toBe(r.n);
  });
  it('reads CPU time from /proc on Linux', async () => {
    if (process.platform !== 'linux') return;
    expect(processCpuMs(process.pid)).toBeGreaterThanOrEqual(0);
    expect(processCpuMs(-1)).toBeNaN();
    const n = noiseMeter([process.pid])();
    expect(n.othersCores).toBeGreaterThanOrEqual(0);
  });
});
