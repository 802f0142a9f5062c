// The evaluation report as `npm run eval` prints it.
import { fmtMs, fmtPct, table } from '../lib/stats';
import { formatStyleRates } from './style-rates';
import type { EvalReport, EvalRow, Rate } from './evaluate';

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
  out.push(
    `Match time (FaqService.ask, ${m.n} questions, after warm-up): mean ${fmtMs(m.mean)}, p50 ${fmtMs(m.p50)}, p99 ${fmtMs(m.p99)}, max ${fmtMs(m.max)}; render mean ${fmtMs(r.mean)}, p99 ${fmtMs(r.p99)}`,
  );
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
  return top.length
    ? top
        .slice(0, 3)
        .map((t) => `${t.id} ${t.score.toFixed(2)}`)
        .join(', ')
    : '(none)';
}
