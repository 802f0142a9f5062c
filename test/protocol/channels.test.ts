// What each channel gets from the real server: Web Chat (cards and suggested actions), Teams
// (cards, three suggested actions in a personal chat, card buttons in a channel, the @mention
// removed, the message-extension search), Slack (mrkdwn and numbered options, answered by number;
// a rating's numbers are ratings).
import { describe, expect, it } from 'vitest';
import { ADAPTIVE_CARD_CONTENT_TYPE } from '../../src/render/cards';
import { cardProblems } from '../support/card-check';
import { activity, post, useBot } from '../support/bot';

const bot = useBot();

const QUESTION = 'how much do account managers earn?';

async function send(overrides: Record<string, unknown>) {
  const res = await post(bot.url, activity(overrides));
  expect(res.status, res.raw).toBe(200);
  return res.body;
}
const messagesOf = (body: any) => (body.activities as any[]).filter((a) => a.type === 'message');

describe('Web Chat', () => {
  it('gets the answer as a valid Adaptive Card, no duplicate text, and the follow-ups as suggested actions', async () => {
    const answer = bot.app.faq.ask(QUESTION).answer!;
    const [message] = messagesOf(await send({ text: QUESTION, channelId: 'webchat' }));
    expect(message.text ?? '').toBe('');
    expect(message.attachments).toHaveLength(1);
    const card = message.attachments[0];
    expect(card.contentType).toBe(ADAPTIVE_CARD_CONTENT_TYPE);
    expect(cardProblems(card.content)).toEqual([]);
    expect(card.content.body.slice(0, 2).map((b: any) => b.text)).toEqual([answer.title, answer.text]);
    expect(card.content.body.at(-1).type).toBe('ActionSet'); // "Was this helpful?" (feedback.test.ts)
    expect(message.suggestedActions.actions.map((a: any) => a.title)).toContain(answer.followUps[0].title);
    expect(message.answerTitle).toBeUndefined(); // internal hints never go out
    expect(message.feedback).toBeUndefined();
  });

  it('gets the skills summary card from the skills check', async () => {
    const conversation = { id: 'webchat-skills' };
    await send({ text: 'check my skills', channelId: 'webchat', conversation });
    let body: any;
    for (const r of ['5', '4', '3', '2', '1']) body = await send({ text: r, channelId: 'webchat', conversation });
    const cards = messagesOf(body).flatMap((m: any) => m.attachments ?? []);
    expect(cards).toHaveLength(1);
    expect(cardProblems(cards[0].content)).toEqual([]);
  });
});

