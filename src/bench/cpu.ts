// How much CPU other processes used while we measured: the machine's busy time (/proc/stat) minus
// this process and the servers it started. On a shared machine (a CI runner, teammates' builds)
// this says whether a figure can be trusted. Linux only; elsewhere it reports NaN.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** USER_HZ: /proc reports CPU time in clock ticks, 100 a second on Linux. */
const TICK_MS = 10;

/** Busy CPU time of the whole machine (all cores), in milliseconds. */
export function systemBusyMs(): number {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
    // cpu user nice system idle iowait irq softirq steal guest guest_nice
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    return (f[0] + f[1] + f[2] + f[5] + f[6] + f[7]) * TICK_MS;
  } catch {
    return NaN;
  }
}

/** CPU time (user + system) of one process, in milliseconds; NaN when it is gone. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may contain spaces: fields start after the last ')'.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return NaN;
  }
}

/** CPU time of this process plus its children that have exited (servers started and stopped). */
function selfCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS;
  } catch {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  }
}

export interface Noise {
  wallMs: number;
  /** CPU used by our processes (this one, its exited children and the live `pids`), in cores
   * (1 = one core fully busy). */
  oursCores: number;
  /** CPU used by everything else, in cores. */
  othersCores: number;
}

/** Starts a measurement window; call the returned function to close it. */
export function noiseMeter(pids: readonly number[] = []): () => Noise {
  const t0 = performance.now();
  const busy0 = systemBusyMs();
  const self0 = selfCpuMs();
  const p0 = pids.map(processCpuMs);
  return () => {
    const wallMs = performance.now() - t0;
    const busy = systemBusyMs() - busy0;
    const ours = selfCpuMs() - self0 + pids.reduce((sum, pid, i) => sum + (processCpuMs(pid) - p0[i]), 0);
    return { wallMs, oursCores: ours / wallMs, othersCores: Math.max(0, busy - ours) / wallMs };
  };
}

/**
 * Waits until other processes use less than `maxCores` over a `windowMs` window, or until
 * `timeoutMs` has passed. Resolves with the last window's reading and whether it was quiet.
 */
export async function waitForQuiet(
  opts: { maxCores?: number; windowMs?: number; timeoutMs?: number } = {},
): Promise<{ quiet: boolean; othersCores: number; waitedMs: number }> {
  const maxCores = opts.maxCores ?? 0.1;
  const windowMs = opts.windowMs ?? 2000;
  const timeoutMs = opts.timeoutMs ?? 0;
  const t0 = performance.now();
  for (;;) {
    const stop = noiseMeter();
    await new Promise((r) => setTimeout(r, windowMs));
    const { othersCores } = stop();
    const waitedMs = performance.now() - t0;
    if (!(othersCores >= maxCores)) return { quiet: true, othersCores, waitedMs };
    if (waitedMs >= timeoutMs) return { quiet: false, othersCores, waitedMs };
  }
}
