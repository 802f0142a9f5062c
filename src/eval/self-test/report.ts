// The self-test report (`npm run eval -- --self`): accuracy per kind of case, per entry (worst
// first), the commonest confusions and a few failures of each kind.
import { performance } from 'node:perf_hooks';
import { fmtPct, table } from '../../lib/stats';
import { loadKnowledge } from '../../knowledge/load';
import { isPositive, NEGATIVE_KINDS, POSITIVE_KINDS } from './cases';
import { buildSelfTest, DEFAULT_FOLDS, DEFAULT_SEED } from './corpus';
import { loadSelfTestData } from './data';
import { runSelfTest, type SelfTestRow } from './run';
import { writeJsonReport } from '../../lib/write-json';

export interface Rate {
  pass: number;
  total: number;
  rate: number;
}

export interface KindRow extends Rate {
  kind: string;
  positive: boolean;
  /** How the cases ended: "right" (the expected answer), "wrong" (another entry answered), or the decision kind. */
  outcomes: Record<string, number>;
}

export interface EntryRow {
  entry: string;
  /** Positives made from the entry's alternates, answered with it. */
  positives: Rate;
  /** Occupation swaps and counterexamples made from the entry, declined. */
  negatives: Rate;
}

export interface SelfTestReport {
  seed: number;
  folds: number;
  /** All positives answered right: the in-scope figure. */
  inScope: Rate;
  /** All negatives declined. */
  declined: Rate;
  kinds: KindRow[];
  entries: EntryRow[];
  /** Failures only: expected entry (or "fallback") -> what the bot did, counted. */
  confusion: { expected: string; got: string; count: number }[];
  timing: { buildMs: number; runMs: number };
  rows: SelfTestRow[];
}

const FAILURES_SHOWN_PER_KIND = 4;
const CONFUSIONS_SHOWN = 15;

const rateOf = (rows: readonly SelfTestRow[]): Rate => {
  const pass = rows.filter((r) => r.ok).length;
  return { pass, total: rows.length, rate: rows.length ? pass / rows.length : NaN };
};

/** The two headline rates: positives answered with their entry, negatives declined. */
export function headlineRates(rows: readonly SelfTestRow[]): { inScope: Rate; declined: Rate } {
  return { inScope: rateOf(rows.filter((r) => isPositive(r.kind))), declined: rateOf(rows.filter((r) => !isPositive(r.kind))) };
}

function outcome(r: SelfTestRow): string {
  if (r.ok) return isPositive(r.kind) ? 'right' : 'declined';
  return r.decision === 'answer' ? (isPositive(r.kind) ? 'wrong' : 'answered') : r.decision;
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

export function summarizeSelfTest(
  rows: SelfTestRow[],
  meta: { seed: number; folds: number; timing: SelfTestReport['timing'] },
): SelfTestReport {
  const kinds = [...POSITIVE_KINDS, ...NEGATIVE_KINDS].map((kind) => {
    const of = rows.filter((r) => r.kind === kind);
    return { kind, positive: isPositive(kind), ...rateOf(of), outcomes: Object.fromEntries(countBy(of, outcome)) };
  });
  const entryIds = [...new Set(rows.flatMap((r) => (r.entry ? [r.entry] : [])))];
  const entries = entryIds
    .map((entry) => {
      const of = rows.filter((r) => r.entry === entry);
      return { entry, positives: rateOf(of.filter((r) => isPositive(r.kind))), negatives: rateOf(of.filter((r) => !isPositive(r.kind))) };
    })
    .sort((a, b) => a.positives.rate - b.positives.rate || a.entry.localeCompare(b.entry));
  const failed = rows.filter((r) => !r.ok);
  const confusion = [...countBy(failed, (r) => `${r.expect ?? 'fallback'}\u0000${r.got}`)]
    .map(([key, count]) => {
      const [expected, got] = key.split('\u0000');
      return { expected, got, count };
    })
    .sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected));
  return {
    seed: meta.seed,
    folds: meta.folds,
    ...headlineRates(rows),
    kinds,
    entries,
    confusion,
    timing: meta.timing,
    rows,
  };
}

const fmtRate = (r: Rate) => (r.total ? `${r.pass}/${r.total} (${fmtPct(r.rate)})` : '-');

