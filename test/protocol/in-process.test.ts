// BotServerAdapter.runInProcess: the path the built-in web chat endpoint uses to reach the bot
// through CloudAdapter without an HTTP request to /api/messages, with authentication off and on.
import { describe, expect, it } from 'vitest';
import { activity, post, useBot } from '../support/bot';

describe.each([
  ['authentication off', {}],
  ['authentication on', { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' }],
])('runInProcess with %s', (_name, env: Record<string, string>) => {
  const bot = useBot(env);

  it('runs a turn through the bot and returns its replies, with no network call', async () => {
    const { app } = bot;
    const replies = await app.adapter.runInProcess(
      activity({
        text: 'what does an account manager do?',
        channelId: 'webchat',
        serviceUrl: 'http://127.0.0.1:9/',
        deliveryMode: undefined,
      }) as never,
      (context) => app.bot.run(context),
    );
    const messages = replies.filter((a) => a.type === 'message');
    expect(messages).toHaveLength(1);
    // Web Chat gets the answer as an Adaptive Card.
    const card = messages[0].attachments?.[0]?.content as { body: { text: string }[] };
    expect(card.body.map((b) => b.text)).toContain(app.faq.ask('what does an account manager do?').answer!.text);
  });

  it('keeps flow state between in-process turns of one conversation', async () => {
    const { app } = bot;
    const turn = (text: string) =>
      app.adapter.runInProcess(
        activity({
          text,
          channelId: 'webchat',
          conversation: { id: 'in-process-1' },
          from: { id: 'u1', name: 'U', role: 'user' },
        }) as never,
        (context) => app.bot.run(context),
      );
    await turn('estimate my salary');
    const replies = await turn('Senior');
    expect(replies.map((a) => a.text).join(' ')).toContain('New York');
  });

  if (env.MicrosoftAppId) {
    it('does not open /api/messages: an unauthenticated POST is still refused', async () => {
      const res = await post(bot.url, activity({ text: 'hello' }));
      expect(res.status).toBe(401);
    });
  }
});
