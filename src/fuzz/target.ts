// The server under test: one the fuzzer starts itself (node dist/src/index.js on a free port,
// loopback, memory state, its log captured to a file) and can start again after a crash, or a
// running one given by --url (loopback only).
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { procMemory, startServer, stopServer, type Started } from '../bench/proc';
import { repoRoot } from '../lib/paths';

/** Limits raised so fuzzed requests reach the handlers instead of the per-address rate limiters. */
export const FUZZ_SERVER_ENV: Record<string, string> = {
  STATE_STORE: 'memory',
  LOG_LEVEL: 'warn',
  DIRECT_LINE_NEW_CONVERSATIONS_PER_MINUTE: '100000',
  DIRECT_LINE_POSTS_PER_MINUTE: '10000',
  ASK_REQUESTS_PER_MINUTE: '1000000',
};

export interface ServerUnderTest {
  host: string;
  port: number;
  /** Process id when known (own server): for its memory. */
  pid?: number;
  /** Set once the process has exited: how. */
  exited?: string;
  /** Called when the process exits. */
  onExit(listener: () => void): void;
  /** The last lines of the server's log (own server). */
  logTail(): string;
  /** Starts a fresh server after a crash; false when this target cannot (--url). */
  restart(): Promise<boolean>;
  stop(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

export class OwnServer implements ServerUnderTest {
  host = '127.0.0.1';
  port = 0;
  pid?: number;
  exited?: string;
  private started?: Started;
  private log?: WriteStream;
  private tail: string[] = [];
  private listeners: (() => void)[] = [];

  constructor(readonly logFile: string) {}

  async start(): Promise<void> {
    this.exited = undefined;
    const s = await startServer({
      args: [path.join(repoRoot, 'dist', 'src', 'index.js')],
      cwd: repoRoot,
      env: FUZZ_SERVER_ENV,
      timeoutMs: 30_000,
    });
    this.started = s;
    this.port = s.port;
    this.pid = s.pid;
    this.log ??= createWriteStream(this.logFile, { flags: 'a' });
    this.log.write(`--- server pid ${s.pid} on port ${s.port}\n${s.output()}`);
    const keep = (chunk: Buffer) => {
      this.log?.write(chunk);
      this.tail.push(chunk.toString());
      if (this.tail.length > 30) this.tail.shift();
    };
    s.child.stdout!.on('data', keep);
    s.child.stderr!.on('data', keep);
    s.child.once('exit', (code, signal) => {
      this.exited = `exited with ${signal ?? `code ${code}`}`;
      for (const l of this.listeners) l();
    });
  }

  onExit(listener: () => void): void {
    this.listeners.push(listener);
  }

  logTail(): string {
    return this.tail.join('').split('\n').slice(-25).join('\n');
  }

  rss(): { rss: number; peak: number } | undefined {
    if (!this.pid || this.exited) return undefined;
    const m = procMemory(this.pid);
    return { rss: m.rss, peak: m.rssPeak };
  }

  async restart(): Promise<boolean> {
    await this.stop(false);
    this.tail = [];
    await this.start();
    return true;
  }

  async stop(closeLog = true): Promise<void> {
    if (this.started) await stopServer(this.started);
    this.started = undefined;
    if (closeLog) await new Promise<void>((resolve) => (this.log ? this.log.end(resolve) : resolve()));
  }
}

/** A server started elsewhere (--url). Its exit is seen as refused connections. */
export class ExternalServer implements ServerUnderTest {
  exited?: string;
  constructor(
    readonly host: string,
    readonly port: number,
  ) {}
  onExit(): void {}
  logTail(): string {
    return '(server started elsewhere: see its own log)';
  }
  async restart(): Promise<boolean> {
    return false;
  }
  async stop(): Promise<void> {}
}
