// Fresh requests whose answers must not change during a run: taken once before the first fuzzed
// request and again at intervals and at the end. A prototype-pollution effect (or any state
// leaking between visitors) shows as a difference. Volatile fields (ids, timestamps, tokens) are
// dropped before comparing.
import type http from 'node:http';
import { POLLUTION_MARKER } from './gen/values';
import { sendHttp } from './transport';

interface Probe {
  name: string;
  method: string;
  path: string;
  body?: (nonce: string) => unknown;
}

const message = (text: string, channelId: string) => (nonce: string) => ({
  type: 'message',
  deliveryMode: 'expectReplies',
  channelId,
  serviceUrl: 'http://127.0.0.1:9/unused',
  id: 'canary',
  text,
  from: { id: `canary-user-${nonce}` },
  recipient: { id: 'careers-faq-bot' },
  conversation: { id: `canary-${channelId}-${nonce}` },
});

const PROBES: Probe[] = [
  { name: 'healthz', method: 'GET', path: '/healthz' },
  { name: 'ask answer', method: 'GET', path: '/api/ask?q=what+does+an+account+manager+do' },
  { name: 'ask fallback', method: 'GET', path: '/api/ask?q=zzzz+qqqq' },
  { name: 'ask missing q', method: 'GET', path: '/api/ask' },
  {
    name: 'messages answer (emulator)',
    method: 'POST',
    path: '/api/messages',
    body: message('how much does an account manager earn', 'emulator'),
  },
  { name: 'messages flow (webchat)', method: 'POST', path: '/api/messages', body: message('career path', 'webchat') },
  { name: 'messages empty object', method: 'POST', path: '/api/messages', body: () => ({}) },
  { name: 'directline no token', method: 'GET', path: '/v3/directline/conversations/x/activities' },
];

const VOLATILE = new Set([
  'id',
  'timestamp',
  'localTimestamp',
  'replyToId',
  'conversation',
  'from',
  'recipient',
  'token',
  'conversationId',
  'serviceUrl',
]);

/** The answer with its volatile fields removed, as canonical JSON. */
function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) if (!VOLATILE.has(key)) out[key] = normalize((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

export type CanarySnapshot = Map<string, string>;

export async function takeCanaries(agent: http.Agent, host: string, port: number, nonce: string): Promise<CanarySnapshot> {
  const snapshot: CanarySnapshot = new Map();
  for (const probe of PROBES) {
    const body = probe.body ? Buffer.from(JSON.stringify(probe.body(nonce))) : undefined;
    const reply = await sendHttp(
      agent,
      host,
      port,
      { method: probe.method, path: probe.path, headers: { 'content-type': 'application/json' }, body },
      20_000,
    );
    let shown: string;
    try {
      shown = JSON.stringify(normalize(JSON.parse(reply.body.toString())));
    } catch {
      shown = reply.body.toString().slice(0, 200);
    }
    snapshot.set(probe.name, `${reply.status ?? reply.error} ${shown}`);
  }
  return snapshot;
}

/** Differences between a baseline and a later snapshot, one line each. */
export function compareCanaries(baseline: CanarySnapshot, now: CanarySnapshot): string[] {
  const diffs: string[] = [];
  for (const [name, before] of baseline) {
    const after = now.get(name) ?? 'missing';
    if (after.includes(POLLUTION_MARKER)) diffs.push(`${name}: the answer carries the pollution marker: ${after.slice(0, 300)}`);
    else if (after !== before) diffs.push(`${name}: was ${before.slice(0, 200)} | now ${after.slice(0, 200)}`);
  }
  return diffs;
}
