// Shared set-up for the protocol tests: the real app (real knowledge base, real FaqService, the
// same wiring as `npm start`) listening on a free port, and small HTTP helpers.
import { afterAll, beforeAll } from 'vitest';
import { createApp, type App } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/lib/log';
import { close, listen } from '../../src/server/server';

export interface Running {
  app: App;
  url: string;
  stop: () => Promise<void>;
}

/** Starts the bot on port 0. `env` is the whole environment (process.env is not consulted, so a
 * developer's own settings cannot leak into the tests); state is in memory unless `env` says otherwise. */
export async function startBot(env: Record<string, string> = {}): Promise<Running> {
  const config = loadConfig({ LOG_LEVEL: 'silent', PORT: '0', STATE_STORE: 'memory', ...env });
  const app = createApp(config, createLogger(config.logLevel));
  const { url } = await listen(app.server, 0, '127.0.0.1');
  return { app, url, stop: () => close(app.server, 2000).then(() => app.closeStores()) };
}

/**
 * One bot for the whole test file: started before its first test, stopped after its last. The
 * returned handle reads the running bot, so it can be declared at the top of the file.
 */
export function useBot(env: Record<string, string> = {}): Running {
  let running: Running | undefined;
  beforeAll(async () => {
    running = await startBot(env);
  });
  afterAll(async () => {
    await running?.stop();
  });
  const current = (): Running => {
    if (!running) throw new Error('the bot is not running: use it inside a test');
    return running;
  };
  return {
    get app() {
      return current().app;
    },
    get url() {
      return current().url;
    },
    stop: () => current().stop(),
  };
}

let counter = 0;

/** A message activity as the Emulator posts it, asking for the replies in the response body. */
export function activity(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  counter += 1;
  return {
    type: 'message',
    id: `act-${counter}`,
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9/',
    deliveryMode: 'expectReplies',
    timestamp: new Date().toISOString(),
    locale: 'en-US',
    from: { id: 'user-1', name: 'User', role: 'user' },
    recipient: { id: 'bot-1', name: 'Bot', role: 'bot' },
    conversation: { id: `conv-${counter}` },
    ...overrides,
  };
}

export interface Reply {
  status: number;
  contentType: string | null;
  body: any;
  raw: string;
}

/** The JSON in a response body, or undefined when it is empty or not JSON. */
export function parseJsonOrUndefined(raw: string): any {
  try {
    return raw ? JSON.parse(raw) : undefined;
  } catch {
    return undefined;
  }
}

export async function postRaw(
  url: string,
  body: string | Uint8Array,
  headers: Record<string, string> = { 'content-type': 'application/json' },
): Promise<Reply> {
  // A Uint8Array is a valid fetch body; the DOM typings only name its ArrayBuffer-backed form.
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers, body: body as BodyInit });
  const raw = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type'), body: parseJsonOrUndefined(raw), raw };
}

export const post = (url: string, body: unknown, headers?: Record<string, string>) => postRaw(url, JSON.stringify(body), headers);

/** Sends one message and returns the replies (expectReplies). */
export async function say(url: string, text: string, overrides: Record<string, unknown> = {}) {
  const res = await post(url, activity({ text, ...overrides }));
  if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}: ${res.raw}`);
  const activities = (res.body?.activities ?? []) as any[];
  return {
    activities,
    traces: activities.filter((a) => a.type === 'trace'),
    messages: activities.filter((a) => a.type === 'message'),
  };
}

export async function getJson(url: string, path: string) {
  const res = await fetch(`${url}${path}`);
  const raw = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type'), body: parseJsonOrUndefined(raw), raw };
}
