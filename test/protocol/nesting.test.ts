// Deeply nested JSON bodies are refused with a 400 before any turn runs, on /api/messages and on the
// web chat's Direct Line endpoint.
import { describe, expect, it } from 'vitest';
import { botWithDirectLine, textOf } from '../support/directline';
import { activity, postRaw, say } from '../support/bot';

const bot = botWithDirectLine();

/** `{"a":{"a":...}}` `depth` levels deep, as JSON text (built as text: JSON.stringify would overflow). */
const nestedObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const nestedArray = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** The activity as JSON text with `field` replaced by raw JSON text. */
function withRawField(base: Record<string, unknown>, field: string, rawJson: string): string {
  const placeholder = '"__RAW__"';
  return JSON.stringify({ ...base, [field]: '__RAW__' }).replace(placeholder, rawJson);
}

describe('deeply nested JSON', () => {
  it('is a 400 on /api/messages before the turn, and the bot keeps answering', async () => {
    for (const body of [
      withRawField(activity({ text: 'hello' }), 'conversation', nestedObject(5000)),
      withRawField(activity({ text: 'hello' }), 'channelData', nestedArray(30_000)),
      withRawField(activity({ text: 'hello' }), 'value', nestedObject(65)),
    ]) {
      const res = await postRaw(bot.url, body);
      expect(res.status, res.raw).toBe(400);
      expect(res.body?.error).toMatch(/nested/);
      expect(res.raw).not.toMatch(/\n\s+at /);
    }
    const { messages } = await say(bot.url, 'hello');
    expect(messages.length).toBeGreaterThan(0);
  });

  it('nesting up to the limit is accepted', async () => {
    const body = withRawField(activity({ text: 'what does an account manager do' }), 'channelData', nestedObject(60));
    const res = await postRaw(bot.url, body);
    expect(res.status, res.raw).toBe(200);
    expect(res.body.activities.some((a: any) => a.type === 'message')).toBe(true);
  });

  it('brackets inside strings do not count', async () => {
    const res = await postRaw(bot.url, JSON.stringify(activity({ text: '['.repeat(1500) + ' {{{ "\\" [[' })));
    expect(res.status, res.raw).toBe(200);
  });

  it('is a 400 on a Direct Line post, and the message is not dropped silently', async () => {
    const grant = await bot.dl.open();
    const body = withRawField({ type: 'message', text: 'hello', from: { id: 'x' } }, 'value', nestedArray(7000));
    const res = await fetch(`${bot.dl.domain}/conversations/${grant.conversationId}/activities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${grant.token}`, 'Content-Type': 'application/json' },
      body,
    });
    const raw = await res.text();
    expect(res.status, raw).toBe(400);
    expect(JSON.parse(raw).error).toMatch(/nested/);
    // The conversation still works.
    expect((await bot.dl.say(grant, 'what does an account manager do')).status).toBe(200);
    const seen = await bot.dl.waitFor(grant, (a) => a.from?.role === 'bot' && /account manager/i.test(textOf(a)));
    expect(seen.activities.length).toBeGreaterThan(0);
  });
});
