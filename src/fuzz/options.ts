// Command-line options of `npm run fuzz`.
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { integerOption, parseOrExplain } from '../lib/command-line';
import { isLoopback } from './target';

export interface FuzzOptions {
  count: number;
  timeSeconds: number;
  seed: number;
  concurrency: number;
  timeoutMs: number;
  maxCrashes: number;
  url?: URL;
  json?: string;
  log: string;
  /** Replay this one request of the seed's sequence and print it with its answer. */
  only?: number;
}

export const USAGE = `npm run fuzz -- [options]
  --count N         requests to send (default 100000)
  --time S          stop after S seconds whatever the count (default 600)
  --seed N          the sequence to send; the same seed sends the same requests (default 1)
  --concurrency N   requests in flight (default 24)
  --timeout-ms N    a request without an answer after this long is a hang (default 20000)
  --max-crashes N   stop after this many server crashes (default 5)
  --url URL         fuzz a server already running on loopback instead of starting one
  --json FILE       also write the results as JSON
  --log FILE        where the started server's log goes (default: a file in the temp folder)
  --only I          send request I of the seed's sequence alone and print it with its answer`;

const OPTIONS = {
  count: { type: 'string' },
  time: { type: 'string' },
  seed: { type: 'string' },
  concurrency: { type: 'string' },
  'timeout-ms': { type: 'string' },
  'max-crashes': { type: 'string' },
  only: { type: 'string' },
  json: { type: 'string' },
  log: { type: 'string' },
  url: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseOptions(argv: string[]): FuzzOptions {
  const { values: v } = parseOrExplain(() => parseArgs({ args: argv, options: OPTIONS, strict: true }), USAGE);
  if (v.help) throw new Error(USAGE);
  return {
    count: integerOption('count', v.count, 1, 100_000),
    timeSeconds: integerOption('time', v.time, 1, 600),
    seed: integerOption('seed', v.seed, 0, 1),
    concurrency: integerOption('concurrency', v.concurrency, 1, 24),
    timeoutMs: integerOption('timeout-ms', v['timeout-ms'], 100, 20_000),
    maxCrashes: integerOption('max-crashes', v['max-crashes'], 1, 5),
    only: integerOption('only', v.only, 0),
    json: v.json,
    log: v.log ?? path.join(tmpdir(), `fuzz-server-${process.pid}.log`),
    url: v.url === undefined ? undefined : loopbackUrl(v.url),
  };
}

/** Only loopback targets: the fuzzer must never be pointed at someone else's server. */
function loopbackUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`--url must be a URL such as http://127.0.0.1:3978, got ${value}`);
  }
  if (url.protocol !== 'http:') throw new Error('--url must be http:// (the fuzzer speaks plain HTTP on loopback)');
  if (!isLoopback(url.hostname)) throw new Error(`--url must be a loopback address (127.x.x.x, ::1, localhost), got ${url.hostname}`);
  return url;
}
