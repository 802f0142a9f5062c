// The summary printed at the end of a run, and the same as JSON (--json FILE).
import type { Results } from './results';

export interface RunFigures {
  seed: number;
  requested: number;
  durationMs: number;
  concurrency: number;
  target: string;
  log?: string;
  rssBefore?: number;
  rssAfter?: number;
  rssPeak?: number;
  healthAtEnd: string;
  setupRequests: number;
  reopenedSlots: number;
  sink: { delivered: number; failed: number; maxFailedPostsPerConversation: number };
  logErrors: { message: string; count: number }[];
}

const mb = (bytes?: number) => (bytes === undefined || Number.isNaN(bytes) ? 'n/a' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
const histogram = (m: Map<string, number>) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k}:${v}`)
    .join(' ');

export function toJson(r: Results, f: RunFigures): unknown {
  const obj = (m: Map<string, number>) => Object.fromEntries([...m].sort((a, b) => b[1] - a[1]));
  return {
    ...f,
    sent: r.sent,
    requestsPerSecond: r.sent / (f.durationMs / 1000),
    skippedAfterCrash: r.skipped,
    lostToCrash: r.lostToCrash,
    channelFailedRequests: r.channelFailedRequests,
    channelFailed5xx: r.channelFailed5xx,
    ownTokenRefused: r.ownTokenRefused,
    statuses: obj(r.statuses),
    targets: Object.fromEntries([...r.perTarget].map(([t, s]) => [t, { sent: s.sent, statuses: obj(s.statuses) }])),
    cases: Object.fromEntries(
      [...r.perCase]
        .sort((a, b) => b[1] - a[1])
        .map(([c, n]) => {
          const t = r.caseTime.get(c);
          return [c, { sent: n, meanMs: t ? Math.round(t.total / n) : 0, maxMs: t ? Math.round(t.max) : 0 }];
        }),
    ),
    failures: [...r.failures.values()].sort((a, b) => b.count - a.count),
    crashes: r.crashes,
    canaryDiffs: r.canaryDiffs,
    failureCount: r.failureCount,
  };
}

export function printSummary(r: Results, f: RunFigures, out: (line: string) => void = console.log): void {
  const seconds = f.durationMs / 1000;
  out('');
  out(
    `fuzz run: seed ${f.seed}, ${r.sent} of ${f.requested} requests in ${seconds.toFixed(1)} s (${(r.sent / seconds).toFixed(0)} req/s), concurrency ${f.concurrency}, against ${f.target}`,
  );
  out('');
  out(`${'target'.padEnd(15)}${'sent'.padStart(8)}  statuses`);
  for (const [target, s] of [...r.perTarget].sort((a, b) => b[1].sent - a[1].sent))
    out(`${target.padEnd(15)}${String(s.sent).padStart(8)}  ${histogram(s.statuses)}`);
  out(`${'all'.padEnd(15)}${String(r.sent).padStart(8)}  ${histogram(r.statuses)}`);
  const slowest = [...r.caseTime].sort((a, b) => b[1].total - a[1].total).slice(0, 5);
  out(
    `most time spent on: ${slowest.map(([c, t]) => `${c} (mean ${(t.total / (r.perCase.get(c) ?? 1)).toFixed(0)} ms, max ${t.max.toFixed(0)} ms)`).join(', ')}`,
  );
  out('');
  out(`server RSS: ${mb(f.rssBefore)} before, ${mb(f.rssAfter)} after, peak ${mb(f.rssPeak)}; /healthz at the end: ${f.healthAtEnd}`);
  out(
    `channel sink: ${f.sink.delivered} replies delivered, ${f.sink.failed} refused on purpose (at most ${f.sink.maxFailedPostsPerConversation} to one conversation); ` +
      `${r.channelFailedRequests} requests with a failing channel, ${r.channelFailed5xx} of them answered 5xx (allowed)`,
  );
  out(
    `Direct Line pool: ${f.setupRequests} setup requests, ${f.reopenedSlots} conversations reopened; a live token refused 403 ${r.ownTokenRefused} times`,
  );
  if (r.skipped || r.lostToCrash)
    out(`after crashes: ${r.skipped} requests of the crashing cases skipped, ${r.lostToCrash} lost in flight`);
  if (f.logErrors.length)
    out(`server log errors: ${f.logErrors.map((e) => `${e.count}x "${e.message}"`).join(', ')}${f.log ? ` (log: ${f.log})` : ''}`);
  out('');
  for (const crash of r.crashes) {
    out(`CRASH: the server ${crash.exit}; suspects (in flight or just broken): ${crash.suspects.slice(0, 30).join(', ')}`);
    if (crash.culprit) {
      out(
        `  killed by request ${crash.culprit.index} (${crash.culprit.detail}); reproduce: npm run fuzz -- --seed ${f.seed} --only ${crash.culprit.index}`,
      );
      out(`  request: ${crash.culprit.request}`);
    } else out('  no single request in flight reproduced it alone');
    out(
      `  server's last words:\n${crash.logTail
        .split('\n')
        .map((l) => `    ${l.slice(0, 300)}`)
        .join('\n')}`,
    );
  }
  for (const diff of r.canaryDiffs) out(`CHANGED: ${diff}`);
  const groups = [...r.failures.values()].sort((a, b) => b.count - a.count);
  for (const g of groups) {
    out(`FAIL ${g.check} ${g.case}: ${g.count}`);
    for (const e of g.examples) {
      out(`  #${e.index} ${e.detail}`);
      out(`    request:  ${e.request}`);
      out(`    response: ${e.response}`);
    }
  }
  out(r.failureCount ? `${r.failureCount} failure(s); replay one with: npm run fuzz -- --seed ${f.seed} --only INDEX` : 'no failures');
}
