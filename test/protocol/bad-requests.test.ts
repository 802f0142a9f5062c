// Bad input on POST /api/messages: every case is a 4xx with a JSON `{"error": "..."}` body, never a
// 500, a stack trace or a crash, and the server keeps answering afterwards.
import { describe, expect, it } from 'vitest';
import { activity, post, postRaw, say, type Reply, useBot } from '../support/bot';

const bot = useBot();

const maxBody = 64 * 1024;
const maxText = 2000;

function expectJsonError(res: Reply, status: number) {
  expect(res.status, res.raw).toBe(status);
  expect(res.contentType).toMatch(/^application\/json/);
  expect(typeof res.body?.error).toBe('string');
  expect(res.body.error.length).toBeGreaterThan(0);
  expect(res.raw).not.toMatch(/\n\s+at /); // no stack trace
}

async function stillAnswers() {
  const { messages } = await say(bot.url, 'hello');
  expect(messages.length).toBeGreaterThan(0);
}

describe('bad requests on /api/messages', () => {
  it('malformed JSON is a 400', async () => {
    expectJsonError(await postRaw(bot.url, '{"type": "message", "text": '), 400);
    expectJsonError(await postRaw(bot.url, ''), 400);
    await stillAnswers();
  });

  it('binary garbage is a 400', async () => {
    const garbage = new Uint8Array(4096);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 256;
    expectJsonError(await postRaw(bot.url, garbage, { 'content-type': 'application/octet-stream' }), 400);
    await stillAnswers();
  });

  it('JSON that is not an object is a 400', async () => {
    for (const body of ['null', '42', '"message"', '[{"type":"message"}]', 'true']) {
      expectJsonError(await postRaw(bot.url, body), 400);
    }
    await stillAnswers();
  });

  it('a missing or non-string type is a 400 (CloudAdapter alone would answer 500)', async () => {
    expectJsonError(await post(bot.url, activity({ type: undefined })), 400);
    expectJsonError(await post(bot.url, activity({ type: 42 })), 400);
    expectJsonError(await post(bot.url, activity({ type: '' })), 400);
    expectJsonError(await post(bot.url, { text: 'hello' }), 400);
    await stillAnswers();
  });

  it('text that is not a string, or longer than the limit, is a 400', async () => {
    expectJsonError(await post(bot.url, activity({ text: { evil: true } })), 400);
    expectJsonError(await post(bot.url, activity({ text: ['a', 'b'] })), 400);
    expectJsonError(await post(bot.url, activity({ text: 'x'.repeat(maxText + 1) })), 400);
    // At the limit it is still a message (and gets an answer of some kind).
    const atLimit = await post(bot.url, activity({ text: 'salary '.repeat(maxText / 7).slice(0, maxText) }));
    expect(atLimit.status).toBe(200);
    await stillAnswers();
  });

  it('malformed members, entities or conversation are a 400, not a crash inside the turn', async () => {
    expectJsonError(await post(bot.url, activity({ type: 'conversationUpdate', membersAdded: 'everyone' })), 400);
    expectJsonError(await post(bot.url, activity({ type: 'conversationUpdate', membersAdded: [null] })), 400);
    expectJsonError(await post(bot.url, activity({ entities: 'mention' })), 400);
    expectJsonError(await post(bot.url, activity({ conversation: 'c1' })), 400);
    expectJsonError(await post(bot.url, activity({ channelId: 7 })), 400);
    await stillAnswers();
  });

  it('missing ids the bot keys state and replies by are a 400, not an error inside the turn', async () => {
    for (const overrides of [
      { channelId: undefined },
      { channelId: '' },
      { conversation: undefined },
      { conversation: {} },
      { conversation: { id: 5 } },
      { conversation: { id: '  ' } },
      { from: undefined },
      { from: { name: 'no id' } },
      { type: 'invoke', name: 'composeExtension/query', value: {}, from: {} },
    ]) {
      const res = await post(bot.url, activity(overrides));
      expectJsonError(res, 400);
      expect(res.body.error, JSON.stringify(overrides)).toMatch(/channelId|conversation|from/);
    }
    // A conversation update need not say who sent it.
    expect((await post(bot.url, activity({ type: 'conversationUpdate', from: undefined, membersAdded: [{ id: 'u' }] }))).status).toBe(200);
    await stillAnswers();
  });

  it('channelData that is not an object, or a Teams edit or deletion without it, is a 400', async () => {
    expectJsonError(await post(bot.url, activity({ channelData: 'x' })), 400);
    for (const type of ['messageUpdate', 'messageDelete']) {
      const res = await post(bot.url, activity({ type, channelId: 'msteams', text: undefined }));
      expectJsonError(res, 400);
      expect(res.body.error).toContain('channelData');
      const edit = await post(
        bot.url,
        activity({ type, channelId: 'msteams', text: undefined, channelData: { eventType: 'editMessage' } }),
      );
      expect(edit.status, edit.raw).toBe(200);
      expect(edit.raw).not.toContain('something went wrong');
    }
    await stillAnswers();
  });

  it('a serviceUrl that is not an http(s) URL is a 400', async () => {
    for (const serviceUrl of ['not a url', 'ftp://127.0.0.1/', 'javascript:alert(1)', 'http://']) {
      const res = await post(bot.url, activity({ serviceUrl, deliveryMode: undefined }));
      expectJsonError(res, 400);
      expect(res.body.error).toMatch(/serviceUrl/);
    }
    await stillAnswers();
  });

  it('an invoke without a name, with a malformed value, or that the bot does not handle is a 400', async () => {
    // As channels send invokes: the response is the invoke's own, not a list of replies.
    const invoke = (overrides: Record<string, unknown>) =>
      post(bot.url, activity({ type: 'invoke', text: undefined, deliveryMode: undefined, ...overrides }));
    for (const overrides of [
      { name: undefined },
      { name: '' },
      { name: 'composeExtension/query', value: undefined },
      { name: 'composeExtension/query', value: { parameters: 'x' } },
      { name: 'composeExtension/query', value: { parameters: [null] } },
      { name: 'adaptiveCard/action', value: {} },
      { name: 'adaptiveCard/action', value: { action: 'go' } },
    ]) {
      expectJsonError(await invoke(overrides), 400);
    }
    for (const name of ['task/fetch', 'composeExtension/selectItem', 'signin/verifyState-not-a-thing']) {
      const res = await invoke({ name, value: {} });
      expectJsonError(res, 400);
      expect(res.body.error).toContain(name);
    }
    // With expectReplies the invoke's response travels in the body, with the same status.
    const replies = await post(bot.url, activity({ type: 'invoke', text: undefined, name: 'task/fetch', value: {} }));
    expect(replies.body.activities.find((a: any) => a.type === 'invokeResponse')?.value?.status, replies.raw).toBe(400);
    // The invoke the bot does handle still works.
    const search = await invoke({
      channelId: 'msteams',
      name: 'composeExtension/query',
      value: { commandId: 'searchAnswers', parameters: [{ name: 'query', value: 'salary' }] },
    });
    expect(search.status, search.raw).toBe(200);
    expect(search.body.composeExtension.attachments.length).toBeGreaterThan(0);
    await stillAnswers();
  });

  it('a reply that cannot be delivered anywhere (no serviceUrl, no expectReplies) is a 400', async () => {
    expectJsonError(await post(bot.url, activity({ deliveryMode: undefined, serviceUrl: undefined })), 400);
    await stillAnswers();
  });

  it('a body over the size limit is a 413, declared or streamed', async () => {
    const huge = JSON.stringify(activity({ text: 'a'.repeat(maxBody * 4) }));
    expectJsonError(await postRaw(bot.url, huge), 413);

    // Chunked, without a Content-Length: the server stops reading at the limit.
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= maxBody * 4) controller.close();
        else {
          sent += chunk.length;
          controller.enqueue(chunk);
        }
      },
    });
    const res = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    const raw = await res.text();
    expectJsonError({ status: res.status, contentType: res.headers.get('content-type'), body: JSON.parse(raw), raw }, 413);
    await stillAnswers();
  });

  it('other methods and unknown routes get JSON errors too', async () => {
    const get = await fetch(`${bot.url}/api/messages`);
    expect(get.status).toBe(405);
    expect(get.headers.get('content-type')).toMatch(/json/);
    expect(typeof (await get.json()).error).toBe('string');
    const missing = await fetch(`${bot.url}/nope`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/json/);
    expect(Object.keys(await missing.json())).toEqual(['error']);
    await stillAnswers();
  });
});
