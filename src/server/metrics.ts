// GET /metrics in Prometheus's text format (prom-client): requests and their latency per route,
// what the FAQ decided (faq_decisions_total{kind,channel}), web chat conversations open, state
// store errors, and the process's own metrics (CPU, memory, event loop lag, GC). Each server has
// its own registry, so several servers in one process (the tests) never mix their counts.
//
// The request id of each request (src/lib/request-context.ts) is set here too: both need a hook
// at the very start of every request and one at its end.
import type { Server } from 'restify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DecisionEvent } from '../faq/decision';
import { requestIdFrom, withRequestId } from '../lib/request-context';
import type { StoreOperation } from '../storage/observed-storage';

/** Seconds; a turn takes about a millisecond, a slow channel or store up to the send timeout. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Channels named in labels; any other (a caller may send any channelId) counts as "other", so
 * nobody can grow the label set, and with it this process's memory, without bound. */
const CHANNELS = new Set(['api', 'directline', 'emulator', 'msteams', 'slack', 'test', 'webchat']);

/** The route label of a request restify did not route (a 404, a malformed target). */
const UNROUTED = 'unrouted';

export class Metrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by route pattern, method and status code.',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from a request arriving to its response finishing, by route pattern and method.',
    labelNames: ['route', 'method'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly decisions = new Counter({
    name: 'faq_decisions_total',
    help: 'What the bot did with a message: answer, clarify, fallback, smalltalk or dialog, by channel.',
    labelNames: ['kind', 'channel'] as const,
    registers: [this.registry],
  });
  private readonly storeErrors = new Counter({
    name: 'state_store_errors_total',
    help: 'State store operations that failed (eTag conflicts excluded), by operation.',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });
  private readonly questionLogErrors = new Counter({
    name: 'question_log_errors_total',
    help: 'Writes to the record of unanswered questions that failed.',
    registers: [this.registry],
  });
  private openConversations: () => Promise<number> = async () => 0;

  constructor() {
    const open = () => this.openConversations();
    new Gauge({
      name: 'webchat_conversations_open',
      help: 'Web chat (Direct Line) conversations open (on every instance, when they share Redis).',
      registers: [this.registry],
      async collect() {
        // The shared count is in Redis: while it is down the gauge keeps its last value.
        const count = await open().catch(() => undefined);
        if (count !== undefined) this.set(count);
      },
    });
    collectDefaultMetrics({ register: this.registry });
  }

  /** Counts one decision the bot or /api/ask made. */
  readonly recordDecision = ({ decision, channel }: DecisionEvent): void => {
    this.decisions.inc({ kind: decision.kind, channel: CHANNELS.has(channel) ? channel : 'other' });
  };

  /** Counts one failed state store operation. */
  readonly recordStoreError = (operation: StoreOperation): void => {
    this.storeErrors.inc({ operation });
  };

  /** Counts one failed write to the question log. */
  readonly recordQuestionLogError = (): void => {
    this.questionLogErrors.inc();
  };

  /** Where the web chat conversation count comes from (the Direct Line store, once it exists). */
  countOpenConversations(source: () => Promise<number>): void {
    this.openConversations = source;
  }

  observeRequest(route: string, method: string, status: number, seconds: number): void {
    this.requests.inc({ route, method, status: String(status) });
    this.latency.observe({ route, method }, seconds);
  }
}

/**
 * Gives every request an id (echoed as X-Request-Id) under which its handling runs, times every
 * request, and serves GET /metrics. Register before any other `pre` handler that may answer, so
 * the requests it refuses are counted and carry an id too.
 */
export function instrument(server: Server, metrics: Metrics): void {
  const started = new WeakMap<object, number>();
  server.pre((req, res, next) => {
    started.set(req, performance.now());
    const id = requestIdFrom(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', id);
    withRequestId(id, () => next());
  });
  server.on('after', (req, res, route: { path?: unknown } | null | undefined) => {
    const start = started.get(req);
    if (start === undefined) return;
    const pattern = typeof route?.path === 'string' ? route.path : UNROUTED;
    metrics.observeRequest(pattern, req.method ?? 'GET', res.statusCode, (performance.now() - start) / 1000);
  });
  server.get('/metrics', async (_req, res) => {
    const text = await metrics.registry.metrics();
    res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' });
    res.end(text);
  });
}
