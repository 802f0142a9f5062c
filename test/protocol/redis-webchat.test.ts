// The web chat's built-in Direct Line endpoint on two instances sharing a real redis-server (which
// the test starts itself): a conversation whose token came from one instance, started and posted
// to on the other, is polled and streamed on the first; the instances sign tokens with one shared
// key; the caps hold across both; and Redis stopping and coming back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedisServer, type RedisServer } from '../../src/bench/redis-server';
import { startBot, type Running } from '../support/bot';
import { DirectLineRest, openStream, textOf, type Grant } from '../support/directline';

let redis: RedisServer;
let one: Running;
let two: Running;
let dl: { one: DirectLineRest; two: DirectLineRest };
const env = (redisUrl: string) => ({
  STATE_STORE: 'redis',
  REDIS_URL: redisUrl,
  REDIS_KEY_PREFIX: 'webchat-test:',
  DIRECT_LINE_MAX_CONVERSATIONS_PER_ADDRESS: '3',
});

beforeAll(async () => {
  redis = await startRedisServer();
  // No DIRECT_LINE_TOKEN_KEY: the instances agree on a key through Redis.
  [one, two] = await Promise.all([startBot(env(redis.url)), startBot(env(redis.url))]);
  dl = { one: new DirectLineRest(one.url), two: new DirectLineRest(two.url) };
});
afterAll(async () => {
  await Promise.all([one?.stop(), two?.stop()]);
  await redis?.dispose();
});

/** The stream URL the other instance handed out, opened on `bot` instead (as a balancer may send it). */
const onInstance = (streamUrl: string, bot: Running) => streamUrl.replace(/^ws:\/\/[^/]+/, bot.url.replace(/^http/, 'ws'));
const fromBot = (a: any) => a.from.role === 'bot';

describe('web chat on two instances sharing Redis', () => {
  it('starts on one instance, posts to the other, and polls and streams the answer on the first', async () => {
    const grant = await dl.one.generate();
    const started = await dl.two.start(grant.token);
    expect(started.status).toBe(201);
    expect((await dl.one.start(grant.token)).status).toBe(200); // started once, whichever instance is asked
    const stream = await openStream(onInstance(started.body.streamUrl!, one));
    try {
      const welcomeLine = one.app.faq.messages.welcome.split('\n')[0];
      expect(textOf(await stream.next(fromBot))).toContain(welcomeLine);

      const question = 'who does an account manager report to';
      const posted = await dl.two.say(grant, question, 'shared-1');
      expect(posted.status).toBe(200);
      expect(posted.body.id).toBe(`${grant.conversationId}|0000002`);
      const expected = one.app.faq.ask(question).answer!.text.split('\n')[0].slice(0, 40);

      const polled = await dl.one.waitFor(grant, (a) => fromBot(a) && textOf(a).includes(expected), '1');
      expect(polled.activities.map((a) => a.from.role)).toEqual(['user', 'bot']);
      expect(polled.activities[0].channelData).toMatchObject({ clientActivityID: 'shared-1' });
      const streamed = await stream.next((a) => fromBot(a) && textOf(a).includes(expected));
      expect(streamed.id).toBe(polled.activities[1].id);
      // Once each, in order: welcome, echo, answer.
      expect(stream.messages.map((a) => a.watermark)).toEqual(['1', '2', '3']);
    } finally {
      stream.ws.close();
    }
  });

  it('keeps a guided flow going when its posts alternate between the instances', async () => {
    const grant: Grant = (await dl.one.open()) as Grant;
    await dl.one.waitFor(grant, fromBot);
    const askLevel = one.app.kb.flows.salaryEstimate.askLevel;
    let posted = await dl.two.say(grant, 'estimate my salary');
    let page = await dl.one.waitFor(grant, (a) => fromBot(a) && textOf(a).includes(askLevel), '1');
    posted = await dl.one.say(grant, 'Mid-level');
    expect(posted.status).toBe(200);
    page = await dl.two.waitFor(grant, (a) => fromBot(a) && a.id > posted.body.id, page.watermark);
    posted = await dl.two.say(grant, 'not sure');
    const band = one.app.kb.salary.bands.find((b) => b.id === 'mid')!.label;
    await dl.one.waitFor(grant, (a) => fromBot(a) && textOf(a).includes(band), page.watermark);
  });

  it('keeps each echo next to its answer when two messages reach the two instances at once', async () => {
    const grant = await dl.one.open();
    const { watermark } = await dl.one.waitFor(grant, fromBot);
    const questions = ['what does an account manager do?', 'who does an account manager report to?'];
    const posted = await Promise.all([dl.one.say(grant, questions[0]), dl.two.say(grant, questions[1])]);
    expect(posted.map((p) => p.status)).toEqual([200, 200]);
    for (const { body } of posted) await dl.two.waitFor(grant, (a) => fromBot(a) && a.replyToId === body.id, watermark);
    const all = (await dl.one.poll(grant.conversationId, grant.token, watermark)).body.activities;
    expect(all.map((a) => a.from.role)).toEqual(['user', 'bot', 'user', 'bot']);
    expect([all[1].replyToId, all[3].replyToId]).toEqual([all[0].id, all[2].id]);
  });

  it('opens a socket once per stream ticket, whichever instances it is tried on', async () => {
    const grant = await dl.one.open();
    const first = await openStream(onInstance(grant.streamUrl!, two));
    try {
      await expect(openStream(onInstance(grant.streamUrl!, one))).rejects.toThrow('HTTP 403');
      await expect(openStream(onInstance(grant.streamUrl!, two))).rejects.toThrow('HTTP 403');
    } finally {
      first.ws.close();
    }
  });

  it("refreshes on the other instance, and holds an address's cap across both", async () => {
    const grant = await dl.one.generate();
    const refreshed = await fetch(`${dl.two.domain}/tokens/refresh`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${grant.token}` },
    });
    expect(refreshed.status).toBe(200);
    // Three per address: the fourth, on either instance, closes this address's oldest.
    const grants = [grant, await dl.two.generate(), await dl.one.generate(), await dl.two.generate()];
    expect((await dl.one.poll(grants[0].conversationId, grants[0].token)).status).toBe(404);
    for (const g of grants.slice(1)) expect((await dl.two.poll(g.conversationId, g.token)).status).toBe(200);
  });

  it('answers 503 while Redis is down, without a crash, and works again when it is back', async () => {
    const grant = await dl.one.open();
    await dl.one.waitFor(grant, fromBot);
    await redis.stop();
    try {
      const posted = await dl.two.say(grant, 'what does an account manager do?');
      expect(posted.status).toBe(503);
      expect(posted.headers.get('retry-after')).toBe('5');
      expect(posted.raw).not.toMatch(/at .*\.ts:|Error:/);
      expect((await fetch(`${dl.one.domain}/tokens/generate`, { method: 'POST' })).status).toBe(503);
    } finally {
      await redis.start();
    }
    // This Redis keeps nothing on disk, so the conversation ended with it: the page starts a new
    // one, across both instances again, once they have reconnected by themselves.
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < deadline && status !== 404) {
      status = (await dl.two.poll(grant.conversationId, grant.token)).status;
      if (status !== 404) await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(404);
    const fresh = await dl.two.generate();
    expect((await dl.one.start(fresh.token)).status).toBe(201);
    expect((await dl.two.say(fresh, 'what does an account manager do?')).status).toBe(200);
    await dl.one.waitFor(fresh, (a) => fromBot(a) && a.replyToId !== undefined);
  });
});
