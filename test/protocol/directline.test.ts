// The Direct Line v3-compatible endpoint built into the server (src/directline/), driven over HTTP
// and WebSocket against the real bot: tokens, start, post and the echo, polling with a watermark,
// refresh and reconnect, 401/403/404, the limits (429, 413, 400) and the stream. A full store:
// directline-hardening.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { webChannelOf } from '../../src/server/server';
import { botWithDirectLine, buttonsOf, call, openStream, sleep, textOf, type Grant } from '../support/directline';

const firstSentence = (text: string) => text.split(/(?<=[.!?])\s/)[0].replace(/\*\*/g, '');

describe('built-in Direct Line endpoint', () => {
  const bot = botWithDirectLine();

  it('generates random, conversation-bound tokens that are never cached', async () => {
    const res = await call(`${bot.dl.domain}/tokens/generate`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.token).toMatch(/^[A-Za-z0-9._-]{60,200}$/);
    expect(res.body.conversationId).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(res.body.expires_in).toBe(1800);
    const other = await bot.dl.generate();
    expect(other.token).not.toBe(res.body.token);
    expect(other.conversationId).not.toBe(res.body.conversationId);
  });

  it('starts the conversation once, with a streamUrl, and the bot welcomes the user once', async () => {
    const grant = await bot.dl.generate();
    const started = await bot.dl.start(grant.token);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ conversationId: grant.conversationId, token: grant.token });
    expect(started.body.expires_in).toBeGreaterThan(1790);
    expect(started.body.streamUrl).toMatch(
      new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${grant.conversationId}/stream\\?t=`),
    );
    const again = await bot.dl.start(grant.token);
    expect(again.status).toBe(200);
    expect(again.body.conversationId).toBe(grant.conversationId);

    const welcomeLine = bot.app.faq.messages.welcome.split('\n')[0];
    const { activities, watermark } = await bot.dl.waitFor(grant, (a) => textOf(a).includes(welcomeLine));
    await sleep(100);
    const all = (await bot.dl.poll(grant.conversationId, grant.token)).body.activities;
    expect(all.filter((a) => textOf(a).includes(welcomeLine))).toHaveLength(1);
    const welcome = activities[0];
    expect(welcome).toMatchObject({
      type: 'message',
      id: `${grant.conversationId}|0000001`,
      channelId: 'webchat',
      conversation: { id: grant.conversationId },
      from: { id: 'careers-faq-bot', name: 'Careers assistant', role: 'bot' },
      recipient: { role: 'user' },
    });
    expect(Date.now() - Date.parse(welcome.timestamp)).toBeLessThan(10_000);
    expect(buttonsOf(welcome).length).toBeGreaterThan(2);
    expect(welcome).not.toHaveProperty('serviceUrl');
    expect(watermark).toBe('1');
  });

  it('echoes the user activity with its clientActivityID, a server id and time, then the answer', async () => {
    const grant = await bot.dl.open();
    const { watermark } = await bot.dl.waitFor(grant, (a) => a.from.role === 'bot');
    const question = 'what does an account manager do?';
    const posted = await bot.dl.say(grant, question, 'client-42');
    expect(posted.status).toBe(200);
    expect(posted.body.id).toBe(`${grant.conversationId}|0000002`);

    const { activities, watermark: after } = await bot.dl.waitFor(grant, (a) => a.from.role === 'bot', watermark);
    const [echo, answer] = activities;
    expect(echo).toMatchObject({
      type: 'message',
      id: posted.body.id,
      text: question,
      channelData: { clientActivityID: 'client-42' },
      channelId: 'webchat',
      from: { role: 'user' },
      recipient: { id: 'careers-faq-bot', role: 'bot' },
    });
    expect(echo.from.id).toMatch(/^dl_/); // the server's id for the user, not the client's
    expect(Date.now() - Date.parse(echo.timestamp)).toBeLessThan(10_000);
    expect(answer.from).toEqual({ id: 'careers-faq-bot', name: 'Careers assistant', role: 'bot' });
    expect(answer.id).toBe(`${grant.conversationId}|0000003`);
    expect(answer.replyToId).toBe(echo.id);
    expect(answer.recipient.id).toBe(echo.from.id);
    expect(textOf(answer)).toContain(firstSentence(bot.app.faq.ask(question).answer!.text));
    expect(after).toBe('3');

    // Polling from the latest watermark returns nothing new, and the same watermark.
    const empty = await bot.dl.poll(grant.conversationId, grant.token, after);
    expect(empty.body).toEqual({ activities: [], watermark: '3' });
    // Without a watermark: everything kept, in order.
    const everything = await bot.dl.poll(grant.conversationId, grant.token);
    expect(everything.body.activities.map((a: any) => a.id)).toEqual([1, 2, 3].map((n) => `${grant.conversationId}|000000${n}`));
  });

  it('keeps a guided flow going across posts (turns of one conversation run in order)', async () => {
    const grant = await bot.dl.open();
    const start = await bot.dl.say(grant, 'estimate my salary');
    const level = await bot.dl.say(grant, 'Senior');
    const { activities } = await bot.dl.waitFor(grant, (a) => a.from.role === 'bot' && textOf(a).includes('New York'));
    // After the welcome: the first post, the flow's first question answering it, then the level,
    // and the next step (the market) answering the level, not the first post.
    const turns = activities.slice(1).map((a: any) => (a.from.role === 'user' ? `user ${a.id}` : `bot -> ${a.replyToId}`));
    const firstAnswers = turns.indexOf(`bot -> ${start.body.id}`);
    const levelPosted = turns.indexOf(`user ${level.body.id}`);
    expect(turns[0]).toBe(`user ${start.body.id}`);
    expect(firstAnswers).toBeGreaterThan(0);
    expect(levelPosted).toBeGreaterThan(firstAnswers);
    expect(activities.at(-1).replyToId).toBe(level.body.id);
  });

  it('keeps each echo next to its answer when messages are posted at once', async () => {
    const grant = await bot.dl.open();
    const posts = await Promise.all(
      ['what does an account manager do', 'what skills do I need', 'who do they report to'].map((q) => bot.dl.say(grant, q)),
    );
    const last = posts
      .map((p) => p.body.id)
      .sort()
      .at(-1);
    const { activities } = await bot.dl.waitFor(grant, (a) => a.replyToId === last);
    const afterWelcome = activities.slice(1);
    expect(afterWelcome).toHaveLength(6);
    for (let i = 0; i < 6; i += 2) {
      expect(afterWelcome[i].from.role).toBe('user');
      expect(afterWelcome[i + 1].replyToId).toBe(afterWelcome[i].id);
    }
  });

  it('starts the conversation implicitly when a client posts before starting it', async () => {
    const grant = await bot.dl.generate();
    const posted = await bot.dl.say(grant, 'hello');
    expect(posted.status).toBe(200);
    const welcomeLine = bot.app.faq.messages.welcome.split('\n')[0];
    const { activities } = await bot.dl.waitFor(grant, (a) => a.from.role === 'bot' && a.replyToId === posted.body.id);
    // The welcome first, then the message and its answer.
    expect(textOf(activities[0])).toContain(welcomeLine);
    expect(activities[1].id).toBe(posted.body.id);
  });

  it('refreshes a token: the new one works, for the same conversation', async () => {
    const grant = await bot.dl.open();
    const refreshed = await call(`${bot.dl.domain}/tokens/refresh`, { method: 'POST', token: grant.token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.conversationId).toBe(grant.conversationId);
    expect(refreshed.body.token).not.toBe(grant.token);
    expect(refreshed.body.expires_in).toBe(1800);
    expect((await bot.dl.poll(grant.conversationId, refreshed.body.token)).status).toBe(200);
    expect((await call(`${bot.dl.domain}/tokens/refresh`, { method: 'POST', token: 'not-a-token' })).status).toBe(403);
  });

  it('reconnects: a new token and a streamUrl that carries the watermark', async () => {
    const grant = await bot.dl.open();
    const res = await call(`${bot.dl.domain}/conversations/${grant.conversationId}?watermark=1`, { token: grant.token });
    expect(res.status).toBe(200);
    expect(res.body.conversationId).toBe(grant.conversationId);
    expect(res.body.token).not.toBe(grant.token);
    expect(res.body.streamUrl).toMatch(/\/stream\?watermark=1&t=/);
    expect((await call(`${bot.dl.domain}/conversations/${grant.conversationId}?watermark=abc`, { token: grant.token })).status).toBe(400);
  });

  describe('refuses', () => {
    let a: Grant;
    let b: Grant;
    beforeAll(async () => {
      a = await bot.dl.open();
      b = await bot.dl.open();
    });

    it('a request without a token (401) and a wrong token (403), with JSON errors', async () => {
      const none = await call(`${bot.dl.domain}/conversations/${a.conversationId}/activities`);
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toBe('Bearer');
      expect(none.body.error).toMatch(/token is required/);
      for (const token of ['wrong', a.token.slice(0, -1) + (a.token.endsWith('A') ? 'B' : 'A')]) {
        const res = await bot.dl.poll(a.conversationId, token);
        expect(res.status).toBe(403);
        expect(res.headers.get('content-type')).toMatch(/application\/json/);
        expect(res.body.error).toBeTypeOf('string');
      }
      expect((await bot.dl.start('wrong')).status).toBe(403);
    });

    it("another conversation's token (403) on every conversation route", async () => {
      expect((await bot.dl.poll(a.conversationId, b.token)).status).toBe(403);
      expect((await bot.dl.post(a.conversationId, b.token, { type: 'message', text: 'hi' })).status).toBe(403);
      expect((await call(`${bot.dl.domain}/conversations/${a.conversationId}`, { token: b.token })).status).toBe(403);
      expect((await bot.dl.poll('no-such-conversation', a.token)).status).toBe(403);
    });

    it('bad input with a 400 and a JSON error, and keeps answering', async () => {
      for (const [body, error] of [
        ['{"type": "message", "text": ', /not valid JSON/],
        ['[1, 2]', /JSON object/],
        ['{"type": "conversationUpdate"}', /"type" must be one of/],
        ['{"text": "no type"}', /"type" must be one of/],
        ['{"type": "message", "text": 42}', /"text" must be a string/],
        ['{"type": "message", "text": "hi", "attachments": "nope"}', /attachments/],
        ['{"type": "message", "text": "hi", "channelData": [1]}', /channelData/],
        ['{"type": "message", "text": "hi", "locale": "<script>"}', /locale/],
      ] as const) {
        const res = await call(`${bot.dl.domain}/conversations/${a.conversationId}/activities`, {
          method: 'POST',
          token: a.token,
          headers: { 'Content-Type': 'application/json' },
          body,
        });
        expect(res.status, body).toBe(400);
        expect(res.body.error).toMatch(error);
        expect(res.raw).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack trace
      }
      expect((await bot.dl.poll(a.conversationId, a.token, 'banana')).status).toBe(400);
      expect((await bot.dl.poll(a.conversationId, a.token, '-1')).status).toBe(400);
      expect((await call(`${bot.url}/healthz`)).status).toBe(200);
    });

    it('an ended conversation with a 404', async () => {
      const fresh = await bot.dl.open();
      const { directLine } = webChannelOf(bot.app.server)!;
      // Forget it as an expiry would.
      (directLine.store as any).remove(directLine.store!.get(fresh.conversationId));
      expect((await bot.dl.poll(fresh.conversationId, fresh.token)).status).toBe(404);
      expect((await bot.dl.say(fresh, 'hello?')).status).toBe(404);
    });
  });

  describe('WebSocket stream', () => {
    const connect = openStream;

    it('delivers the welcome, then the echo and the answer as they happen', async () => {
      const grant = await bot.dl.open();
      const stream = await connect(grant.streamUrl!);
      try {
        const welcome = await stream.next((a) => a.from.role === 'bot');
        expect(textOf(welcome)).toContain(bot.app.faq.messages.welcome.split('\n')[0]);
        const posted = await bot.dl.say(grant, 'who does an account manager report to', 'ws-1');
        const echo = await stream.next((a) => a.channelData?.clientActivityID === 'ws-1');
        expect(echo.id).toBe(posted.body.id);
        const answer = await stream.next((a) => a.replyToId === posted.body.id);
        expect(textOf(answer)).toContain(firstSentence(bot.app.faq.ask('who does an account manager report to').answer!.text));
        expect(answer.watermark).toBe(answer.id.split('|')[1].replace(/^0+/, ''));
      } finally {
        stream.ws.close();
      }
    });

    it('replays only what came after the watermark on reconnect, and ignores what the client sends', async () => {
      const grant = await bot.dl.open();
      await bot.dl.waitFor(grant, (a) => a.from.role === 'bot');
      const posted = await bot.dl.say(grant, 'what skills do I need');
      const reconnect = await call(`${bot.dl.domain}/conversations/${grant.conversationId}?watermark=2`, { token: grant.token });
      const stream = await connect(reconnect.body.streamUrl);
      try {
        const answer = await stream.next((a) => a.replyToId === posted.body.id);
        expect(stream.messages.map((m) => m.id)).toEqual([answer.id]);
        stream.ws.send(''); // Direct Line clients' keep-alive
        stream.ws.send('{"type": "message", "text": "not through the socket"}');
        await sleep(100);
        expect(stream.ws.readyState).toBe(stream.ws.OPEN);
      } finally {
        stream.ws.close();
      }
    });

    it('refuses a used, wrong or other conversation stream ticket with a 403', async () => {
      const grant = await bot.dl.open();
      const other = await bot.dl.open();
      const first = await connect(grant.streamUrl!);
      first.ws.close();
      await expect(connect(grant.streamUrl!)).rejects.toThrow('HTTP 403');
      await expect(connect(grant.streamUrl!.replace(/t=[^&]+/, 't=wrong'))).rejects.toThrow('HTTP 403');
      const ticket = new URL(other.streamUrl!).searchParams.get('t');
      await expect(connect(grant.streamUrl!.replace(/t=[^&]+/, `t=${ticket}`))).rejects.toThrow('HTTP 403');
      await expect(connect(`${bot.url.replace('http', 'ws')}/somewhere-else`)).rejects.toThrow('HTTP 404');
    });

    it('closes the stream when the conversation ends', async () => {
      const grant = await bot.dl.open();
      const stream = await connect(grant.streamUrl!);
      const closed = new Promise<number>((resolve) => stream.ws.once('close', (code) => resolve(code)));
      const { directLine } = webChannelOf(bot.app.server)!;
      (directLine.store as any).remove(directLine.store!.get(grant.conversationId));
      expect(await closed).toBe(1000);
    });
  });
});

describe('Direct Line limits', () => {
  const bot = botWithDirectLine({
    DIRECT_LINE_POSTS_PER_MINUTE: '3',
    DIRECT_LINE_MAX_ACTIVITIES: '4',
    DIRECT_LINE_MAX_MESSAGE_BYTES: '1024',
    MAX_TEXT_CHARS: '100',
  });

  it('limits posts per minute per conversation (429 with Retry-After), other conversations unaffected', async () => {
    const grant = await bot.dl.open();
    for (let i = 0; i < 3; i++) expect((await bot.dl.say(grant, `hello ${i}`)).status).toBe(200);
    const limited = await bot.dl.say(grant, 'one too many');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.body.error).toMatch(/at most 3 a minute/);

    // Only the last 4 activities are kept; the watermark keeps counting.
    const kept = await bot.dl.poll(grant.conversationId, grant.token);
    expect(kept.body.activities).toHaveLength(4);
    expect(Number(kept.body.watermark)).toBeGreaterThanOrEqual(7);
    expect(kept.body.activities.at(-1).id).toBe(`${grant.conversationId}|${kept.body.watermark.padStart(7, '0')}`);
  });

  it('refuses a body over DIRECT_LINE_MAX_MESSAGE_BYTES (413) and text over MAX_TEXT_CHARS (400)', async () => {
    const grant = await bot.dl.open();
    const big = await bot.dl.post(grant.conversationId, grant.token, { type: 'message', text: 'x'.repeat(90), value: 'y'.repeat(2000) });
    expect(big.status).toBe(413);
    expect(big.body.error).toMatch(/larger than 1024 bytes/);
    const long = await bot.dl.say(grant, 'z'.repeat(101));
    expect(long.status).toBe(400);
    expect(long.body.error).toMatch(/longer than 100 characters/);
  });
});

describe('Direct Line token lifetime and new conversations per address', () => {
  const bot = botWithDirectLine({ DIRECT_LINE_TOKEN_TTL_SECONDS: '1', DIRECT_LINE_NEW_CONVERSATIONS_PER_MINUTE: '2' });

  it('refuses an expired token with a 403, for every call, refresh included', async () => {
    const grant = await bot.dl.open();
    expect(grant.expires_in).toBeLessThanOrEqual(1);
    expect((await bot.dl.poll(grant.conversationId, grant.token)).status).toBe(200);
    await sleep(1100);
    const expired = await bot.dl.poll(grant.conversationId, grant.token);
    expect(expired.status).toBe(403);
    expect(expired.body.error).toMatch(/expired/);
    expect((await call(`${bot.dl.domain}/tokens/refresh`, { method: 'POST', token: grant.token })).status).toBe(403);
  });

  it('limits new conversations per client address (429)', async () => {
    // The test above used one of this minute's two conversations.
    expect((await call(`${bot.dl.domain}/tokens/generate`, { method: 'POST' })).status).toBe(200);
    const res = await call(`${bot.dl.domain}/tokens/generate`, { method: 'POST' });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await call(`${bot.url}/api/webchat/token`, { method: 'POST' })).status).toBe(429);
  });
});
