// POST /api/messages with the real bot: welcome, answer, clarify, fallback, small talk, the
// FaqMatch trace (a contract outside tests read), and replies delivered to a channel's serviceUrl.
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/lib/log';
import { createAdapter } from '../../src/server/adapter';
import { close, createServer, listen } from '../../src/server/server';
import { MAX_ANSWER_WORDS, visibleWordCount } from '../../src/knowledge/answer-length';
import { loadKnowledge } from '../../src/knowledge/load';
import { loadConfig } from '../../src/config';
import { FaqBot } from '../../src/bots/faq-bot';
import type { FaqApi } from '../../src/faq/port';
import { activity, post, say, useBot } from '../support/bot';

const TURN_ERROR_REPLY = loadKnowledge().messages.turnError;

const bot = useBot();

const titles = (a: any) => (a.suggestedActions?.actions ?? []).map((x: any) => x.title);

/** Checks one FaqMatch trace against the contract and returns its value. */
function expectFaqMatchTrace(trace: any, query: string) {
  expect(trace).toMatchObject({
    type: 'trace',
    name: 'FaqMatch',
    label: 'FAQ match',
    valueType: 'https://careers-faq-bot/FaqMatch',
  });
  expect(Object.keys(trace.value).sort()).toEqual(['kind', 'query', 'threshold', 'top']);
  expect(trace.value.query).toBe(query);
  expect(['answer', 'clarify', 'fallback', 'smalltalk', 'dialog']).toContain(trace.value.kind);
  expect(typeof trace.value.threshold).toBe('number');
  expect(trace.value.threshold).toBeGreaterThan(0);
  expect(trace.value.threshold).toBeLessThanOrEqual(1);
  expect(Array.isArray(trace.value.top)).toBe(true);
  for (const t of trace.value.top) {
    expect(Object.keys(t).sort()).toEqual(['id', 'score']);
    expect(typeof t.id).toBe('string');
    expect(t.score).toBeGreaterThanOrEqual(0);
    expect(t.score).toBeLessThanOrEqual(1);
  }
  return trace.value as { query: string; kind: string; top: { id: string; score: number }[]; threshold: number };
}

describe('welcome', () => {
  it('welcomes a person who joins, with the main topics as buttons', async () => {
    const res = await post(
      bot.url,
      activity({
        type: 'conversationUpdate',
        text: undefined,
        membersAdded: [
          { id: 'bot-1', name: 'Bot' },
          { id: 'user-1', name: 'User' },
        ],
      }),
    );
    expect(res.status).toBe(200);
    const acts = res.body.activities;
    expect(acts).toHaveLength(1);
    const { messages } = bot.app.faq;
    expect(acts[0].type).toBe('message');
    expect(acts[0].text).toBe(messages.welcome);
    expect(titles(acts[0])).toEqual(messages.mainTopics.map((id) => bot.app.faq.link(id).title));
    for (const action of acts[0].suggestedActions.actions) expect(action.type).toBe('imBack');
    // Replies are addressed back to the person.
    expect(acts[0].recipient.id).toBe('user-1');
    expect(acts[0].conversation.id).toBeTruthy();
  });

  it('does not welcome the bot itself', async () => {
    const res = await post(bot.url, activity({ type: 'conversationUpdate', text: undefined, membersAdded: [{ id: 'bot-1' }] }));
    expect(res.status).toBe(200);
    expect(res.body.activities).toEqual([]);
  });
});

