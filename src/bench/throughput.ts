// /api/messages throughput with deliveryMode "expectReplies" under concurrent load (autocannon's
// programmatic API), plus a single checked request to make sure the server really answers.
import autocannon from 'autocannon';

export interface LoadOptions {
  base: string;
  channelId: string;
  questions: readonly string[];
  connections: number;
  durationSec: number;
  /** Turns per conversation before a connection starts a new one. Default 6. */
  turnsPerConversation?: number;
}

export interface LoadResult {
  /** Mean requests per second over the run. */
  rps: number;
  /** Responses with a 2xx status. */
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencyMs: { mean: number; p50: number; p99: number };
}

/** A valid Bot Framework message activity, as a channel (or faq-eval.mjs) would post it. */
export function messageActivity(text: string, channelId: string, conversationId: string, seq: number): Record<string, unknown> {
  return {
    type: 'message',
    id: `m${seq}`,
    text,
    channelId,
    deliveryMode: 'expectReplies',
    serviceUrl: 'http://127.0.0.1:9/',
    timestamp: new Date(0).toISOString(),
    locale: 'en-US',
    from: { id: `user-${conversationId}`, name: 'Bench User', role: 'user' },
    recipient: { id: 'bot', name: 'Bot', role: 'bot' },
    conversation: { id: conversationId },
  };
}

let conversations = 0;
let seq = 0;

/**
 * Every request takes the next question from one cursor shared by all connections, so the whole
 * list is cycled through in order (a list longer than a decision cache defeats it; connections do
 * not ask the same question at the same moment). Each connection groups its requests into
 * conversations of a few turns, so no conversation ever has two turns in flight (as with real
 * users) and state stores see new conversations arrive.
 */
export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const url = new URL(opts.base);
  const turns = Math.max(1, opts.turnsPerConversation ?? 6);
  let cursor = 0;
  const requests: autocannon.Request[] = Array.from({ length: turns }, (_, i) => ({
    method: 'POST',
    path: '/api/messages',
    headers: { 'content-type': 'application/json' },
    setupRequest: (req: autocannon.Request, context: object) => {
      const ctx = context as { conv?: string };
      if (i === 0 || !ctx.conv) ctx.conv = `bench-${process.pid}-${++conversations}`;
      const q = opts.questions[cursor++ % opts.questions.length];
      return { ...req, body: JSON.stringify(messageActivity(q, opts.channelId, ctx.conv, ++seq)) };
    },
  }));
  const result = await autocannon({
    url: url.origin,
    connections: opts.connections,
    duration: opts.durationSec,
    requests,
    // Our own figures are printed by run.ts.
    renderProgressBar: false,
    renderResultsTable: false,
    renderLatencyTable: false,
  } as autocannon.Options);
  return {
    rps: result.requests.average,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: { mean: result.latency.average, p50: result.latency.p50, p99: result.latency.p99 },
  };
}

export interface CheckedReply {
  status: number;
  kinds: string[];
  messages: number;
  faqKind: string | null;
  text: string;
}

/** Posts one activity and reads the reply, so a benchmark never measures a server that only fails fast. */
export async function checkReply(base: string, text: string, channelId: string): Promise<CheckedReply> {
  const res = await fetch(new URL('/api/messages', base), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(messageActivity(text, channelId, `check-${process.pid}-${++conversations}`, ++seq)),
  });
  const raw = await res.text();
  let acts: { type?: string; name?: string; text?: string; value?: { kind?: string } }[] = [];
  try {
    const parsed = JSON.parse(raw) as { activities?: typeof acts };
    acts = parsed.activities ?? [];
  } catch {
    // not JSON
  }
  const trace = acts.find((a) => a.type === 'trace' && a.name === 'FaqMatch');
  const messages = acts.filter((a) => a.type === 'message');
  return {
    status: res.status,
    kinds: acts.map((a) => a.type ?? '?'),
    messages: messages.length,
    faqKind: trace?.value?.kind ?? null,
    text: messages.map((m) => m.text ?? '').join(' | '),
  };
}
