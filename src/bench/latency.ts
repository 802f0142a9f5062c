// In-process match latency: FaqService construction (index build) and FaqService.ask over a query
// mix, timed call by call after warm-up.
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Decision } from '../faq/decision';
import { summarize, type Summary } from '../lib/stats';

export interface Asker {
  ask(text: string): Decision;
}

export interface LatencyResult extends Summary {
  /** Calls per second of one core, from the timed loop. */
  callsPerSec: number;
  /** Share of decisions by kind over the timed calls (sanity check of the mix). */
  kinds: Record<string, number>;
}

export interface LatencyOptions {
  /** Passes over the whole mix before timing. */
  warmupPasses?: number;
  /** Keep timing until at least this many calls and this much time have gone by, but stop at
   * maxMs once there are at least 1,000 calls (a slow matcher must not make the run endless). */
  minCalls?: number;
  minMs?: number;
  maxMs?: number;
}

/** Times `service.ask` call by call over `queries`, cycling through them. */
export function measureAsk(service: Asker, queries: readonly string[], opts: LatencyOptions = {}): LatencyResult {
  if (queries.length === 0) throw new Error('empty query mix');
  const kinds: Record<string, number> = {};
  // Warm-up: whole passes over the mix, but no more than ~maxMs/3 of them.
  const warmStart = performance.now();
  for (let w = 0; w < (opts.warmupPasses ?? 2); w++) {
    for (const q of queries) service.ask(q);
    if (performance.now() - warmStart > (opts.maxMs ?? 15_000) / 3) break;
  }
  maybeGc();
  const minCalls = opts.minCalls ?? 20_000;
  const minMs = opts.minMs ?? 2_000;
  const maxMs = opts.maxMs ?? 15_000;
  const samples: number[] = [];
  const start = performance.now();
  let busy = 0;
  const more = () => {
    const elapsed = performance.now() - start;
    if (elapsed < minMs) return true;
    if (samples.length < 1000) return true;
    return samples.length < minCalls && elapsed < maxMs;
  };
  for (let i = 0; more(); i++) {
    const q = queries[i % queries.length];
    const t0 = performance.now();
    const d = service.ask(q);
    const dt = performance.now() - t0;
    samples.push(dt);
    busy += dt;
    kinds[d.kind] = (kinds[d.kind] ?? 0) + 1;
  }
  const s = summarize(samples);
  return { ...s, callsPerSec: (1000 * samples.length) / busy, kinds };
}

export interface Built<T> {
  value: T;
  ms: number;
  /** Heap retained by the built value (after a full GC), bytes; NaN when GC cannot be forced. */
  retainedBytes: number;
}

/** Times `build()` and measures the heap it retains. */
export function timeBuild<T>(build: () => T): Built<T> {
  maybeGc();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const value = build();
  const ms = performance.now() - t0;
  const collected = maybeGc();
  const after = process.memoryUsage().heapUsed;
  return { value, ms, retainedBytes: collected ? after - before : NaN };
}

let gcFn: (() => void) | null | undefined;

/** Runs a full garbage collection when possible (exposing gc at run time); true when it ran. */
export function maybeGc(): boolean {
  if (gcFn === undefined) {
    const existing = (globalThis as { gc?: () => void }).gc;
    if (existing) gcFn = existing;
    else {
      try {
        setFlagsFromString('--expose-gc');
        gcFn = runInNewContext('gc') as () => void;
      } catch {
        gcFn = null;
      }
    }
  }
  if (!gcFn) return false;
  gcFn();
  return true;
}