describe('answers', () => {
  it('answers a clear question about the role, with the trace and follow-ups as buttons', async () => {
    const query = 'What does an account manager do?';
    const { activities, traces, messages } = await say(bot.url, query);
    expect(traces).toHaveLength(1);
    // The trace first, as botbuilder's QnA component did, then a typing indicator for the answer.
    expect(activities.map((a) => a.type)).toEqual(['trace', 'typing', 'message']);
    const value = expectFaqMatchTrace(traces[0], query);
    expect(value.kind).toBe('answer');
    expect(value.top.length).toBeGreaterThan(0);
    expect(value.top[0].score).toBeGreaterThanOrEqual(value.threshold);

    expect(messages).toHaveLength(1);
    const decision = bot.app.faq.ask(query);
    expect(decision.answer?.id).toBe(value.top[0].id);
    // The answer text is the entry's answer and nothing else: follow-ups are buttons, not text.
    expect(messages[0].text).toBe(decision.answer!.text);
    const flow = bot.app.kit.commands.flowFor(decision.answer!.id);
    const flowButton = flow ? [bot.app.kb.flows[flow].button] : [];
    expect(titles(messages[0])).toEqual([...flowButton, ...decision.answer!.followUps.map((f) => f.title)]);
  });

  it('answers every entry when asked by its title (what a follow-up button sends)', async () => {
    const withFollowUps = bot.app.kb.entries.filter((e) => e.followUps.length > 0).slice(0, 5);
    expect(withFollowUps.length).toBeGreaterThan(0);
    for (const entry of withFollowUps) {
      const { traces, messages } = await say(bot.url, entry.title);
      const value = expectFaqMatchTrace(traces[0], entry.title);
      expect(value.kind).toBe('answer');
      expect(value.top[0].id).toBe(entry.id);
      expect(messages).toHaveLength(1);
      // A guided flow on the entry's topic comes first, then the entry's follow-ups.
      const flow = bot.app.kit.commands.flowFor(entry.id);
      const flowButton = flow ? [bot.app.kb.flows[flow].button] : [];
      expect(titles(messages[0])).toEqual([...flowButton, ...entry.followUps.map((id) => bot.app.faq.link(id).title)]);
    }
  });

  it('strips a Teams @mention of the bot before matching', async () => {
    const entry = bot.app.kb.entries[0];
    const mention = '<at>Careers Bot</at>';
    const { traces } = await say(bot.url, `${mention} ${entry.title}`, {
      entities: [{ type: 'mention', text: mention, mentioned: { id: 'bot-1', name: 'Careers Bot' } }],
    });
    const value = expectFaqMatchTrace(traces[0], entry.title);
    expect(value.top[0].id).toBe(entry.id);
  });

  it('answers "what does an account manager do?" on Web Chat in at most 80 visible words', async () => {
    const { messages } = await say(bot.url, 'what does an account manager do?', { channelId: 'webchat' });
    expect(messages).toHaveLength(1);
    // The card shows its title as a heading and the answer under it (its fallback text repeats them
    // for clients without cards): the answer is the text blocks after the heading.
    const [heading, ...answer] = messages[0].attachments[0].content.body.map((b: { text: string }) => b.text);
    expect(heading).toBe(bot.app.faq.ask('what does an account manager do?').answer!.title);
    const shown = answer.join('\n');
    expect(shown).toMatch(/account manager/i);
    expect(visibleWordCount(shown), shown).toBeLessThanOrEqual(MAX_ANSWER_WORDS);
  });

  it('sends the trace only on the Emulator channel', async () => {
    for (const channelId of ['webchat', 'msteams', 'directline']) {
      const { traces, messages } = await say(bot.url, 'What does an account manager do?', { channelId });
      expect(traces).toEqual([]);
      expect(messages).toHaveLength(1);
    }
  });
});

