// A small Direct Line v3 REST client for the protocol tests of the built-in endpoint, and what the
// tests read from activities (text of a bubble or an Adaptive Card).
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { parseJsonOrUndefined, startBot, type Running } from './bot';

export interface Grant {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl?: string;
}

export interface Res<T = any> {
  status: number;
  headers: Headers;
  body: T;
  raw: string;
}

export async function call<T = any>(url: string, init: RequestInit & { token?: string; json?: unknown } = {}): Promise<Res<T>> {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  let body = init.body;
  if (init.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(init.json);
  }
  const res = await fetch(url, { ...init, headers, body });
  const raw = await res.text();
  return { status: res.status, headers: res.headers, body: parseJsonOrUndefined(raw) as T, raw };
}

export class DirectLineRest {
  constructor(readonly base: string) {}

  get domain(): string {
    return `${this.base}/v3/directline`;
  }

  async generate(): Promise<Grant> {
    const res = await call<Grant>(`${this.domain}/tokens/generate`, { method: 'POST' });
    if (res.status !== 200) throw new Error(`tokens/generate answered ${res.status}: ${res.raw}`);
    return res.body;
  }

  start(token: string) {
    return call<Grant>(`${this.domain}/conversations`, { method: 'POST', token, json: { user: { id: 'someone' }, locale: 'en-US' } });
  }

  /** generate + start. */
  async open(): Promise<Grant> {
    const grant = await this.generate();
    const started = await this.start(grant.token);
    if (started.status !== 201) throw new Error(`start answered ${started.status}: ${started.raw}`);
    return started.body;
  }

  post(conversationId: string, token: string, activity: Record<string, unknown>) {
    return call<{ id: string; error?: string }>(`${this.domain}/conversations/${conversationId}/activities`, {
      method: 'POST',
      token,
      json: activity,
    });
  }

  say(grant: Grant, text: string, clientActivityID = `client-${Math.random().toString(36).slice(2)}`) {
    return this.post(grant.conversationId, grant.token, {
      type: 'message',
      text,
      from: { id: 'whoever-the-client-says', role: 'user' },
      channelData: { clientActivityID },
    });
  }

  poll(conversationId: string, token: string, watermark?: string) {
    return call<{ activities: any[]; watermark: string; error?: string }>(
      `${this.domain}/conversations/${conversationId}/activities${watermark === undefined ? '' : `?watermark=${encodeURIComponent(watermark)}`}`,
      { token },
    );
  }

  /** Polls until `count` activities after `watermark` satisfy `match` (or the time runs out). */
  async waitFor(
    grant: Grant,
    match: (a: any) => boolean,
    watermark?: string,
    timeoutMs = 10_000,
  ): Promise<{ activities: any[]; watermark: string }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const res = await this.poll(grant.conversationId, grant.token, watermark);
      if (res.status !== 200) throw new Error(`poll answered ${res.status}: ${res.raw}`);
      if (res.body.activities.some(match)) return res.body;
      if (Date.now() > deadline) throw new Error(`timed out; got ${JSON.stringify(res.body.activities.map(textOf))}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/** Everything readable in an activity: its text and the text of its cards. */
export function textOf(activity: any): string {
  const parts: string[] = [];
  if (typeof activity?.text === 'string') parts.push(activity.text);
  const walk = (node: any) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node.text === 'string') parts.push(node.text);
    for (const [key, value] of Object.entries(node)) if (key !== 'text' && typeof value === 'object') walk(value);
  };
  walk(activity?.attachments?.map((a: any) => a.content));
  return parts.join('\n');
}

/** The button titles an activity offers (suggested actions and card actions). */
export function buttonsOf(activity: any): string[] {
  const titles: string[] = (activity?.suggestedActions?.actions ?? []).map((a: any) => a.title);
  const walk = (node: any) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node.type === 'string' && node.type.startsWith('Action.') && typeof node.title === 'string') titles.push(node.title);
    for (const value of Object.values(node)) if (typeof value === 'object') walk(value);
  };
  walk(activity?.attachments?.map((a: any) => a.content));
  return titles;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A request from another loopback address (127.0.0.2, ...): another visitor as the server sees it. */
export function callFrom(
  localAddress: string,
  url: string,
  init: { method?: string; token?: string; headers?: Record<string, string> } = {},
): Promise<Res> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...init.headers, ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}) };
    const req = request(url, { method: init.method ?? 'GET', headers, localAddress }, (res) => {
      let raw = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (raw += chunk));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: new Headers(res.headers as Record<string, string>),
          body: parseJsonOrUndefined(raw),
          raw,
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * Writes `request` as is on a raw TCP connection and returns everything the server sent back
 * before it closed the connection ('' when it closed without answering), or throws when the
 * connection is still open after `timeoutMs`.
 */
export function rawExchange(port: number, request: string, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open; it sent ${JSON.stringify(received)}`));
    }, timeoutMs);
    socket.setEncoding('latin1');
    socket.on('connect', () => socket.write(request, 'latin1'));
    socket.on('data', (chunk) => (received += chunk));
    socket.on('error', () => undefined); // a reset counts as closed
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(received);
    });
  });
}

/**
 * A bot started before the tests of the enclosing describe (or file) with `env`, and a Direct Line
 * client on it, stopped after them. The returned object is filled in by the `beforeAll` hook.
 */
export function botWithDirectLine(env?: Record<string, string>): Running & { dl: DirectLineRest } {
  const running = {} as Running & { dl: DirectLineRest };
  beforeAll(async () => {
    Object.assign(running, await startBot(env));
    running.dl = new DirectLineRest(running.url);
  });
  afterAll(async () => {
    await running.stop?.();
  });
  return running;
}

export interface Stream {
  ws: WebSocket;
  /** Every activity received so far, each with the watermark of its set. */
  messages: any[];
  /** The first activity received (or still to come) that `match`es. */
  next(match: (a: any) => boolean): Promise<any>;
}

/** A WebSocket on a streamUrl; rejects with "HTTP <status>" when the upgrade is refused. */
export function openStream(url: string): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const messages: any[] = [];
    const waiting: { match: (a: any) => boolean; resolve: (a: any) => void }[] = [];
    ws.on('message', (data) => {
      const set = JSON.parse(String(data));
      for (const activity of set.activities) {
        messages.push({ ...activity, watermark: set.watermark });
        for (const w of waiting.splice(0)) {
          if (w.match(activity)) w.resolve(activity);
          else waiting.push(w);
        }
      }
    });
    const next = (match: (a: any) => boolean) =>
      new Promise<any>((res) => {
        const seen = messages.find(match);
        if (seen) res(seen);
        else waiting.push({ match, resolve: res });
      });
    ws.once('open', () => resolve({ ws, messages, next }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}
