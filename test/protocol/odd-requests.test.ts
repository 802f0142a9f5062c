// Requests no browser or channel sends (odd targets, upgrade headers, malformed framing), sent to
// the bot in its own process: each gets a 4xx and the process stays up for everyone else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DirectLineRest, rawExchange } from '../support/directline';
import { startProcess } from '../support/process';

const statusOf = (response: string) => Number(/^HTTP\/1\.1 (\d{3}) /.exec(response)?.[1]);

describe('odd request targets and upgrade headers', () => {
  let server: Awaited<ReturnType<typeof startProcess>>;
  beforeAll(async () => {
    server = await startProcess();
  }, 30_000);
  afterAll(() => {
    server?.child.kill('SIGKILL');
  });

  it('answers each with a 4xx and closes the socket; the process stays up', async () => {
    const grant = await new DirectLineRest(server.url).open();
    const stream = `/v3/directline/conversations/${grant.conversationId}/stream`;
    const upgrade = 'Connection: Upgrade\r\nUpgrade: websocket\r\n';
    const key = 'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';
    const requests: [target: string, headers: string][] = [
      ...['//', '///', '//%', 'http://[/x', '/%', '/%zz?%', '*', 'http://a:b@[::1', '//?t=%', `${stream}?t=%E0%A4%A`].map(
        (target) => [target, upgrade + key] as [string, string],
      ),
      [`${stream}?t=x&watermark=%`, upgrade + key],
      [`${stream}?watermark=1e99`, `${upgrade}${key}Authorization: Bearer ${grant.token}\r\n`],
      [stream, `${upgrade}Authorization: Bearer ${grant.token}\r\n`], // no Sec-WebSocket-Key
      [stream, `Connection: Upgrade\r\nUpgrade: h2c\r\nAuthorization: Bearer ${grant.token}\r\n`],
      [stream, `${upgrade}Sec-WebSocket-Version: 99\r\nSec-WebSocket-Key: x\r\nAuthorization: Bearer ${grant.token}\r\n`],
      [`${stream}?t=${'a'.repeat(4000)}`, upgrade + key],
      ['/', `${upgrade}Authorization: Bearer \u00ff\u00fe\r\n`],
    ];
    for (const [target, headers] of requests) {
      const response = await rawExchange(server.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${headers}\r\n`);
      const status = statusOf(response);
      expect(status, `${target} ${headers}: ${response}`).toBeGreaterThanOrEqual(400);
      expect(status, target).toBeLessThan(500);
      expect(response, target).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
    // Not even HTTP: the server's own client error answer.
    expect(statusOf(await rawExchange(server.port, 'GET / HTTP/1.1\r\nHost: \u0000\r\n\r\n'))).toBe(400);
    expect(server.exited()).toBeUndefined();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    // The real stream still opens.
    const ws = new WebSocket(grant.streamUrl!);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.close();
  }, 60_000);
  it('answers request targets without a path with a 400; the process stays up', async () => {
    // Absolute-form targets with a path ("http://x", "http://x:99999/") are routed like their path.
    const targets: [target: string, hasPath: boolean][] = [
      ['http://', false],
      ['https://', false],
      ['http:', false],
      ['*', false],
      ['?', false],
      ['#', false],
      ['http://a:b@', false],
      ['http://[/x', false],
      ['//', true],
      ['http://x', true],
      ['http://x:99999/', true],
    ];
    for (const method of ['GET', 'POST', 'OPTIONS', 'DELETE']) {
      for (const [target, hasPath] of targets) {
        const body = method === 'POST' ? 'Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}' : '\r\n';
        // Upgrade-looking headers without `Upgrade:` are plain requests to Node: restify routes them.
        const response = await rawExchange(
          server.port,
          `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, close\r\n${body}`,
        );
        const status = statusOf(response);
        const what = `${method} ${target}: ${response.slice(0, 300)}`;
        expect(server.exited(), what).toBeUndefined();
        expect(status, what).toBeLessThan(500);
        if (!hasPath) expect(status, what).toBe(400);
        expect(response, what).not.toMatch(/\bat .*\.(ts|js):\d+/);
      }
    }
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 60_000);
});