describe('did you mean', () => {
  /**
   * A genuinely two-topic message: one word that belongs to a single entry plus one word that
   * belongs to a single other entry. The first such message the service clarifies between those
   * two entries (found in-process, in well under a second), or undefined if it clarifies none.
   */
  function findTwoTopicQuery(): { query: string; a: string; b: string } | undefined {
    const entries = bot.app.kb.entries;
    const wordsOf = (e: (typeof entries)[number]) =>
      new Set(
        [e.title, ...e.keywords]
          .join(' ')
          .toLowerCase()
          .split(/[^a-z]+/)
          .filter((w) => w.length > 3),
      );
    const owners = new Map<string, number>();
    for (const e of entries) for (const w of wordsOf(e)) owners.set(w, (owners.get(w) ?? 0) + 1);
    const distinctive = entries
      .map((e) => ({ id: e.id, words: [...wordsOf(e)].filter((w) => owners.get(w) === 1) }))
      .filter((x) => x.words.length > 0);
    for (let k = 0; k < 4; k++) {
      for (const a of distinctive) {
        for (const b of distinctive) {
          if (a.id >= b.id || !a.words[k] || !b.words[k]) continue;
          const query = `${a.words[k]} ${b.words[k]}`;
          const d = bot.app.faq.ask(query);
          const ids = (d.choices ?? []).map((c) => c.id);
          if (d.kind === 'clarify' && ids.includes(a.id) && ids.includes(b.id)) return { query, a: a.id, b: b.id };
        }
      }
    }
    return undefined;
  }

  it('offers both topics plus "None of these" for a message that mixes two entries', async (ctx) => {
    const found = findTwoTopicQuery();
    if (!found) {
      ctx.skip('the FAQ service clarified no two-topic message; see the stubbed test below for the rendering');
      return;
    }
    const { query } = found;
    const replies = await say(bot.url, query);
    const value = expectFaqMatchTrace(replies.traces[0], query);
    expect(value.kind).toBe('clarify');
    expect(value.top.length).toBeGreaterThanOrEqual(2);
    expect(value.top.map((t) => t.id)).toEqual(expect.arrayContaining([found.a, found.b]));
    const { messages } = bot.app.faq;
    expect(replies.messages).toHaveLength(1);
    const choices = bot.app.faq.ask(query).choices!;
    expect(replies.messages[0].text).toBe(messages.clarify);
    expect(titles(replies.messages[0])).toEqual([...choices.map((c) => c.title), messages.noneOfThese]);

    // Picking a choice answers that entry.
    const picked = await say(bot.url, choices[1].title);
    const pickedValue = expectFaqMatchTrace(picked.traces[0], choices[1].title);
    expect(pickedValue.kind).toBe('answer');
    expect(pickedValue.top[0].id).toBe(choices[1].id);
  });

  it('renders any clarify decision as the choices plus "None of these" (stubbed decision)', async () => {
    const real = bot.app.faq;
    const [first, second] = bot.app.kb.entries;
    const stub: FaqApi = {
      messages: real.messages,
      threshold: real.threshold,
      link: (id) => real.link(id),
      ask: (text) =>
        text === 'stub-ambiguous'
          ? {
              query: text,
              kind: 'clarify',
              score: 0.4,
              threshold: 0.3,
              top: [
                { id: first.id, title: first.title, score: 0.4 },
                { id: second.id, title: second.title, score: 0.39 },
              ],
              choices: [
                { id: first.id, title: first.title, score: 0.4 },
                { id: second.id, title: second.title, score: 0.39 },
              ],
            }
          : real.ask(text),
    };
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const logger = createLogger('silent');
    const server = createServer({ bot: new FaqBot(stub), adapter: createAdapter(config, logger, TURN_ERROR_REPLY), config, logger });
    const { url } = await listen(server, 0, '127.0.0.1');
    try {
      const replies = await say(url, 'stub-ambiguous');
      const value = expectFaqMatchTrace(replies.traces[0], 'stub-ambiguous');
      expect(value).toEqual({
        query: 'stub-ambiguous',
        kind: 'clarify',
        top: [
          { id: first.id, score: 0.4 },
          { id: second.id, score: 0.39 },
        ],
        threshold: 0.3,
      });
      expect(replies.messages).toHaveLength(1);
      expect(replies.messages[0].text).toBe(real.messages.clarify);
      expect(titles(replies.messages[0])).toEqual([first.title, second.title, real.messages.noneOfThese]);
      for (const action of replies.messages[0].suggestedActions.actions) {
        expect(action).toEqual({ type: 'imBack', title: action.title, value: action.title });
      }
    } finally {
      await close(server, 1000);
    }
  });

  it('answers "None of these" with its own reply and a fallback trace', async () => {
    const { messages } = bot.app.faq;
    const replies = await say(bot.url, messages.noneOfThese);
    const value = expectFaqMatchTrace(replies.traces[0], messages.noneOfThese);
    expect(value.kind).toBe('fallback');
    expect(value.top).toEqual([]);
    expect(replies.messages).toHaveLength(1);
    expect(replies.messages[0].text).toBe(messages.noneOfTheseReply);
  });
});

