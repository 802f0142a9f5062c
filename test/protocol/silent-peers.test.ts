// Outbound calls are bounded: a channel whose serviceUrl accepts connections
// and never answers must not hold /api/messages (nor a socket) for more than OUTBOUND_TIMEOUT_MS.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activity, post, startBot, type Reply } from '../support/bot';
import { eventually, silentPeer } from '../support/silent-peer';

/** Posts a message to be answered at `serviceUrl` (normal delivery); gives up after 25 s. */
async function postTimed(url: string, serviceUrl: string): Promise<{ reply?: Reply; seconds: number }> {
  const started = Date.now();
  try {
    const reply = await Promise.race([
      post(url, activity({ text: 'how do I apply', deliveryMode: undefined, channelId: 'test', serviceUrl })),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer')), 25_000)),
    ]);
    return { reply, seconds: (Date.now() - started) / 1000 };
  } catch {
    return { seconds: (Date.now() - started) / 1000 };
  }
}

function expectTimeoutAnswer(reply: Reply | undefined) {
  expect(reply, 'an answer within 25 s').toBeDefined();
  expect(reply!.status).toBe(504);
  expect(reply!.contentType).toMatch(/^application\/json/);
  expect(reply!.body).toEqual({ error: expect.stringMatching(/did not answer in time/) });
  expect(reply!.raw).not.toMatch(/at .*\.(js|ts):\d+|127\.0\.0\.1/);
}

describe('a silent channel', () => {
  let peer: Awaited<ReturnType<typeof silentPeer>>;
  beforeAll(async () => {
    peer = await silentPeer();
  });
  afterAll(async () => {
    await peer?.close();
  });

  it('gets /api/messages a 504 JSON error once OUTBOUND_TIMEOUT_MS has passed, and its socket closed', async () => {
    const bot = await startBot({ OUTBOUND_TIMEOUT_MS: '1000' });
    try {
      const { reply, seconds } = await postTimed(bot.url, peer.url);
      expectTimeoutAnswer(reply);
      expect(seconds).toBeLessThan(20);
      expect(peer.connections()).toBeGreaterThan(0); // the reply really went to the silent peer
      expect(await eventually(() => peer.open() === 0, 5000), 'sockets to the silent peer closed').toBe(true);
    } finally {
      await bot.stop();
    }
  }, 30_000);

  it('releases the request within 20 s with the default settings', async () => {
    const bot = await startBot();
    try {
      const { reply, seconds } = await postTimed(bot.url, peer.url);
      expectTimeoutAnswer(reply);
      expect(seconds).toBeLessThan(20);
    } finally {
      await bot.stop();
    }
  }, 30_000);

  it('does not keep a socket open after the client has left', async () => {
    const bot = await startBot({ OUTBOUND_TIMEOUT_MS: '1500' });
    try {
      const before = peer.connections();
      const gaveUp = await fetch(`${bot.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(activity({ text: 'hello', deliveryMode: undefined, channelId: 'test', serviceUrl: peer.url })),
        signal: AbortSignal.timeout(300),
      }).then(
        () => false,
        () => true,
      );
      expect(gaveUp).toBe(true);
      expect(await eventually(() => peer.connections() > before, 5000)).toBe(true);
      expect(await eventually(() => peer.open() === 0, 10_000), 'sockets to the silent peer closed').toBe(true);
    } finally {
      await bot.stop();
    }
  }, 30_000);
});