function formatHeadline({ inScope, declined }: { inScope: Rate; declined: Rate }, label = 'self-test'): string {
  return `${label}: in scope ${fmtRate(inScope)}; negatives declined ${fmtRate(declined)}`;
}

export function formatSelfTestReport(report: SelfTestReport): string {
  const out: string[] = [];
  out.push(`Self-test corpus (seed ${report.seed}, ${report.folds} folds, ${report.rows.length} cases)`, '');
  out.push('Per kind:');
  out.push(
    table(
      ['kind', 'must', 'passed', 'accuracy', 'outcomes'],
      report.kinds.map((k) => {
        const outcomes = Object.entries(k.outcomes).map(([name, n]) => `${name} ${n}`);
        return [k.kind, k.positive ? 'answer' : 'decline', `${k.pass}/${k.total}`, fmtPct(k.rate), outcomes.join(', ')];
      }),
      'llrrl',
    ),
    '',
  );
  out.push('Per entry (worst first; negatives = occupation swaps and counterexamples made from it):');
  out.push(
    table(
      ['entry', 'positives', 'negatives declined'],
      report.entries.map((e) => [e.entry, fmtRate(e.positives), fmtRate(e.negatives)]),
      'lrr',
    ),
    '',
  );
  if (report.confusion.length) {
    out.push(`Top confusions (expected -> got, of ${report.confusion.reduce((n, c) => n + c.count, 0)} failures):`);
    for (const c of report.confusion.slice(0, CONFUSIONS_SHOWN)) out.push(`  ${String(c.count).padStart(4)}  ${c.expected} -> ${c.got}`);
    out.push('');
  }
  out.push(...failureExamples(report.rows), '');
  const { buildMs, runMs } = report.timing;
  out.push(`Built in ${Math.round(buildMs)} ms, asked in ${Math.round(runMs)} ms.`);
  out.push(formatHeadline(report));
  return out.join('\n');
}

/** A few failures of each kind, spread over the kind's failures rather than the first few entries. */
function failureExamples(rows: readonly SelfTestRow[]): string[] {
  const out = ['Failing examples:'];
  for (const kind of [...POSITIVE_KINDS, ...NEGATIVE_KINDS]) {
    const failed = rows.filter((r) => r.kind === kind && !r.ok);
    const step = Math.max(1, Math.floor(failed.length / FAILURES_SHOWN_PER_KIND));
    for (let i = 0; i < failed.length && i < step * FAILURES_SHOWN_PER_KIND; i += step) {
      const r = failed[i];
      const top = r.top.map((t) => `${t.id} ${t.score.toFixed(2)}`).join(', ') || '(none)';
      out.push(`  [${kind}] ${JSON.stringify(r.q)}`);
      out.push(`      expected ${r.expect ?? 'fallback'}, got ${r.got}; top: ${top}`);
    }
  }
  return out;
}

export interface SelfTestCommandOptions {
  kbDir?: string;
  seed?: number;
  folds?: number;
  /** Where to write the report as JSON. */
  json?: string;
}

/**
 * The self-test's two headline rates on the knowledge base in `kbDir`, for `npm run eval` to print
 * beside the development questions' figures; undefined when that folder has no self-test data.
 */
export function selfTestHeadline(kbDir?: string): string | undefined {
  let data;
  try {
    data = loadSelfTestData(kbDir);
  } catch {
    return undefined;
  }
  const rows = runSelfTest(buildSelfTest(loadKnowledge(kbDir), { data }));
  return formatHeadline(headlineRates(rows), 'self-test (npm run eval -- --self)');
}

/** `npm run eval -- --self`: builds, runs and prints the self-test. Always exit code 0: it is a report. */
export function selfTestCommand(options: SelfTestCommandOptions): number {
  const seed = options.seed ?? DEFAULT_SEED;
  const folds = options.folds ?? DEFAULT_FOLDS;
  const t0 = performance.now();
  const kb = loadKnowledge(options.kbDir);
  const corpus = buildSelfTest(kb, { seed, folds, data: loadSelfTestData(options.kbDir) });
  const t1 = performance.now();
  const rows = runSelfTest(corpus);
  const report = summarizeSelfTest(rows, { seed, folds, timing: { buildMs: t1 - t0, runMs: performance.now() - t1 } });
  console.log(formatSelfTestReport(report));
  if (options.json) {
    writeJsonReport(options.json, report);
    console.log(`JSON report written to ${options.json}`);
  }
  return 0;
}
