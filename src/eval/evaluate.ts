// Runs evaluation questions through the same pipeline the bot uses, in-process: FaqService.ask ->
// the bot's renderer (src/render/decision.ts), judged as faq-eval.mjs judges (judge.ts). The regression-floor
// test and `npm run eval` both use `evaluate`.
import { performance } from 'node:perf_hooks';
import type { Decision } from '../faq/decision';
import { FaqService } from '../faq/service';
import { loadKnowledge, type KnowledgeBase } from '../knowledge/load';
import { renderDecision, type RenderCopy } from '../render/decision';
import { summarize, type Summary } from '../lib/stats';
import { styleRates, type StyleRate } from './style-rates';
import { groupOf, judge, matchedLabel, visibleReply, type EvalItem, type Group, type ShownActivity } from './judge';

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
  /** The renderer under test; defaults to the bot's own (src/render/decision.ts). */
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

/** The bot's renderer (src/render/decision.ts) with the service's copy. Channel-neutral for now. */
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
export function summarizeRows(rows: EvalRow[], extra: { files: string[]; channelId: string; timing: EvalReport['timing'] }): EvalReport {
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
      matched: [...t.matched.entries()]
        .map(([label, count]) => ({ label, count }))
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
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
