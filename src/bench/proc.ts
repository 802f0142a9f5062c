// Child-process helpers for the HTTP benchmarks: a free port, start a server and time it to a
// healthy /healthz, read its memory from /proc, stop it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface Started {
  child: ChildProcess;
  pid: number;
  port: number;
  base: string;
  /** Milliseconds from spawn to the first 200 from GET /healthz. */
  startupMs: number;
  /** The server's own state-store folder (the default file store), removed by stopServer. */
  stateDir: string;
  /** Last lines the process wrote, for error messages. */
  output: () => string;
}

export interface StartOptions {
  /** Node arguments: script path and its arguments, possibly preceded by node flags. */
  args: string[];
  cwd: string;
  env?: Record<string, string | undefined>;
  /** Adds an IPC channel (used by the memory probe). */
  ipc?: boolean;
  timeoutMs?: number;
  /** Poll interval for /healthz. */
  pollMs?: number;
}

/**
 * The environment for a benchmarked server: the current one with authentication forced off
 * (an empty MicrosoftAppId means unset and wins over a developer's .env), plus `extra`.
 */
export function serverEnv(port: number, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', MicrosoftAppId: '', MicrosoftAppPassword: '' };
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Spawns `node ...args` on a free port and resolves once GET /healthz answers 200. */
export async function startServer(opts: StartOptions): Promise<Started> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // The bot's default file store, in a fresh folder per server so runs never share state.
  const stateDir = mkdtempSync(path.join(tmpdir(), 'faq-bench-state-'));
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    tail.push(chunk.toString());
    if (tail.length > 40) tail.shift();
  };
  const t0 = performance.now();
  const child = spawn(process.execPath, opts.args, {
    cwd: opts.cwd,
    env: serverEnv(port, { STATE_DIR: stateDir, ...opts.env }),
    stdio: opts.ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  // Drain output (the bot logs JSON lines) without keeping more than a short tail.
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = `exited with ${signal ?? code}`));
  const deadline = t0 + (opts.timeoutMs ?? 15_000);
  for (;;) {
    if (exited) {
      rmSync(stateDir, { recursive: true, force: true });
      throw new Error(`server ${opts.args.join(' ')} ${exited} before /healthz answered:\n${tail.join('')}`);
    }
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      rmSync(stateDir, { recursive: true, force: true });
      throw new Error(`server ${opts.args.join(' ')} did not answer /healthz within ${opts.timeoutMs ?? 15_000} ms:\n${tail.join('')}`);
    }
    await sleep(opts.pollMs ?? 5);
  }
  const startupMs = performance.now() - t0;
  return { child, pid: child.pid!, port, base, startupMs, stateDir, output: () => tail.join('') };
}

export async function stopServer(s: Started, graceMs = 3000): Promise<void> {
  const { child } = s;
  if (child.exitCode === null && child.signalCode === null) {
    const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await gone;
    clearTimeout(timer);
  }
  rmSync(s.stateDir, { recursive: true, force: true });
}

export interface ProcMemory {
  /** Resident set size now, bytes. */
  rss: number;
  /** Peak resident set size, bytes. */
  rssPeak: number;
}

/** VmRSS and VmHWM from /proc/PID/status (Linux). */
export function procMemory(pid: number): ProcMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => {
    const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
    return m ? Number(m[1]) * 1024 : NaN;
  };
  return { rss: kb('VmRSS'), rssPeak: kb('VmHWM') };
}

/** Asks a process started with the memory probe (-r mem-probe.js, ipc) for process.memoryUsage(). */
export function probeHeap(child: ChildProcess, timeoutMs = 3000): Promise<NodeJS.MemoryUsage & { gcRun: boolean }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error('memory probe did not answer'));
    }, timeoutMs);
    const onMessage = (m: unknown) => {
      if (m && typeof m === 'object' && (m as { type?: string }).type === 'bench:memory') {
        clearTimeout(timer);
        child.off('message', onMessage);
        resolve((m as { usage: NodeJS.MemoryUsage & { gcRun: boolean } }).usage);
      }
    };
    child.on('message', onMessage);
    child.send({ type: 'bench:memory' });
  });
}
