// Measuring on a shared machine: log lines, waiting for other processes to go quiet, and
// re-measuring a run they disturbed.
import path from 'node:path';
import { repoRoot } from '../lib/paths';
import { noiseMeter, waitForQuiet, type Noise } from './cpu';
import type { BenchOptions } from './options';

/** Other processes using more than this many cores make a measurement disturbed. */
export const NOISY_CORES = 0.15;

/** A compiled entry point (the bench runs from dist/). */
export const distEntry = (rel: string) => path.join(repoRoot, 'dist', 'src', rel);

export const log = (s: string) => process.stderr.write(`${s}\n`);

/** With --wait-quiet, waits for other processes to go quiet before a measurement. */
export async function quiet(o: BenchOptions, what: string): Promise<void> {
  if (o.waitQuietSec <= 0) return;
  const q = await waitForQuiet({ timeoutMs: o.waitQuietSec * 1000 });
  if (q.waitedMs > 2500 || !q.quiet) {
    log(
      `      waited ${(q.waitedMs / 1000).toFixed(0)} s for a quiet machine before ${what}: ${q.quiet ? 'quiet' : `still busy (others ${q.othersCores.toFixed(2)} cores)`}`,
    );
  }
}

/**
 * Runs a measurement; with --wait-quiet, first waits for a quiet machine and, when other
 * processes still got busy during it, measures again (three attempts at most), keeping the least
 * disturbed attempt.
 */
export async function steady<T>(
  o: BenchOptions,
  what: string,
  run: () => Promise<T> | T,
  pids: number[] = [],
): Promise<T & { noise: Noise; attempts: number }> {
  let best: (T & { noise: Noise; attempts: number }) | undefined;
  for (let attempt = 1; ; attempt++) {
    await quiet(o, what);
    const meter = noiseMeter(pids);
    const value = await run();
    const noise = meter();
    if (!best || noise.othersCores < best.noise.othersCores) best = { ...value, noise, attempts: attempt };
    if (o.waitQuietSec <= 0 || noise.othersCores < NOISY_CORES || attempt >= 3) return { ...best, attempts: attempt };
    log(`      ${what}: other processes used ${noise.othersCores.toFixed(2)} cores meanwhile; measuring again`);
  }
}
