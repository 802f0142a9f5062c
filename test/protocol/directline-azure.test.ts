// With DIRECT_LINE_SECRET set, the page's token comes from Azure Direct Line through the server:
// POST {DIRECT_LINE_ENDPOINT}/v3/directline/tokens/generate with the secret, and only the token,
// conversation id, lifetime and domain go back to the browser. A stand-in token endpoint on
// loopback plays Azure. The secret must never reach a response or a log line.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app';
import { describeConfig, loadConfig } from '../../src/config';
import { createLogger } from '../../src/lib/log';
import { close, listen } from '../../src/server/server';
import { rawExchange } from '../support/directline';

const SECRET = 'dl-secret-Xq7-do-not-leak-9f3a';

interface Seen {
  method?: string;
  url?: string;
  authorization?: string;
  body: any;
}

describe('Azure Direct Line token exchange', () => {
  let azure: Server;
  let azureUrl: string;
  let mode: 'ok' | 'forbidden' | 'garbage' = 'ok';
  const seen: Seen[] = [];
  let app: App;
  let url: string;
  const logLines: string[] = [];

  beforeAll(async () => {
    azure = createServer((req: IncomingMessage, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          authorization: req.headers.authorization,
          body: data ? JSON.parse(data) : undefined,
        });
        if (mode === 'forbidden') {
          res.writeHead(403, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: { code: 'BadArgument', message: `Unknown secret ${SECRET}` } }));
        } else if (mode === 'garbage') {
          res.writeHead(200, { 'Content-Type': 'text/html' });
          res.end('<html>maintenance</html>');
        } else {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ conversationId: 'AzureConv-1', token: 'azure.jwt.token', expires_in: 3600, extra: SECRET }));
        }
      });
    });
    await new Promise<void>((resolve) => azure.listen(0, '127.0.0.1', resolve));
    azureUrl = `http://127.0.0.1:${(azure.address() as AddressInfo).port}`;

    const config = loadConfig({
      LOG_LEVEL: 'trace',
      PORT: '0',
      STATE_STORE: 'memory',
      DIRECT_LINE_SECRET: SECRET,
      DIRECT_LINE_ENDPOINT: `${azureUrl}/`,
    });
    const sink = new Writable({
      write(chunk, _enc, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    app = createApp(config, createLogger(config.logLevel, sink));
    ({ url } = await listen(app.server, 0, '127.0.0.1'));
  });

  afterAll(async () => {
    if (app) await close(app.server, 2000);
    await new Promise((resolve) => azure?.close(resolve));
  });

  it('trades the secret for a token server-side and gives the browser only the token, conversation, lifetime and domain', async () => {
    mode = 'ok';
    const res = await fetch(`${url}/api/webchat/token`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const raw = await res.text();
    expect(JSON.parse(raw)).toEqual({
      conversationId: 'AzureConv-1',
      token: 'azure.jwt.token',
      expires_in: 3600,
      domain: `${azureUrl}/v3/directline`,
    });
    expect(raw).not.toContain(SECRET);
    const call = seen.at(-1)!;
    expect(call).toMatchObject({ method: 'POST', url: '/v3/directline/tokens/generate', authorization: `Bearer ${SECRET}` });
    expect(call.body.user.id).toMatch(/^dl_[A-Za-z0-9_-]{16}$/);
  });

  it('answers a failed exchange with a 502 and a JSON error, without the secret', async () => {
    for (const m of ['forbidden', 'garbage'] as const) {
      mode = m;
      const res = await fetch(`${url}/api/webchat/token`, { method: 'POST' });
      expect(res.status, m).toBe(502);
      const raw = await res.text();
      expect(JSON.parse(raw).error).toMatch(/not available/);
      expect(raw).not.toContain(SECRET);
    }
    mode = 'ok';
  });

  it('answers with a 502 when the endpoint cannot be reached', async () => {
    const unreachable = loadConfig({
      LOG_LEVEL: 'silent',
      PORT: '0',
      STATE_STORE: 'memory',
      DIRECT_LINE_SECRET: SECRET,
      DIRECT_LINE_ENDPOINT: 'http://127.0.0.1:9',
    });
    const other = createApp(unreachable, createLogger('silent'));
    const { url: otherUrl } = await listen(other.server, 0, '127.0.0.1');
    try {
      const res = await fetch(`${otherUrl}/api/webchat/token`, { method: 'POST' });
      expect(res.status).toBe(502);
      expect(await res.text()).not.toContain(SECRET);
    } finally {
      await close(other.server, 2000);
    }
  });

  it('lets the pages connect to the Azure endpoint, and never shows them the secret', async () => {
    const page = await fetch(`${url}/`);
    const csp = page.headers.get('content-security-policy')!;
    expect(csp).toContain(`connect-src 'self'`);
    expect(csp).toContain(azureUrl);
    expect(csp).toContain(azureUrl.replace('http', 'ws'));
    for (const path of ['/', '/chat', '/embed.js', '/assets/webchat-init.js', '/assets/site.css']) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.text(), path).not.toContain(SECRET);
      expect(JSON.stringify([...res.headers]), path).not.toContain(SECRET);
    }
  });

  it('turns the built-in Direct Line endpoint off: its routes and its stream are 404s', async () => {
    for (const [method, path] of [
      ['POST', '/v3/directline/tokens/generate'],
      ['POST', '/v3/directline/tokens/refresh'],
      ['POST', '/v3/directline/conversations'],
      ['GET', '/v3/directline/conversations/abc'],
      ['GET', '/v3/directline/conversations/abc/activities'],
      ['POST', '/v3/directline/conversations/abc/activities'],
    ]) {
      const res = await fetch(`${url}${path}`, { method, headers: { Authorization: 'Bearer x' } });
      expect(res.status, `${method} ${path}`).toBe(404);
      await res.text();
    }
    const upgrade = await rawExchange(
      Number(new URL(url).port),
      'GET /v3/directline/conversations/abc/stream?t=x HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n',
    );
    expect(upgrade).toMatch(/^HTTP\/1\.1 404 /);
  });

  it('keeps the secret out of the logs and the configuration summary', () => {
    expect(logLines.length).toBeGreaterThan(0); // the failed exchanges were logged
    expect(logLines.join('')).toContain('Direct Line token exchange failed');
    expect(logLines.join('')).not.toContain(SECRET);
    const summary = JSON.stringify(describeConfig(app.config));
    expect(summary).not.toContain(SECRET);
    expect(summary).toContain('Azure Direct Line');
    // Should the configuration itself ever be logged, the secret is redacted.
    const lines: string[] = [];
    const logger = createLogger('info', new Writable({ write: (c, _e, d) => (lines.push(String(c)), d()) }));
    logger.info({ config: app.config }, 'configuration');
    expect(lines.join('')).not.toContain(SECRET);
  });
});
