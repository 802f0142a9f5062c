// Command-line options of `npm run fuzz`.
import { tmpdir } from 'node:os';
import path from 'node:path';
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

function int(name: string, value: string | undefined, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer of at least ${min}, got ${value}`);
  return n;
}

export function parseOptions(argv: string[]): FuzzOptions {
  const o: FuzzOptions = {
    count: 100_000,
    timeSeconds: 600,
    seed: 1,
    concurrency: 24,
    timeoutMs: 20_000,
    maxCrashes: 5,
    log: path.join(tmpdir(), `fuzz-server-${process.pid}.log`),
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    i += 1;
    switch (flag) {
      case '--count':
        o.count = int(flag, value, 1);
        break;
      case '--time':
        o.timeSeconds = int(flag, value, 1);
        break;
      case '--seed':
        o.seed = int(flag, value, 0);
        break;
      case '--concurrency':
        o.concurrency = int(flag, value, 1);
        break;
      case '--timeout-ms':
        o.timeoutMs = int(flag, value, 100);
        break;
      case '--max-crashes':
        o.maxCrashes = int(flag, value, 1);
        break;
      case '--only':
        o.only = int(flag, value, 0);
        break;
      case '--json':
        o.json = value;
        break;
      case '--log':
        o.log = value;
        break;
      case '--url':
        o.url = loopbackUrl(value);
        break;
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
  }
  return o;
}

/** Only loopback targets: the fuzzer must never be pointed at someone else's server. */
function loopbackUrl(value: string | undefined): URL {
  let url: URL;
  try {
    url = new URL(value ?? '');
  } catch {
    throw new Error(`--url must be a URL such as http://127.0.0.1:3978, got ${value}`);
  }
  if (url.protocol !== 'http:') throw new Error('--url must be http:// (the fuzzer speaks plain HTTP on loopback)');
  if (!isLoopback(url.hostname)) throw new Error(`--url must be a loopback address (127.x.x.x, ::1, localhost), got ${url.hostname}`);
  return url;
}
