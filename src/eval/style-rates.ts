// Accuracy per question style (paraphrase, keyword, typo, long, slang): an overall figure hides a
// style the matcher handles badly, and the quality bars are set per style.
import { fmtPct, table } from '../lib/stats';

export interface StyleRate {
  style: string;
  pass: number;
  total: number;
  rate: number;
}

/** Pass counts per style, in style name order; rows without a style (out of scope, small talk) are left out. */
export function styleRates(rows: readonly { style?: string; ok: boolean }[]): StyleRate[] {
  const byStyle = new Map<string, StyleRate>();
  for (const row of rows) {
    if (!row.style) continue;
    let s = byStyle.get(row.style);
    if (!s) byStyle.set(row.style, (s = { style: row.style, pass: 0, total: 0, rate: NaN }));
    s.total++;
    if (row.ok) s.pass++;
  }
  return [...byStyle.values()].map((s) => ({ ...s, rate: s.pass / s.total })).sort((a, b) => a.style.localeCompare(b.style));
}

/** The printed table, with a heading; nothing when no question has a style. */
export function formatStyleRates(styles: readonly StyleRate[]): string[] {
  if (!styles.length) return [];
  const rows = styles.map((s) => [s.style, String(s.total), String(s.pass), fmtPct(s.rate)]);
  return ['Per style (in-scope questions):', table(['style', 'total', 'pass', 'rate'], rows, 'lrrr'), ''];
}
