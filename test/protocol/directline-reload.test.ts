// What the careers page does after a reload (resources/web/webchat-init.js), against the real
// server's Direct Line endpoint: it checks its kept conversation with one poll after the kept
// watermark (no token grant spent), then reconnects with GET /conversations/{id} and an empty
// watermark, as botframework-directlinejs sends it, and the stream replays the whole conversation
// so the transcript can be drawn again. An ended conversation answers the check with a 404.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { webChannelOf } from '../../src/server/server';
import { botWithDirectLine, call } from '../support/directline';

/** The first activity set a stream sends: its backlog. */
function backlog(streamUrl: string): Promise<{ activities: any[]; watermark: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(streamUrl);
    ws.once('message', (data) => {
      resolve(JSON.parse(String(data)));
      ws.close();
    });
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('a web chat page reloaded mid-conversation', () => {
  const bot = botWithDirectLine();

  it('checks its kept conversation, reconnects, and gets the whole conversation again', async () => {
    const grant = await bot.dl.open();
    const question = 'how much does an account manager make';
    const posted = await bot.dl.say(grant, question);
    const { watermark } = await bot.dl.waitFor(grant, (a) => a.replyToId === posted.body.id);
    // Web Chat refreshes its token now and then; the page keeps the newest one.
    const refreshed = await call(`${bot.dl.domain}/tokens/refresh`, { method: 'POST', token: grant.token });
    expect(refreshed.status).toBe(200);
    const kept = { conversationId: grant.conversationId, token: refreshed.body.token as string, watermark };

    const check = await bot.dl.poll(kept.conversationId, kept.token, kept.watermark);
    expect(check.status).toBe(200);
    expect(check.body).toEqual({ activities: [], watermark });

    const reconnect = await call(`${bot.dl.domain}/conversations/${kept.conversationId}?watermark=`, { token: kept.token });
    expect(reconnect.status).toBe(200);
    expect(reconnect.body.conversationId).toBe(kept.conversationId);
    expect(reconnect.body.token).not.toBe(kept.token);
    expect(reconnect.body.streamUrl).not.toContain('watermark=');
    const replay = await backlog(reconnect.body.streamUrl);
    expect(replay.watermark).toBe(watermark);
    const [welcome, echo, answer] = replay.activities;
    expect(welcome.from.role).toBe('bot');
    expect(echo).toMatchObject({ id: posted.body.id, text: question, from: { role: 'user' } });
    expect(answer).toMatchObject({ replyToId: posted.body.id, from: { role: 'bot' } });
    // The card answer carries its spoken summary to the page.
    expect(answer.channelData['webchat:fallback-text']).toContain(bot.app.faq.ask(question).answer!.title);

    // The conversation goes on with the reconnect's token.
    const next = await bot.dl.say({ ...grant, token: reconnect.body.token }, 'what skills do I need');
    expect(next.status).toBe(200);
  });

  it('answers the check of a conversation that has ended with a 404, so the page starts anew', async () => {
    const grant = await bot.dl.open();
    const { store } = webChannelOf(bot.app.server)!.directLine;
    // Forget it as an expiry would.
    (store as any).remove(store!.get(grant.conversationId));
    expect((await bot.dl.poll(grant.conversationId, grant.token, '1')).status).toBe(404);
  });
});
