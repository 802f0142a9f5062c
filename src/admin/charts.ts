// The analytics page's charts as SVG drawn on the server: no script, no chart library, nothing for
// the browser to fetch. Each chart is an image with a title and a description for screen readers,
// every bar carries its figure as a tooltip (<title>), and the figures are written out (beside the
// bars, above the columns of up to a month), so colour is never the only way to read them. Every
// text is escaped: entry titles and labels reach here from the knowledge base.
import { escapeHtml as escapeXml } from '../web/pages';

export interface Series {
  name: string;
  color: string;
  /** One value per label. */
  values: readonly number[];
}

export interface ColumnChart {
  /** Unique on the page: the ids of the chart's title and description derive from it. */
  id: string;
  title: string;
  description: string;
  /** One per column (the days). */
  labels: readonly string[];
  /** Stacked bottom to top, in this order. */
  series: readonly Series[];
}

export interface Segment {
  name: string;
  color: string;
  value: number;
}

export interface BarRow {
  label: string;
  segments: readonly Segment[];
  /** Written after the bar; the segments' sum by default. */
  valueText?: string;
}

export interface BarChart {
  id: string;
  title: string;
  description: string;
  rows: readonly BarRow[];
  /** The length of a full bar; the longest row's sum by default. */
  max?: number;
  /** Shown when there are no rows. */
  empty: string;
}

const WIDTH = 720;
const FONT = 'font-family="system-ui, sans-serif" font-size="12"';
/** A month of columns still leaves room for each one's total above it. */
const MAX_COLUMNS_WITH_TOTALS = 31;
/** Longest label written in full beside a bar; the whole of it is in the bar's tooltip. */
const LABEL_CHARS = 38;

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** The smallest of 1, 2, 5, 10, 20, 50 … at or above `n`, so the axis ticks are round numbers. */
export function niceMax(n: number): number {
  if (n <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= n)!;
}

function open(id: string, title: string, description: string, height: number): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" ` +
    `aria-labelledby="${escapeXml(id)}-title ${escapeXml(id)}-desc" class="chart" ${FONT}>` +
    `<title id="${escapeXml(id)}-title">${escapeXml(title)}</title><desc id="${escapeXml(id)}-desc">${escapeXml(description)}</desc>`
  );
}

function legend(items: readonly { name: string; color: string }[], y: number, x = 0): string {
  return items
    .map((item, i) => {
      const left = x + i * 150;
      return (
        `<rect x="${left}" y="${y - 10}" width="12" height="12" fill="${escapeXml(item.color)}"/>` +
        `<text x="${left + 18}" y="${y}">${escapeXml(item.name)}</text>`
      );
    })
    .join('');
}

/** Columns over the period (one per day), each a stack of the series' values. */
export function columnChart(chart: ColumnChart): string {
  const height = 280;
  const plot = { left: 44, top: 36, right: WIDTH - 8, bottom: height - 28 };
  const totals = chart.labels.map((_, i) => chart.series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0));
  const max = niceMax(Math.max(0, ...totals));
  const y = (v: number) => plot.bottom - (v / max) * (plot.bottom - plot.top);
  const step = (plot.right - plot.left) / Math.max(1, chart.labels.length);
  const parts = [open(chart.id, chart.title, chart.description, height), legend(chart.series, 16, plot.left)];
  for (const tick of Number.isInteger(max / 2) ? [0, max / 2, max] : [0, max]) {
    parts.push(
      `<line x1="${plot.left}" x2="${plot.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#d0d7de"/>`,
      `<text x="${plot.left - 6}" y="${y(tick) + 4}" text-anchor="end">${fmt(tick)}</text>`,
    );
  }
  // About ten day labels whatever the period, so they never overlap; totals on columns wide enough for them.
  const labelEvery = Math.max(1, Math.ceil(chart.labels.length / 10));
  const totalsShown = chart.labels.length <= MAX_COLUMNS_WITH_TOTALS;
  chart.labels.forEach((label, i) => {
    const x = plot.left + i * step + step * 0.15;
    let base = 0;
    for (const series of chart.series) {
      const value = series.values[i] ?? 0;
      if (value > 0) {
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${y(base + value).toFixed(1)}" width="${(step * 0.7).toFixed(1)}" ` +
            `height="${(y(base) - y(base + value)).toFixed(1)}" fill="${escapeXml(series.color)}">` +
            `<title>${escapeXml(`${label}: ${series.name} ${value}`)}</title></rect>`,
        );
      }
      base += value;
    }
    if (totalsShown && totals[i] > 0) {
      parts.push(`<text x="${(x + step * 0.35).toFixed(1)}" y="${(y(totals[i]) - 4).toFixed(1)}" text-anchor="middle">${totals[i]}</text>`);
    }
    if (i % labelEvery === 0) {
      parts.push(`<text x="${(x + step * 0.35).toFixed(1)}" y="${height - 10}" text-anchor="middle">${escapeXml(label)}</text>`);
    }
  });
  parts.push('</svg>');
  return parts.join('');
}

const shortened = (label: string) => (label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1).trimEnd()}…` : label);

/** Horizontal bars, one row each, labelled on the left, figures on the right. */
export function barChart(chart: BarChart): string {
  const rowHeight = 26;
  // A legend only for bars split in parts: a whole bar is named by its row's label.
  const split = chart.rows.some((row) => row.segments.length > 1);
  const top = split ? 30 : 4;
  const height = top + Math.max(1, chart.rows.length) * rowHeight + 8;
  const parts = [open(chart.id, chart.title, chart.description, height)];
  if (split) {
    const names = new Map(chart.rows.flatMap((row) => row.segments.map((s) => [s.name, s.color] as const)));
    parts.push(
      legend(
        [...names].map(([name, color]) => ({ name, color })),
        16,
      ),
    );
  }
  if (!chart.rows.length) parts.push(`<text x="0" y="${top + 17}">${escapeXml(chart.empty)}</text>`);
  const sums = chart.rows.map((row) => row.segments.reduce((sum, s) => sum + s.value, 0));
  const max = chart.max ?? Math.max(1, ...sums);
  const bar = { left: 280, right: WIDTH - 110 };
  chart.rows.forEach((row, i) => {
    const rowTop = top + i * rowHeight;
    parts.push(`<text x="0" y="${rowTop + 17}"><title>${escapeXml(row.label)}</title>${escapeXml(shortened(row.label))}</text>`);
    let x = bar.left;
    for (const segment of row.segments) {
      const width = (segment.value / max) * (bar.right - bar.left);
      if (width > 0) {
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${rowTop + 4}" width="${width.toFixed(1)}" height="${rowHeight - 8}" fill="${escapeXml(segment.color)}">` +
            `<title>${escapeXml(`${row.label}: ${segment.name} ${fmt(segment.value)}`)}</title></rect>`,
        );
      }
      x += width;
    }
    parts.push(`<text x="${(x + 6).toFixed(1)}" y="${rowTop + 17}">${escapeXml(row.valueText ?? fmt(sums[i]))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}