describe('Microsoft Teams', () => {
  const teams = (text: string, extra: Record<string, unknown> = {}) =>
    send({ text, channelId: 'msteams', conversation: { id: `teams-${Math.random()}`, conversationType: 'personal' }, ...extra });

  it('gets a valid card and at most three suggested actions in a personal chat', async () => {
    const [message] = messagesOf(await teams(QUESTION));
    expect(cardProblems(message.attachments[0].content)).toEqual([]);
    expect(message.suggestedActions.actions.length).toBeGreaterThan(0);
    expect(message.suggestedActions.actions.length).toBeLessThanOrEqual(3);
  });

  it('in a channel, where suggested actions do not show, gets the buttons on the card, and the @mention is removed', async () => {
    const mention = '<at>Careers FAQ</at>';
    const answer = bot.app.faq.ask(QUESTION).answer!;
    const body = await send({
      text: `${mention} ${QUESTION}`,
      channelId: 'msteams',
      conversation: { id: 'teams-channel-1', conversationType: 'channel', isGroup: true },
      entities: [{ type: 'mention', text: mention, mentioned: { id: 'bot-1', name: 'Careers FAQ' } }],
    });
    const [message] = messagesOf(body);
    expect(message.suggestedActions).toBeUndefined();
    const card = message.attachments[0].content;
    expect(card.body.map((b: any) => b.text)).toContain(answer.text);
    expect(cardProblems(card)).toEqual([]);
    const buttons = card.actions.map((a: any) => a.data.msteams);
    expect(buttons[0]).toEqual({ type: 'imBack', value: expect.any(String) });
    expect(buttons.map((b: any) => b.value)).toContain(answer.followUps[0].title);
  });

  it('answers the message-extension search with answer cards and previews, in the invoke response', async () => {
    const invoke = (value: unknown) =>
      post(
        bot.url,
        activity({ type: 'invoke', name: 'composeExtension/query', value, channelId: 'msteams', deliveryMode: undefined, text: undefined }),
      );
    const res = await invoke({ commandId: 'searchAnswers', parameters: [{ name: 'query', value: 'what do account managers earn' }] });
    expect(res.status, res.raw).toBe(200);
    const result = res.body.composeExtension;
    expect(result.type).toBe('result');
    expect(result.attachments.length).toBeGreaterThan(0);
    const top = bot.app.faq.ask('what do account managers earn').answer!;
    const first = result.attachments[0];
    expect(first.preview.content.title).toBe(top.title);
    expect(first.content.body.map((b: any) => b.text)).toContain(top.text);
    expect(first.content.body.map((b: any) => b.text)).toContain(bot.app.faq.messages.quickAnswerSource);
    for (const a of result.attachments) expect(cardProblems(a.content)).toEqual([]);

    // Nothing typed yet: the main topics. Out of scope: nothing.
    const initial = await invoke({ commandId: 'searchAnswers', parameters: [{ name: 'initialRun', value: 'true' }] });
    expect(initial.body.composeExtension.attachments.map((a: any) => a.preview.content.title)).toEqual(
      bot.app.faq.messages.mainTopics.map((id) => bot.app.faq.link(id).title),
    );
    const none = await invoke({ commandId: 'searchAnswers', parameters: [{ name: 'query', value: 'how much do nurses earn' }] });
    expect(none.body.composeExtension.attachments).toEqual([]);
  });
});

describe('Slack', () => {
  it('gets mrkdwn text with the options as numbered lines, no cards and no suggested actions, and "2" picks the second', async () => {
    const conversation = { id: 'slack-1' };
    const answer = bot.app.faq.ask(QUESTION).answer!;
    const [message] = messagesOf(await send({ text: QUESTION, channelId: 'slack', conversation }));
    expect(message.attachments ?? []).toEqual([]);
    expect(message.suggestedActions).toBeUndefined();
    expect(message.text).not.toMatch(/\*\*/);
    const lines = message.text.split('\n').filter((l: string) => /^\d+\. /.test(l));
    expect(lines.length).toBeGreaterThan(1);
    const second = lines[1].replace(/^\d+\. /, '');
    const [picked] = messagesOf(await send({ text: '2', channelId: 'slack', conversation }));
    // A follow-up's title is answered exactly by its entry.
    const expected = bot.app.faq.ask(second);
    expect(expected.kind).toBe('answer');
    expect(picked.text).toContain(expected.answer!.text.split('\n')[0].slice(0, 40));
    expect(answer.followUps.length).toBeGreaterThan(0);
  });

  it('runs a flow by numbers', async () => {
    const conversation = { id: 'slack-flow' };
    const start = messagesOf(await send({ text: 'estimate my salary', channelId: 'slack', conversation }));
    const levels = bot.app.kb.salary.bands.map((b) => b.label);
    expect(start[0].text).toContain(`3. ${levels[2]}`);
    const market = messagesOf(await send({ text: '3', channelId: 'slack', conversation }));
    expect(market[0].text).toContain('1. ');
    const result = messagesOf(await send({ text: '2', channelId: 'slack', conversation }));
    expect(result[0].text).toContain(levels[2]);
  });

  it('takes a number as the rating in the skills check, never as an option position', async () => {
    const conversation = { id: 'slack-skills' };
    const { skip, hint } = bot.app.kb.flows.skillsCheck;
    const [first, second] = bot.app.kb.skills.categories;
    const start = messagesOf(await send({ text: 'check my skills', channelId: 'slack', conversation }));
    expect(start.at(-1).text).toContain(`[1] [2] [3] [4] [5] [${skip}]`);
    expect(start.at(-1).text).not.toMatch(new RegExp(`^\\d\\. ${skip}$`, 'm'));
    // "6" is no rating (it used to pick the sixth option, Skip): the same skill is asked again.
    const six = messagesOf(await send({ text: '6', channelId: 'slack', conversation }));
    expect(six.map((m) => m.text).join('\n')).toContain(hint);
    expect(six.at(-1).text).toContain(first.name);
    let last: any[] = [];
    for (const r of ['4', '2', skip, skip, skip]) last = messagesOf(await send({ text: r, channelId: 'slack', conversation }));
    const summary = last.map((m) => m.text).join('\n');
    // Names to develop are bold (*Name*) in mrkdwn.
    expect(summary.replace(/\*/g, '')).toContain(`${first.name} (4/5)`);
    expect(summary.replace(/\*/g, '')).toContain(`${second.name} (2/5)`);
  });
});

