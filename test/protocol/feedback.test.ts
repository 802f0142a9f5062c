// "Was this helpful?" over HTTP on the real server: buttons in the answer card on Web Chat and
// Teams whose click is thanked ("yes") or offered the runners-up ("no"), a yes/no reply on Slack,
// nothing on the Emulator, forged clicks ignored, and every reply counted in the question log
// with an unhelpful answer's question kept for the report.
import { describe, expect, it } from 'vitest';
import { cardProblems } from '../support/card-check';
import { activity, post, useBot } from '../support/bot';

const bot = useBot();
const QUESTION = 'how much do account managers earn?';
const copy = () => bot.app.kb.messages.feedback;

async function send(overrides: Record<string, unknown>) {
  const res = await post(bot.url, activity(overrides));
  expect(res.status, res.raw).toBe(200);
  return (res.body.activities as any[]).filter((a) => a.type === 'message');
}

/** The Action.Submit buttons of the answer card's "Was this helpful?". */
function feedbackButtons(message: any): { title: string; data: any }[] {
  const body = message.attachments?.[0]?.content?.body ?? [];
  const set = body.find((b: any) => b.type === 'ActionSet');
  return set?.actions ?? [];
}

async function tallies() {
  await bot.app.recorder?.settled();
  return (await bot.app.recorder!.log.tallies()).filter((t) => t.kind === 'helpful' || t.kind === 'unhelpful');
}

describe('Was this helpful?', () => {
  it('is a Yes/No pair in the answer card on Web Chat and Teams, carrying the answer and its question', async () => {
    for (const channelId of ['webchat', 'msteams']) {
      const [answer] = await send({ text: QUESTION, channelId });
      expect(cardProblems(answer.attachments[0].content)).toEqual([]);
      const buttons = feedbackButtons(answer);
      expect(buttons.map((b) => b.title)).toEqual([copy().yes, copy().no]);
      expect(buttons[0].data).toMatchObject({ faqFeedback: 'helpful', entry: 'salary-overview', query: QUESTION });
      expect(buttons[1].data.faqFeedback).toBe('unhelpful');
    }
  });

  it('is not asked under a fallback, nor on the Emulator', async () => {
    const [declined] = await send({ text: 'is plumbing a good trade?', channelId: 'webchat' });
    expect(feedbackButtons(declined)).toEqual([]);
    const [plain] = await send({ text: QUESTION });
    expect(JSON.stringify(plain)).not.toContain(copy().ask);
  });

  it('thanks a "yes", offers the runners-up after a "no", and counts and keeps both', async () => {
    const before = await tallies();
    const [answer] = await send({ text: QUESTION, channelId: 'webchat', conversation: { id: 'fb-1' } });
    const [yes, no] = feedbackButtons(answer);
    const thanked = await send({ value: yes.data, channelId: 'webchat', conversation: { id: 'fb-1' }, text: undefined });
    expect(thanked.map((m) => m.text)).toEqual([copy().thanks]);
    const sorry = await send({ value: no.data, channelId: 'webchat', conversation: { id: 'fb-1' }, text: undefined });
    expect(sorry[0].text).toBe(copy().sorry);
    const offered = sorry[0].suggestedActions.actions.map((a: any) => a.title);
    // A sure answer has no runners-up: its follow-ups are what came next.
    const decision = bot.app.faq.ask(QUESTION);
    const expected = [...decision.top, ...decision.answer!.followUps].filter((c) => c.id !== 'salary-overview').map((c) => c.title);
    expect(offered).toEqual(expected.slice(0, 3));
    expect(offered).toHaveLength(3);
    const count = (all: typeof before, kind: string) => all.find((t) => t.kind === kind && t.entryId === 'salary-overview')?.count ?? 0;
    const after = await tallies();
    expect(count(after, 'helpful')).toBe(count(before, 'helpful') + 1);
    expect(count(after, 'unhelpful')).toBe(count(before, 'unhelpful') + 1);
    const kept = await bot.app.recorder!.log.since();
    for (const reason of ['helpful', 'unhelpful']) {
      expect(kept.some((r) => r.reason === reason && r.query === QUESTION && r.top[0].id === 'salary-overview')).toBe(true);
    }
  });

  it('ignores a forged click: an unknown entry or a malformed value is not feedback', async () => {
    const before = await tallies();
    for (const value of [
      { faqFeedback: 'unhelpful', entry: 'no-such-entry', query: 'x' },
      { faqFeedback: 'maybe', entry: 'salary-overview', query: 'x' },
      { faqFeedback: 'helpful', entry: 'salary-overview', query: 42 },
      'helpful',
    ]) {
      const replies = await send({ value, channelId: 'webchat', text: undefined });
      expect(replies.map((m) => m.text)).not.toContain(copy().thanks);
    }
    expect(await tallies()).toEqual(before);
  });

  it('on Slack asks for a yes or no in the text, and takes only the very next message as the reply', async () => {
    const conversation = { id: 'slack-feedback' };
    const [answer] = await send({ text: QUESTION, channelId: 'slack', conversation });
    expect(answer.text).toContain(copy().slackPrompt);
    expect((await send({ text: 'yes', channelId: 'slack', conversation })).map((m) => m.text)).toEqual([copy().thanks]);
    // Answered once: a later "no" is an ordinary message again.
    expect((await send({ text: 'no', channelId: 'slack', conversation }))[0].text).not.toContain(copy().sorry);
    await send({ text: QUESTION, channelId: 'slack', conversation });
    await send({ text: 'thanks', channelId: 'slack', conversation });
    expect((await send({ text: 'nope', channelId: 'slack', conversation }))[0].text).not.toContain(copy().sorry);
    await send({ text: QUESTION, channelId: 'slack', conversation });
    const sorry = await send({ text: 'No.', channelId: 'slack', conversation });
    expect(sorry[0].text).toContain(copy().sorry);
    expect(sorry[0].text).toMatch(/^1\. /m);
  });
});
