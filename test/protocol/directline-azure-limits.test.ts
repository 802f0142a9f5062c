// The Azure Direct Line token exchange goes through the outbound gate: OUTBOUND_TIMEOUT_MS bounds
// it and OUTBOUND_MAX_CONCURRENT caps the exchanges in flight, so a hung Azure endpoint cannot
// collect one connection per visitor.
import { describe, expect, it } from 'vitest';
import { startBot } from '../support/bot';
import { eventually, silentPeer } from '../support/silent-peer';

describe('Azure Direct Line token exchange limits', () => {
  it('answers 502 promptly and sends at most OUTBOUND_MAX_CONCURRENT exchanges to a hung endpoint', async () => {
    const azure = await silentPeer();
    const bot = await startBot({
      DIRECT_LINE_SECRET: 'dl-secret-for-the-limits-test',
      DIRECT_LINE_ENDPOINT: azure.url,
      OUTBOUND_TIMEOUT_MS: '1000',
      OUTBOUND_MAX_CONCURRENT: '1',
    });
    try {
      const started = Date.now();
      const answers = await Promise.all(
        Array.from({ length: 3 }, () =>
          fetch(`${bot.url}/api/webchat/token`, { method: 'POST', signal: AbortSignal.timeout(15_000) }).then(async (res) => ({
            status: res.status,
            body: await res.json(),
          })),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual([502, 502, 502]);
      expect(answers[0].body).toEqual({ error: 'the chat is not available right now; try again later' });
      expect(Date.now() - started).toBeLessThan(8000);
      expect(azure.connections()).toBe(1); // the others were over the cap, or the host was known to hang
      expect(await eventually(() => azure.open() === 0, 5000)).toBe(true);
    } finally {
      await bot.stop();
      await azure.close();
    }
  }, 30_000);
});
