// The built-in Direct Line endpoint against a hostile visitor: a reconnect flood must not revoke
// anyone else's token, and one client filling the conversation store must not lock later
// visitors out.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { botWithDirectLine, call, callFrom, DirectLineRest, type Grant } from '../support/directline';
import { startBot } from '../support/bot';

describe('a reconnect flood by one visitor', () => {
  const bot = botWithDirectLine();

  it("leaves every other visitor's token working, and is rate-limited (429 with Retry-After)", async () => {
    const other = await bot.dl.open();
    const flooder = await bot.dl.open();
    const reconnect = `${bot.dl.domain}/conversations/${flooder.conversationId}`;
    const statuses = new Map<number, number>();
    let retryAfter: string | null = null;
    const started = Date.now();
    // Each reconnect uses the newest token it got, as a client keeping its session would.
    let token = flooder.token;
    for (let sent = 0; sent < 4100; sent++) {
      const res = await call(reconnect, { token });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      if (res.status === 200) token = res.body.token;
      if (res.status === 429) retryAfter = res.headers.get('retry-after');
    }
    const seconds = (Date.now() - started) / 1000;
    const poll = await bot.dl.poll(other.conversationId, other.token);
    console.log(
      `4,100 reconnects in ${seconds.toFixed(1)} s: ${JSON.stringify(Object.fromEntries(statuses))}; other visitor's poll: ${poll.status}`,
    );
    expect(poll.status).toBe(200);
    expect(statuses.get(429)).toBeGreaterThan(4000);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // The flooder's own first token still works too: nothing was revoked.
    expect((await bot.dl.poll(flooder.conversationId, flooder.token)).status).toBe(200);
  }, 120_000);

  it('keeps a refreshed-away token valid until it expires, as Azure Direct Line does', async () => {
    const grant = await bot.dl.open();
    let refreshed: Grant = grant;
    for (let i = 0; i < 6; i++) {
      const res = await call(`${bot.dl.domain}/tokens/refresh`, { method: 'POST', token: refreshed.token });
      expect(res.status).toBe(200);
      refreshed = res.body;
    }
    expect((await bot.dl.poll(grant.conversationId, grant.token)).status).toBe(200);
    expect((await bot.dl.poll(grant.conversationId, refreshed.token)).status).toBe(200);
  });

  it('limits refreshes per conversation too, and another conversation is unaffected', async () => {
    const grant = await bot.dl.open();
    const other = await bot.dl.open();
    const refresh = (token: string) => call(`${bot.dl.domain}/tokens/refresh`, { method: 'POST', token });
    const statuses = await Promise.all(Array.from({ length: 30 }, () => refresh(grant.token).then((r) => r.status)));
    expect(statuses).toContain(429);
    expect((await refresh(other.token)).status).toBe(200);
  });
});

describe('tokens signed with DIRECT_LINE_TOKEN_KEY', () => {
  it('are checked without a lookup: another process with the same key knows them, one with another key does not', async () => {
    const key = 'k'.repeat(40);
    const first = await startBot({ DIRECT_LINE_TOKEN_KEY: key });
    const same = await startBot({ DIRECT_LINE_TOKEN_KEY: key });
    const other = await startBot({ DIRECT_LINE_TOKEN_KEY: 'o'.repeat(40) });
    try {
      const grant = await new DirectLineRest(first.url).open();
      // The conversation lives in the first process only: a valid token for it is a 404 elsewhere.
      expect((await new DirectLineRest(same.url).poll(grant.conversationId, grant.token)).status).toBe(404);
      expect((await new DirectLineRest(other.url).poll(grant.conversationId, grant.token)).status).toBe(403);
    } finally {
      await Promise.all([first.stop(), same.stop(), other.stop()]);
    }
  });
});

describe('a store full of one client', () => {
  const bot = botWithDirectLine({ DIRECT_LINE_MAX_CONVERSATIONS: '5', DIRECT_LINE_MAX_CONVERSATIONS_PER_ADDRESS: '5' });

  /** A conversation opened from `address`, in which the user said something. */
  async function used(address: string): Promise<Grant> {
    const generated = await callFrom(address, `${bot.dl.domain}/tokens/generate`, { method: 'POST' });
    expect(generated.status).toBe(200);
    const grant = (await bot.dl.start(generated.body.token)).body;
    expect((await bot.dl.say(grant, 'hello')).status).toBe(200);
    return grant;
  }

  it('gives the next visitor a token; the least recently active conversation ends (404, WebSocket closed)', async () => {
    const filler: Grant[] = [];
    for (let i = 0; i < 5; i++) filler.push(await used('127.0.0.2'));
    const ws = new WebSocket(filler[0].streamUrl!);
    const closed = new Promise<number>((resolve) => ws.once('close', resolve));
    await new Promise((resolve) => ws.once('open', resolve));

    const visitor = await call(`${bot.dl.domain}/tokens/generate`, { method: 'POST' });
    console.log(`store full of one client's conversations: the next visitor got ${visitor.status}`);
    expect(visitor.status).toBe(200);
    expect((await bot.dl.poll(filler[0].conversationId, filler[0].token)).status).toBe(404);
    expect(await closed).toBe(1000);
    for (const grant of filler.slice(1)) expect((await bot.dl.poll(grant.conversationId, grant.token)).status).toBe(200);
  });
});

describe('DIRECT_LINE_MAX_CONVERSATIONS_PER_ADDRESS', () => {
  const bot = botWithDirectLine({ DIRECT_LINE_MAX_CONVERSATIONS: '20', DIRECT_LINE_MAX_CONVERSATIONS_PER_ADDRESS: '3' });

  it("at the cap, a new conversation closes that address's own least recently active one, nobody else's", async () => {
    const open = async (address: string) => {
      const res = await callFrom(address, `${bot.dl.domain}/tokens/generate`, { method: 'POST' });
      expect(res.status).toBe(200);
      return (await bot.dl.start(res.body.token)).body as Grant;
    };
    const neighbour = await open('127.0.0.4');
    const mine = [await open('127.0.0.3'), await open('127.0.0.3'), await open('127.0.0.3')];
    expect((await bot.dl.say(mine[0], 'still here')).status).toBe(200); // mine[1] is now the least recently active
    const fourth = await open('127.0.0.3');
    expect((await bot.dl.poll(mine[1].conversationId, mine[1].token)).status).toBe(404);
    for (const grant of [mine[0], mine[2], fourth, neighbour]) {
      expect((await bot.dl.poll(grant.conversationId, grant.token)).status).toBe(200);
    }
  });
});
