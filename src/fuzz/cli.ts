// `npm run fuzz`: a bounded, seeded, loopback-only fuzz run against the real server (see
// docs/testing.md, "Fuzzing"). Starts the bot itself (or uses --url), runs the mix, prints the summary, and exits
// non-zero on any failure.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parseOptions, type FuzzOptions } from './options';
import { printSummary, toJson, type RunFigures } from './report';
import { describeReply, describeRequest } from './results';
import { Runner } from './runner';
import { servedSet } from './served';
import { startSink, type Sink } from './sink';
import { ExternalServer, OwnServer, type ServerUnderTest } from './target';

/** The most frequent error and fatal lines of the server's log (pino JSON, level 50 and up). */
function logErrors(file: string): { message: string; count: number }[] {
  if (!existsSync(file)) return [];
  const counts = new Map<string, number>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('{')) {
      // An uncaught exception's headline ("TypeError: Invalid URL"), not its stack lines.
      const headline = /^(?:\w*Error|Uncaught)\b.*$/.exec(line.trim())?.[0].slice(0, 120);
      if (headline) counts.set(headline, (counts.get(headline) ?? 0) + 1);
      continue;
    }
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string };
      if ((entry.level ?? 0) >= 50) counts.set(entry.msg ?? '?', (counts.get(entry.msg ?? '?') ?? 0) + 1);
    } catch {
      // a line cut by the crash
    }
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([message, count]) => ({ message, count }));
}

async function serverFor(o: FuzzOptions): Promise<ServerUnderTest> {
  if (o.url) return new ExternalServer(o.url.hostname.replace(/^\[|\]$/g, ''), Number(o.url.port || 80));
  const own = new OwnServer(o.log);
  await own.start();
  return own;
}

const maxOf = (m: Map<string, number>) => Math.max(0, ...m.values());

async function main(): Promise<number> {
  const o = parseOptions(process.argv.slice(2));
  const sink: Sink = await startSink();
  const server = await serverFor(o);
  const own = server instanceof OwnServer ? server : undefined;
  const probeAgent = new http.Agent({ keepAlive: true });
  try {
    const served = await servedSet(probeAgent, server.host, server.port);
    const t0 = performance.now();
    const runner = new Runner(server, {
      seed: o.seed,
      count: o.count,
      deadline: Date.now() + o.timeSeconds * 1000,
      concurrency: o.concurrency,
      timeoutMs: o.timeoutMs,
      maxCrashes: o.maxCrashes,
      phase: 10_000,
      sinkUrl: sink.url,
      served,
    });
    await runner.prepare();
    if (o.only !== undefined) {
      const { sent, reply } = await runner.replay(o.only);
      console.log(`request ${o.only} of seed ${o.seed}:\n  ${describeRequest(sent)}\n  -> ${describeReply(reply)}`);
      await new Promise((r) => setTimeout(r, 300));
      console.log(server.exited ? `the server ${server.exited}:\n${server.logTail()}` : 'the server is still up');
      runner.close();
      return server.exited ? 1 : 0;
    }
    const before = own?.rss();
    await runner.run();
    const durationMs = performance.now() - t0;
    const health = await runner.health();
    const after = own?.rss();
    if (health.status !== 200)
      runner.results.fail('health', 'end', {
        index: -1,
        request: 'GET /healthz',
        response: describeReply(health),
        detail: 'the server does not answer /healthz at the end',
      });
    runner.close();
    const figures: RunFigures = {
      seed: o.seed,
      requested: o.count,
      durationMs,
      concurrency: o.concurrency,
      target: o.url ? o.url.origin : `node dist/src/index.js (pid ${own?.pid})`,
      log: own ? o.log : undefined,
      rssBefore: before?.rss,
      rssAfter: after?.rss,
      rssPeak: after?.peak,
      healthAtEnd: describeReply(health).slice(0, 60),
      setupRequests: runner.setupRequests,
      reopenedSlots: runner.reopenedSlots,
      sink: { delivered: sink.delivered, failed: sink.failed, maxFailedPostsPerConversation: maxOf(sink.failedPerConversation) },
      logErrors: own ? logErrors(o.log) : [],
    };
    printSummary(runner.results, figures);
    if (o.json) writeFileSync(o.json, `${JSON.stringify(toJson(runner.results, figures), null, 2)}\n`);
    return runner.results.failureCount ? 1 : 0;
  } finally {
    probeAgent.destroy();
    await server.stop();
    await sink.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.message);
    process.exit(2);
  },
);
