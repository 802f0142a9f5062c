// `npm run eval [FILE.jsonl ...] [--json OUT] [--show-pass] [--min-inscope X] [--min-oos X]
//   [--min-smalltalk X] [--min-overall X] [--channel ID] [--kb DIR]`
//
// Runs the development questions through the same pipeline the bot uses, in-process:
// FaqService.ask -> the bot's renderer (src/render.ts), and judges what a person would see with the
// same rules as ../shared/tools/faq-eval.mjs (visible content = activity text plus every string in
// the attachments; `all` / `any` / `none`; kind "oos" must fall back, kind "smalltalk" must be small
// talk). The regression-floor test imports `evaluate` from here.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Decision } from '../faq/decision';
import { FaqService } from '../faq/service';
import { loadKnowledge, type KnowledgeBase } from '../knowledge/load';
import { repoRoot } from '../paths';
import { renderDecision, type RenderCopy } from '../render';
import { fmtMs, fmtPct, summarize, table, type Summary } from '../bench/stats';
import { formatStyleRates, styleRates, type StyleRate } from '../eval/style-rates';
import { selfTestCommand, selfTestHeadline } from '../eval/self-test/report';

// ---------------------------------------------------------------------------------------------
// Items and judging (kept identical to faq-eval.mjs)

export interface EvalItem {
  id: string;
  q: string;
  topic?: string;
  all?: string[];
  any?: string[];
  none?: string[];
  /** "oos" or "smalltalk"; absent for in-scope questions. */
  kind?: string;
  /** How an in-scope question is written: paraphrase, keyword, typo, long or slang. */
  style?: string;
}

/** The part of an activity the judge reads. */
export interface ShownActivity {
  type?: string;
  text?: string;
  attachments?: unknown[];
}

/** Case-folded, `$` and commas dropped, en/em dashes and minus as hyphens, runs of space as one. */
export function normalizeShown(s: string): string {
  return String(s)
    .toLowerCase()
    .replace(/[\u2013\u2014\u2212]/g, '-')
    .replace(/[$,]/g, '')
    .replace(/\s+/g, ' ');
}

