// The built-in Direct Line endpoint driven by Microsoft's own client, botframework-directlinejs
// (what Web Chat uses), over polling and over the WebSocket stream: connect, the welcome, a
// question and its answer, a suggested action's value, token refresh and a clean end.
import { describe, expect, it } from 'vitest';
import { webChannelOf } from '../../src/server/server';
import { useBot } from '../support/bot';
import { DirectLineRest, buttonsOf, textOf } from '../support/directline';

// The client expects a browser: XMLHttpRequest and WebSocket.
(globalThis as any).XMLHttpRequest ??= require('xhr2');
(globalThis as any).WebSocket ??= require('ws');
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs') as typeof import('botframework-directlinejs');

type Activity = Record<string, any>;

describe.each([
  ['polling', false],
  ['WebSocket', true],
])('botframework-directlinejs over %s', (_name, webSocket) => {
  const bot = useBot();

  it('connects with a token, gets the welcome, asks, gets the answer and follows a button', async () => {
    const grant = await new DirectLineRest(bot.url).generate();
    const client = new DirectLine({ token: grant.token, domain: `${bot.url}/v3/directline`, webSocket, pollingInterval: 200 });
    const seen: Activity[] = [];
    const errors: unknown[] = [];
    const waiters: { match: (a: Activity) => boolean; resolve: (a: Activity) => void }[] = [];
    const subscription = client.activity$.subscribe(
      (activity: Activity) => {
        seen.push(activity);
        for (const w of waiters.splice(0)) {
          if (w.match(activity)) w.resolve(activity);
          else waiters.push(w);
        }
      },
      (error: unknown) => errors.push(error),
    );
    const next = (match: (a: Activity) => boolean, what: string) =>
      new Promise<Activity>((resolve, reject) => {
        const found = seen.find(match);
        if (found) return resolve(found);
        const timer = setTimeout(() => reject(new Error(`no ${what}; saw ${JSON.stringify(seen.map(textOf))}`)), 10_000);
        waiters.push({ match, resolve: (a) => (clearTimeout(timer), resolve(a)) });
      });
    const post = (activity: Activity) =>
      new Promise<string>((resolve, reject) => client.postActivity(activity as never).subscribe(resolve, reject));

    try {
      const welcome = await next((a) => a.from?.role === 'bot', 'welcome');
      expect(textOf(welcome)).toContain(bot.app.faq.messages.welcome.split('\n')[0]);
      // The client keeps the conversation it joined in a field its typings mark private.
      expect((client as unknown as { conversationId: string }).conversationId).toBe(grant.conversationId);
      expect(client.connectionStatus$.getValue()).toBe(ConnectionStatus.Online);
      const streams = webChannelOf(bot.app.server)!.directLine.store!.get(grant.conversationId)!.listeners.size;
      expect(streams).toBe(webSocket ? 1 : 0);

      const question = 'how much does an account manager make';
      const id = await post({ type: 'message', text: question, from: { id: 'me', role: 'user' }, channelData: { clientActivityID: 'c1' } });
      expect(id).toMatch(new RegExp(`^${grant.conversationId}\\|\\d{7}$`));
      const echo = await next((a) => a.id === id, 'echo');
      expect(echo.channelData.clientActivityID).toBe('c1');
      const answer = await next((a) => a.replyToId === id, 'answer');
      const expected = bot.app.faq.ask(question).answer!.text.split(/(?<=[.!?:])\s/)[0];
      expect(textOf(answer)).toContain(expected);

      // Web Chat sends a button's value as a message.
      const button = buttonsOf(welcome)[0];
      const id2 = await post({ type: 'message', text: button, from: { id: 'me', role: 'user' } });
      const reply = await next((a) => a.replyToId === id2, 'reply to the button');
      expect(textOf(reply).length).toBeGreaterThan(20);

      // The client refreshes its token against our endpoint.
      const refreshed = await new Promise<string>((resolve, reject) => (client as any).refreshToken().subscribe(resolve, reject));
      expect(refreshed).toMatch(/^[A-Za-z0-9._-]{60,200}$/);
      expect(refreshed).not.toBe(grant.token);
      expect(errors).toEqual([]);
    } finally {
      subscription.unsubscribe();
      client.end();
    }
  });
});
