// A channel that fails the bot's reply (its serviceUrl answers 500 or 403): the reply is retried
// at most as the connector's own policy does, the bot never composes a second answer or an
// apology to a channel that just failed, and the caller gets a clear JSON error.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load';
import { activity, post, useBot } from '../support/bot';

/** A stand-in channel on loopback that answers every POST with `status`, and records them. */
async function failingChannel(status: number) {
  const posts: any[] = [];
  const server: HttpServer = createHttpServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      if (req.method === 'POST') posts.push(JSON.parse(data || '{}'));
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'ServiceError', message: `channel says ${status}` } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { posts, serviceUrl, close: () => new Promise((r) => server.close(r)) };
}

const bot = useBot();

describe.each([500, 403])('a channel whose serviceUrl answers %i', (status) => {
  it.each(['What does an account manager do?', 'estimate my salary'])(
    'gets one answer to "%s" (retries of it allowed), no second answer, no apology',
    async (text) => {
      const channel = await failingChannel(status);
      try {
        const conversation = { id: `conv-fail-${status}-${text.length}` };
        const res = await post(
          bot.url,
          activity({ text, serviceUrl: channel.serviceUrl, deliveryMode: undefined, channelId: 'webchat', conversation }),
        );
        expect(channel.posts.length).toBeGreaterThan(0);
        const distinct = new Set(channel.posts.map((p) => JSON.stringify({ ...p, id: undefined })));
        expect([...distinct], `${channel.posts.length} POSTs`).toHaveLength(1);
        expect(channel.posts.map((p) => p.text)).not.toContain(loadKnowledge().messages.turnError);
        // At most one try and the connector's retries (its policy retries a 5xx a few times, not a 4xx).
        expect(channel.posts.length).toBeLessThanOrEqual(status >= 500 ? 4 : 1);
        expect(res.status).toBe(502);
        expect(res.contentType).toMatch(/application\/json/);
        expect(typeof res.body.error).toBe('string');
        expect(res.raw).not.toMatch(/at .*\.(js|ts):\d+/);
        // The server still answers, and the conversation is usable afterwards.
        const next = await post(bot.url, activity({ text: 'hello', conversation }));
        expect(next.status).toBe(200);
      } finally {
        await channel.close();
      }
    },
  );
});