/** Everything a person would see in a message activity: its text and every string in its attachments. */
export function visibleText(activity: ShownActivity): string {
  const out: string[] = [];
  const walk = (v: unknown, key: string): void => {
    if (typeof v === 'string') {
      if (!/^(https?:|data:)/.test(v) && key !== 'type' && key !== 'contentType' && key !== 'version') out.push(v);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  if (activity.text) out.push(activity.text);
  walk(activity.attachments ?? [], 'attachments');
  return out.join('\n');
}

/** The visible content of a reply: every message activity (an activity without a type counts as one). */
export function visibleReply(activities: readonly ShownActivity[]): string {
  return activities.filter((a) => a.type === undefined || a.type === 'message').map(visibleText).join('\n');
}

export type Group = 'inscope' | 'oos' | 'smalltalk' | string;

export function groupOf(item: EvalItem): Group {
  return item.kind ?? 'inscope';
}

/** Why the reply fails the item, or null when it passes. Same rules and wording as faq-eval.mjs. */
export function judge(item: EvalItem, kind: string | null, shown: string, top: string | null = null): string | null {
  if (item.kind === 'oos') return kind === 'fallback' ? null : `kind=${kind}`;
  if (item.kind === 'smalltalk') return kind === 'smalltalk' ? null : `kind=${kind}`;
  const s = normalizeShown(shown);
  const missing = (item.all ?? []).filter((x) => !s.includes(normalizeShown(x)));
  if (missing.length) return `missing ${JSON.stringify(missing)} (kind=${kind}, top=${top})`;
  if (item.any?.length && !item.any.some((x) => s.includes(normalizeShown(x))))
    return `none of any ${JSON.stringify(item.any)} (kind=${kind}, top=${top})`;
  const bad = (item.none ?? []).filter((x) => s.includes(normalizeShown(x)));
  if (bad.length) return `unfocused: has ${JSON.stringify(bad)} (top=${top})`;
  return null;
}

/** What the bot did, in one label for the confusion list: the answered entry id, or the kind. */
export function matchedLabel(d: Pick<Decision, 'kind' | 'answer' | 'choices' | 'top'>): string {
  switch (d.kind) {
    case 'answer':
      return d.answer?.id ?? d.top[0]?.id ?? 'answer';
    case 'clarify':
      return `clarify(${(d.choices ?? d.top).map((c) => c.id).join('|')})`;
    default:
      return d.kind;
  }
}

export function parseJsonl(text: string, file = '(input)'): EvalItem[] {
  const items: EvalItem[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    try {
      items.push(JSON.parse(line) as EvalItem);
    } catch (error) {
      throw new Error(`${file}:${i + 1}: not valid JSON (${(error as Error).message})`);
    }
  });
  return items;
}

export function readEvalFiles(files: readonly string[]): EvalItem[] {
  return files.flatMap((f) => parseJsonl(readFileSync(f, 'utf8'), f));
}

/** The repository root, found from this file whether it runs from src/ or dist/src/. */
export { repoRoot };

export const defaultEvalFiles = ['dev.jsonl', 'oos-dev.jsonl', 'smalltalk-dev.jsonl'].map((f) =>
  path.join(repoRoot, 'test', 'fixtures', 'eval', f),
);

// ---------------------------------------------------------------------------------------------
// Evaluation

export interface EvalRow {
  id: string;
  q: string;
  group: Group;
  topic: string;
  style?: string;
  ok: boolean;
  why: string | null;
  kind: string;
  /** Best candidates with their confidence, best first. */
  top: { id: string; score: number }[];
  /** Entry id answered, the clarify choices, or the kind: see matchedLabel. */
  matched: string;
  /** FaqService.ask time in milliseconds. */
  matchMs: number;
  shown: string;
}

export interface Rate {
  pass: number;
  total: number;
  rate: number;
}

export interface TopicRow extends Rate {
  topic: string;
  group: Group;
  /** What questions of this topic were answered with, most frequent first ("salary-entry x2"). */
  matched: { label: string; count: number }[];
}

export interface EvalReport {
  files: string[];
  channelId: string;
  overall: Rate;
  groups: Record<string, Rate>;
  /** Shorthands for the three bars: in-scope accuracy, out-of-scope decline rate, small-talk rate. */
  inscope: number;
  oosDecline: number;
  smalltalk: number;
  topics: TopicRow[];
  styles: StyleRate[];
  /** Failures only: expected topic -> what the bot did instead, counted. */
  confusion: { expected: string; matched: string; count: number }[];
  timing: { match: Summary; render: Summary };
  rows: EvalRow[];
}

export type Renderer = (decision: Decision, channelId: string) => readonly ShownActivity[];

export interface EvalOptions {
  /** An existing service; otherwise one is built (decision cache off) from `kb` or knowledge/. */
  service?: FaqService;
  kb?: KnowledgeBase;
  /** The renderer under test; defaults to the bot's own (src/render.ts). */
  render?: Renderer;
  /** Channel the replies are rendered for; faq-eval.mjs posts as the Emulator. */
  channelId?: string;
  /** Passes over all questions before the timed, judged pass (JIT warm-up). Default 3. */
  warmup?: number;
  files?: string[];
}

/** The product copy the renderer needs, resolved from the service as the bot does at start-up. */
export function renderCopyOf(service: Pick<FaqService, 'messages' | 'link'>): RenderCopy {
  const m = service.messages;
  return { ...m, mainTopics: m.mainTopics.map((id) => service.link(id)) };
}

/** The bot's renderer (src/render.ts) with the service's copy. Channel-neutral for now. */
export function botRenderer(service: Pick<FaqService, 'messages' | 'link'>): Renderer {
  const copy = renderCopyOf(service);
  return (decision) => renderDecision(decision, copy);
}

const rate = (pass: number, total: number): Rate => ({ pass, total, rate: total ? pass / total : NaN });

export function evaluate(items: readonly EvalItem[], options: EvalOptions = {}): EvalReport {
  const service = options.service ?? new FaqService(options.kb ?? loadKnowledge(), { cacheSize: 0 });
  const render = options.render ?? botRenderer(service);
  const channelId = options.channelId ?? 'emulator';

  for (let w = 0; w < (options.warmup ?? 3); w++) for (const item of items) render(service.ask(item.q), channelId);

  const rows: EvalRow[] = [];
  const matchMs: number[] = [];
  const renderMs: number[] = [];
  for (const item of items) {
    const t0 = performance.now();
    const decision = service.ask(item.q);
    const t1 = performance.now();
    const activities = render(decision, channelId);
    const t2 = performance.now();
    matchMs.push(t1 - t0);
    renderMs.push(t2 - t1);
    const shown = visibleReply(activities);
    const topId = decision.top[0]?.id ?? null;
    const why = judge(item, decision.kind, shown, topId);
    const group = groupOf(item);
    rows.push({
      id: item.id,
      q: item.q,
      group,
      topic: item.topic ?? group,
      style: item.style,
      ok: !why,
      why,
      kind: decision.kind,
      top: decision.top.map((t) => ({ id: t.id, score: round3(t.score) })),
      matched: matchedLabel(decision),
      matchMs: t1 - t0,
      shown,
    });
  }
  return summarizeRows(rows, {
    files: options.files ?? [],
    channelId,
    timing: { match: summarize(matchMs), render: summarize(renderMs) },
  });
}

/** Aggregates judged rows into the report (exported for tests of the arithmetic). */
export function summarizeRows(
  rows: EvalRow[],
  extra: { files: string[]; channelId: string; timing: EvalReport['timing'] },
): EvalReport {
  const groups: Record<string, Rate> = {};
  const topicMap = new Map<string, { group: Group; pass: number; total: number; matched: Map<string, number> }>();
  const confusion = new Map<string, { expected: string; matched: string; count: number }>();
  for (const r of rows) {
    const g = (groups[r.group] ??= { pass: 0, total: 0, rate: NaN });
    g.total++;
    if (r.ok) g.pass++;
    let t = topicMap.get(r.topic);
    if (!t) topicMap.set(r.topic, (t = { group: r.group, pass: 0, total: 0, matched: new Map() }));
    t.total++;
    if (r.ok) t.pass++;
    t.matched.set(r.matched, (t.matched.get(r.matched) ?? 0) + 1);
    if (!r.ok) {
      const key = `${r.topic}\u0000${r.matched}`;
      const c = confusion.get(key) ?? { expected: r.topic, matched: r.matched, count: 0 };
      c.count++;
      confusion.set(key, c);
    }
  }
  for (const g of Object.values(groups)) g.rate = g.total ? g.pass / g.total : NaN;
  const pass = rows.filter((r) => r.ok).length;
  const groupOrder = (g: Group) => (g === 'inscope' ? 0 : g === 'oos' ? 1 : g === 'smalltalk' ? 2 : 3);
  const topics: TopicRow[] = [...topicMap.entries()]
    .map(([topic, t]) => ({
      topic,
      group: t.group,
      ...rate(t.pass, t.total),
      matched: [...t.matched.entries()].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
    }))
    .sort((a, b) => groupOrder(a.group) - groupOrder(b.group) || a.rate - b.rate || a.topic.localeCompare(b.topic));
  return {
    files: extra.files,
    channelId: extra.channelId,
    overall: rate(pass, rows.length),
    groups,
    inscope: groups.inscope?.rate ?? NaN,
    oosDecline: groups.oos?.rate ?? NaN,
    smalltalk: groups.smalltalk?.rate ?? NaN,
    topics,
    styles: styleRates(rows),
    confusion: [...confusion.values()].sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected)),
    timing: extra.timing,
    rows,
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

// ---------------------------------------------------------------------------------------------
// Printing

export function formatReport(report: EvalReport, opts: { showPass?: boolean } = {}): string {
  const out: string[] = [];
  const g = report.groups;
  const line = (name: string, r: Rate | undefined) => (r ? `${name} ${r.pass}/${r.total} (${fmtPct(r.rate)})` : null);

  out.push('Per topic (sorted by accuracy within each group):');
  out.push(
    table(
      ['topic', 'group', 'pass', 'total', 'accuracy', 'matched'],
      report.topics.map((t) => [
        t.topic,
        t.group,
        String(t.pass),
        String(t.total),
        fmtPct(t.rate, 0),
        t.matched.map((m) => (m.count > 1 ? `${m.label} x${m.count}` : m.label)).join(', '),
      ]),
      'llrrrl',
    ),
  );
  out.push('');

  const failures = report.rows.filter((r) => !r.ok);
  out.push(failures.length ? `Failures (${failures.length}):` : 'Failures: none');
  for (const r of failures) {
    out.push(`  FAIL ${r.id} [${r.topic}] ${JSON.stringify(r.q)}`);
    out.push(`       ${r.why}`);
    out.push(`       got kind=${r.kind}, matched=${r.matched}, top: ${fmtTop(r.top)}`);
  }
  if (opts.showPass) {
    out.push('');
    out.push('Passes:');
    for (const r of report.rows.filter((x) => x.ok)) {
      out.push(`  PASS ${r.id} [${r.topic}] ${JSON.stringify(r.q)} -> kind=${r.kind}, matched=${r.matched}, top: ${fmtTop(r.top)}`);
    }
  }
  out.push('');
  if (report.confusion.length) {
    out.push('Confusion (expected topic -> what the bot did instead, failures only):');
    for (const c of report.confusion) out.push(`  ${String(c.count).padStart(3)}  ${c.expected} -> ${c.matched}`);
    out.push('');
  }

  out.push(...formatStyleRates(report.styles));
  const m = report.timing.match;
  const r = report.timing.render;
  out.push(`Match time (FaqService.ask, ${m.n} questions, after warm-up): mean ${fmtMs(m.mean)}, p50 ${fmtMs(m.p50)}, p99 ${fmtMs(m.p99)}, max ${fmtMs(m.max)}; render mean ${fmtMs(r.mean)}, p99 ${fmtMs(r.p99)}`);
  out.push(
    [
      `overall ${report.overall.pass}/${report.overall.total} (${fmtPct(report.overall.rate)})`,
      line('in-scope', g.inscope),
      line('out-of-scope declined', g.oos),
      line('small talk', g.smalltalk),
      ...Object.entries(g)
        .filter(([k]) => !['inscope', 'oos', 'smalltalk'].includes(k))
        .map(([k, v]) => line(k, v)),
    ]
      .filter(Boolean)
      .join('; '),
  );
  return out.join('\n');
}

function fmtTop(top: EvalRow['top']): string {
  return top.length ? top.slice(0, 3).map((t) => `${t.id} ${t.score.toFixed(2)}`).join(', ') : '(none)';
}

// ---------------------------------------------------------------------------------------------
// Command line

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

/** Parses the command line; a floor may be written as a fraction (0.9) or a percentage (90). */
export function parseArgs(argv: readonly string[]): CliOptions {
  const opts: CliOptions = { files: [], showPass: false, channelId: 'emulator', min: {} };
  const value = (i: number, flag: string): string => {
    const v = argv[i];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
    return v;
  };
  const floor = (raw: string, flag: string): number => {
    const x = Number(raw.replace(/%$/, ''));
    if (!Number.isFinite(x) || x < 0 || x > 100) throw new Error(`${flag}: expected a fraction (0.9) or a percentage (90), got "${raw}"`);
    return x > 1 || raw.endsWith('%') ? x / 100 : x;
  };
  const integer = (raw: string, flag: string, min: number): number => {
    const x = Number(raw);
    if (!Number.isInteger(x) || x < min) throw new Error(`${flag}: expected an integer of at least ${min}, got "${raw}"`);
    return x;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const next = () => inline ?? value(++i, flag);
    switch (flag) {
      case '--json': opts.json = next(); break;
      case '--show-pass': opts.showPass = true; break;
      case '--channel': opts.channelId = next(); break;
      case '--kb': opts.kbDir = next(); break;
      case '--min-inscope': opts.min.inscope = floor(next(), flag); break;
      case '--min-oos': opts.min.oos = floor(next(), flag); break;
      case '--min-smalltalk': opts.min.smalltalk = floor(next(), flag); break;
      case '--min-overall': opts.min.overall = floor(next(), flag); break;
      case '--self': opts.self = { ...opts.self }; break;
      case '--seed': (opts.self ??= {}).seed = integer(next(), flag, 0); break;
      case '--folds': (opts.self ??= {}).folds = integer(next(), flag, 2); break;
      case '--help': case '-h': throw new HelpRequested();
      default:
        if (flag.startsWith('--')) throw new Error(`unknown option ${flag}`);
        opts.files.push(a);
    }
  }
  if (opts.files.length === 0) opts.files = defaultEvalFiles;
  return opts;
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
    writeFileSync(opts.json, `${JSON.stringify(report, null, 1)}\n`);
    console.log(`JSON report written to ${opts.json}`);
  }
  const missed = missedFloors(report, opts.min);
  for (const m of missed) console.error(`FLOOR NOT MET: ${m}`);
  return missed.length ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