describe('Microsoft Teams flows', () => {
  it('shows every choice of a flow step as card buttons when there are more than three', async () => {
    const body = await send({
      text: 'walk me through the career path',
      channelId: 'msteams',
      conversation: { id: 'teams-flow', conversationType: 'personal' },
    });
    const [message] = messagesOf(body);
    expect(message.suggestedActions).toBeUndefined();
    const card = message.attachments[0].content;
    expect(cardProblems(card)).toEqual([]);
    const expected = [...bot.app.kb.ladder.stages.map((s) => s.level), bot.app.kb.flows.careerPath.notInField];
    expect(card.actions.map((a: any) => a.data.msteams.value)).toEqual(expected);
    expect(message.text).toContain(bot.app.kb.flows.careerPath.askStage);
  });
});

describe('typing indicator', () => {
  const typesFor = async (channelId: string, text = QUESTION) =>
    ((await send({ text, channelId, conversation: { id: `typing-${channelId}-${text.length}` } })).activities as any[]).map((a) => a.type);

  it('precedes the first reply on Web Chat, Teams and the Emulator, once per turn', async () => {
    expect(await typesFor('webchat')).toEqual(['typing', 'message']);
    expect(await typesFor('msteams')).toEqual(['typing', 'message']);
    expect(await typesFor('emulator')).toEqual(['trace', 'typing', 'message']);
    // A flow prompt is a reply too.
    expect((await typesFor('webchat', 'estimate my salary'))[0]).toBe('typing');
  });

  it('is addressed like the reply it announces', async () => {
    const body = await send({ text: QUESTION, channelId: 'webchat', conversation: { id: 'typing-address' } });
    const [typing, message] = body.activities;
    expect(typing.conversation.id).toBe('typing-address');
    expect(typing.recipient.id).toBe(message.recipient.id);
    expect(typing.replyToId).toBe(message.replyToId);
    expect(typing.text).toBeUndefined();
  });

  it('is not sent on Slack, which shows none for bots', async () => {
    expect(await typesFor('slack')).toEqual(['message']);
  });
});

describe('salary by level and market, over Web Chat', () => {
  it('answers with the level’s range in the major market', async () => {
    const cardText = async (text: string) => {
      const [message] = messagesOf(await send({ text, channelId: 'webchat' }));
      return JSON.stringify(message.attachments[0].content);
    };
    const senior = await cardText('how much do senior account managers make in NYC?');
    expect(senior).toContain('$86,250');
    expect(senior).toContain('$118,750');
    const entry = await cardText('what would an entry-level AM make in San Francisco?');
    expect(entry).toContain('$51,750');
    expect(entry).toContain('$68,750');
  });
});
