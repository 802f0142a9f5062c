// Judging a reply the way the black-box judge (faq-eval.mjs) does, kept identical to it: the visible
// content is the activity text plus every string in the attachments; `all` / `any` / `none`; kind
// "oos" must fall back, kind "smalltalk" must be small talk.
import type { Decision } from '../faq/decision';

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
  return activities
    .filter((a) => a.type === undefined || a.type === 'message')
    .map(visibleText)
    .join('\n');
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
