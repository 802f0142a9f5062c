// The bench's command line and the targets its figures are judged against.

export const TARGETS = {
  realP99Ms: 1,
  syntheticP99Ms: 5,
  throughputRatio: 0.9,
  startupMs: 2000,
  idleRssBytes: 150 * 1024 * 1024,
};

export interface BenchOptions {
  json?: string;
  entries: number;
  seed: number;
  mixSize: number;
  minCalls: number;
  startupRuns: number;
  connections: number;
  durationSec: number;
  warmupSec: number;
  rounds: number;
  channels: string[];
  skipHttp: boolean;
  skipMatch: boolean;
  /**
   * "handful": a few real questions, repeated, as the issue asks; "varied": VARIED_MIX_SIZE
   * distinct generated questions (typos, small talk, off-topic) cycled in order, more than the
   * service's decision cache holds, so every turn is really matched; "both" (default) runs the
   * handful mix on every channel and the varied mix on the first channel.
   */
  loadMix: 'handful' | 'varied' | 'both';
  /** Before each measurement, wait up to this many seconds for other processes to go quiet. */
  waitQuietSec: number;
}

export const VARIED_MIX_SIZE = 4000;

const USAGE = `usage: npm run bench -- [--json FILE] [--entries N] [--seed N] [--mix N] [--calls N]
         [--startup-runs N] [--connections N] [--duration S] [--warmup S] [--rounds N]
         [--channels webchat,emulator] [--load-mix handful|varied|both] [--wait-quiet S]
         [--no-http] [--no-match] [--quick]
  --wait-quiet S: before each measurement wait up to S seconds for other processes to go quiet
  (useful on shared machines; the report says how busy they were either way).`;

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const o: BenchOptions = {
    entries: 10_000,
    seed: 20240611,
    mixSize: 2000,
    minCalls: 20_000,
    startupRuns: 5,
    connections: 50,
    durationSec: 5,
    warmupSec: 2,
    rounds: 4,
    channels: ['webchat', 'emulator'],
    skipHttp: false,
    skipMatch: false,
    loadMix: 'both',
    waitQuietSec: 0,
  };
  const num = (v: string | undefined, flag: string) => {
    const x = Number(v);
    if (v === undefined || !Number.isFinite(x) || x < 0) throw new Error(`${flag} needs a non-negative number`);
    return x;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--json':
        o.json = argv[++i];
        if (!o.json) throw new Error('--json needs a file');
        break;
      case '--entries':
        o.entries = num(argv[++i], a);
        break;
      case '--seed':
        o.seed = num(argv[++i], a);
        break;
      case '--mix':
        o.mixSize = Math.max(1, num(argv[++i], a));
        break;
      case '--calls':
        o.minCalls = num(argv[++i], a);
        break;
      case '--startup-runs':
        o.startupRuns = Math.max(1, num(argv[++i], a));
        break;
      case '--connections':
        o.connections = Math.max(1, num(argv[++i], a));
        break;
      case '--duration':
        o.durationSec = Math.max(1, num(argv[++i], a));
        break;
      case '--warmup':
        o.warmupSec = num(argv[++i], a);
        break;
      case '--rounds':
        o.rounds = Math.max(1, num(argv[++i], a));
        break;
      case '--channels':
        o.channels = (argv[++i] ?? '').split(',').filter(Boolean);
        break;
      case '--no-http':
        o.skipHttp = true;
        break;
      case '--wait-quiet':
        o.waitQuietSec = num(argv[++i], a);
        break;
      case '--load-mix': {
        const v = argv[++i];
        if (v !== 'handful' && v !== 'varied' && v !== 'both') throw new Error('--load-mix is "handful", "varied" or "both"');
        o.loadMix = v;
        break;
      }
      case '--no-match':
        o.skipMatch = true;
        break;
      case '--quick':
        Object.assign(o, {
          minCalls: 5000,
          startupRuns: 3,
          durationSec: 3,
          warmupSec: 1,
          rounds: 1,
          channels: ['webchat'],
          loadMix: 'handful',
        });
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${a}\n${USAGE}`);
    }
  }
  return o;
}
