// `npm run eval [FILE.jsonl ...] [--json OUT] [--show-pass] [--min-inscope X] [--min-oos X]
//   [--min-smalltalk X] [--min-overall X] [--channel ID] [--kb DIR]`
//
// The command line of the evaluation: the question files through the bot's pipeline, in-process
// (src/eval/evaluate.ts, judged by the black-box judge's rules), or with --self the
// self-test corpus (src/eval/self-test/). Exit code 1 when a --min floor is not met.
import path from 'node:path';
import { parseArgs as parseCommandLine } from 'node:util';
import { formatProblem, KnowledgeError, loadKnowledge } from '../knowledge/load';
import { evaluate, type EvalReport } from '../eval/evaluate';
import { defaultEvalFiles, readEvalFiles } from '../eval/files';
import { formatReport } from '../eval/format';
import { integerOption, parseOrExplain } from '../lib/command-line';
import { fmtPct } from '../lib/stats';
import { selfTestCommand, selfTestHeadline } from '../eval/self-test/report';
import { writeJsonReport } from '../lib/write-json';

export interface CliOptions {
  files: string[];
  json?: string;
  showPass: boolean;
  channelId: string;
  kbDir?: string;
  /** `--self`: run the self-test corpus (src/eval/self-test/) instead of the question files. */
  self?: { seed?: number; folds?: number };
  /** Floors; the exit code is 1 when any is not met. */
  min: { inscope?: number; oos?: number; smalltalk?: number; overall?: number };
}

const OPTIONS = {
  json: { type: 'string' },
  'show-pass': { type: 'boolean' },
  channel: { type: 'string' },
  kb: { type: 'string' },
  'min-inscope': { type: 'string' },
  'min-oos': { type: 'string' },
  'min-smalltalk': { type: 'string' },
  'min-overall': { type: 'string' },
  self: { type: 'boolean' },
  seed: { type: 'string' },
  folds: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses the command line; a floor may be written as a fraction (0.9) or a percentage (90). */
export function parseArgs(argv: readonly string[]): CliOptions {
  const { values: v, positionals } = parseOrExplain(() =>
    parseCommandLine({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: true }),
  );
  if (v.help) throw new HelpRequested();
  const seed = integerOption('seed', v.seed, 0);
  const folds = integerOption('folds', v.folds, 2);
  const selfAsked = v.self || seed !== undefined || folds !== undefined;
  const min = {
    inscope: floor('min-inscope', v['min-inscope']),
    oos: floor('min-oos', v['min-oos']),
    smalltalk: floor('min-smalltalk', v['min-smalltalk']),
    overall: floor('min-overall', v['min-overall']),
  };
  return {
    files: positionals.length > 0 ? positionals : defaultEvalFiles,
    json: v.json,
    showPass: v['show-pass'] ?? false,
    channelId: v.channel ?? 'emulator',
    kbDir: v.kb,
    self: selfAsked ? { ...(seed === undefined ? {} : { seed }), ...(folds === undefined ? {} : { folds }) } : undefined,
    min: Object.fromEntries(Object.entries(min).filter(([, x]) => x !== undefined)),
  };
}

function floor(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const x = Number(raw.replace(/%$/, ''));
  if (raw.trim() === '' || !Number.isFinite(x) || x < 0 || x > 100) {
    throw new Error(`--${flag}: expected a fraction (0.9) or a percentage (90), got "${raw}"`);
  }
  return x > 1 || raw.endsWith('%') ? x / 100 : x;
}

class HelpRequested extends Error {}

const USAGE = `usage: npm run eval -- [FILE.jsonl ...] [--json OUT] [--show-pass] [--channel ID] [--kb DIR]
                       [--min-inscope X] [--min-oos X] [--min-smalltalk X] [--min-overall X]
       npm run eval -- --self [--seed N] [--folds N] [--json OUT] [--kb DIR]
  Files default to test/fixtures/eval/{dev,oos-dev,smalltalk-dev}.jsonl. Floors are fractions (0.9)
  or percentages (90); the exit code is 1 when a floor is not met, 0 otherwise.
  --self runs the self-test corpus generated from the knowledge base instead (default seed 1,
  10 folds; --seed or --folds imply --self); its exit code is 0.`;

/** Which floors were missed, as printable lines. */
export function missedFloors(report: EvalReport, min: CliOptions['min']): string[] {
  const checks: [string, number | undefined, number][] = [
    ['in-scope accuracy', min.inscope, report.inscope],
    ['out-of-scope decline rate', min.oos, report.oosDecline],
    ['small-talk rate', min.smalltalk, report.smalltalk],
    ['overall accuracy', min.overall, report.overall.rate],
  ];
  return checks
    .filter(([, floorValue, actual]) => floorValue !== undefined && !(actual >= floorValue))
    .map(([name, floorValue, actual]) => `${name} ${fmtPct(actual)} is below the floor ${fmtPct(floorValue!)}`);
}

export function main(argv: readonly string[]): number {
  let opts: CliOptions;
  try {
    opts = parseArgs(argv);
  } catch (error) {
    if (error instanceof HelpRequested) {
      console.log(USAGE);
      return 0;
    }
    console.error(`eval: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (opts.self) return selfTestCommand({ ...opts.self, kbDir: opts.kbDir, json: opts.json });
  const items = readEvalFiles(opts.files);
  const kb = loadKnowledge(opts.kbDir);
  const report = evaluate(items, { kb, channelId: opts.channelId, files: opts.files.map((f) => path.relative(process.cwd(), f) || f) });
  console.log(formatReport(report, { showPass: opts.showPass }));
  const selfTest = selfTestHeadline(opts.kbDir);
  if (selfTest) console.log(selfTest);
  if (opts.json) {
    writeJsonReport(opts.json, report);
    console.log(`JSON report written to ${opts.json}`);
  }
  const missed = missedFloors(report, opts.min);
  for (const m of missed) console.error(`FLOOR NOT MET: ${m}`);
  return missed.length ? 1 : 0;
}

/** `main`, with a broken knowledge base reported as its problems (file, line, field), not a stack trace. */
export function run(argv: readonly string[]): number {
  try {
    return main(argv);
  } catch (error) {
    if (!(error instanceof KnowledgeError)) throw error;
    console.error(`eval: the knowledge base has ${error.problems.length} problem(s):`);
    for (const problem of error.problems) console.error(`  ${formatProblem(problem)}`);
    return 2;
  }
}

if (require.main === module) process.exitCode = run(process.argv.slice(2));