describe('fallback and small talk', () => {
  it('declines unrelated questions and gibberish, offering the main topics', async () => {
    const { messages } = bot.app.faq;
    const topics = messages.mainTopics.map((id) => bot.app.faq.link(id).title);
    for (const query of ['what is the weather in paris tomorrow', 'qzxv blorpt fnargh']) {
      const replies = await say(bot.url, query);
      const value = expectFaqMatchTrace(replies.traces[0], query);
      expect(value.kind).toBe('fallback');
      expect(replies.messages).toHaveLength(1);
      expect(replies.messages[0].text).toBe(bot.app.faq.ask(query).reply ?? messages.fallback);
      expect(titles(replies.messages[0])).toEqual(topics);
    }
  });

  it('answers small talk', async () => {
    for (const query of ['hello', 'thanks']) {
      const replies = await say(bot.url, query);
      const value = expectFaqMatchTrace(replies.traces[0], query);
      expect(value.kind).toBe('smalltalk');
      expect(replies.messages).toHaveLength(1);
      expect(replies.messages[0].text).toBe(bot.app.faq.ask(query).reply);
      expect(replies.messages[0].text.length).toBeGreaterThan(0);
    }
  });

  it('replies politely to a message without text (an attachment only)', async () => {
    const res = await post(
      bot.url,
      activity({ text: undefined, attachments: [{ contentType: 'image/png', contentUrl: 'https://example.com/a.png' }] }),
    );
    expect(res.status).toBe(200);
    const messages = res.body.activities.filter((a: any) => a.type === 'message');
    expect(messages).toHaveLength(1);
    expect(messages[0].text.length).toBeGreaterThan(10);
  });

  it('ignores activity types it does not handle', async () => {
    const res = await post(bot.url, activity({ type: 'typing', text: undefined }));
    expect(res.status).toBe(200);
    expect(res.body.activities).toEqual([]);
  });
});

describe('turn errors', () => {
  it('logs an error inside the turn and answers with a friendly message, no stack trace', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    const logger = createLogger('silent');
    const failing = {
      run: async () => {
        throw new Error('boom: secret internals');
      },
    };
    const server = createServer({ bot: failing, adapter: createAdapter(config, logger, TURN_ERROR_REPLY), config, logger });
    const { url } = await listen(server, 0, '127.0.0.1');
    try {
      const res = await post(url, activity({ text: 'hello' }));
      expect(res.status).toBe(200);
      expect(res.body.activities.map((a: { type: string }) => a.type)).toEqual(['typing', 'message']);
      expect(res.body.activities[1].text).toBe(TURN_ERROR_REPLY);
      expect(res.raw).not.toContain('boom');
      expect(res.raw).not.toMatch(/at .*\.(js|ts):\d+/);
    } finally {
      await close(server, 1000);
    }
  });
});

describe('normal delivery (replies posted to the channel)', () => {
  it('posts the replies to the serviceUrl and reuses one connector client across turns', async () => {
    const received: { url: string; body: any }[] = [];
    const channel = createHttpServer((req: IncomingMessage, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        received.push({ url: req.url ?? '', body: JSON.parse(data || '{}') });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `r${received.length}` }));
      });
    });
    await new Promise<void>((r) => channel.listen(0, '127.0.0.1', r));
    const serviceUrl = `http://127.0.0.1:${(channel.address() as AddressInfo).port}/`;
    try {
      const before = bot.app.adapter.auth.cachedClients.connector;
      for (const text of ['hello', 'What does an account manager do?']) {
        const res = await post(
          bot.url,
          activity({ text, serviceUrl, deliveryMode: undefined, channelId: 'webchat', conversation: { id: 'conv-delivery' } }),
        );
        expect(res.status).toBe(200);
        expect(res.raw).toBe('');
      }
      // Each turn: a typing indicator, then the reply.
      expect(received.map((r) => r.body.type)).toEqual(['typing', 'message', 'typing', 'message']);
      for (const r of received) {
        expect(r.url).toMatch(/^\/v3\/conversations\/conv-delivery\/activities\//);
        expect(r.body.recipient.id).toBe('user-1');
      }
      expect(received[1].body.text).toBe(bot.app.faq.ask('hello').reply);
      // One client for this service URL, created on the first turn and reused on the second.
      expect(bot.app.adapter.auth.cachedClients.connector).toBe(before + 1);
    } finally {
      await new Promise((r) => channel.close(r));
    }
  });
});
