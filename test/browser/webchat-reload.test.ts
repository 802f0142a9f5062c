// A reload keeps the conversation (within its token's lifetime), in Chromium: the page keeps the
// conversation id, token and watermark in sessionStorage and reconnects, so the earlier question
// and answer are still shown and the conversation goes on. A kept conversation that has ended, or
// whose token is refused, gives way to a new conversation without an error.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { TokenIssuer } from '../../src/directline/tokens';
import { PHONE, say, screenshot, snippet, STEP_MS, useChromium, waitForText, waitForWelcome } from '../support/browser';

const TOKEN_KEY = 'browser-test-token-key-0123456789abcdef';
const SESSION_KEY = 'careers-chat:conversation';

interface KeptSession {
  conversationId: string;
  token: string;
  domain: string;
  watermark: string;
}

const keptSession = (page: Page) =>
  page.evaluate((key) => JSON.parse(sessionStorage.getItem(key) ?? 'null') as KeptSession | null, SESSION_KEY);

/** Waits until Web Chat is connected and has kept its conversation for the tab. */
async function connected(page: Page): Promise<KeptSession> {
  await page.waitForFunction((key) => sessionStorage.getItem(key) !== null, SESSION_KEY, { timeout: STEP_MS });
  return (await keptSession(page))!;
}

/** How many times the welcome is in the transcript (a new conversation would add another). */
const welcomes = (page: Page, line: string) => page.locator('#webchat p', { hasText: line }).count();

describe('a reload of the careers page', () => {
  const chrome = useChromium({ DIRECT_LINE_TOKEN_KEY: TOKEN_KEY });
  const tokenRequests = () => chrome.requests.filter((u) => u.endsWith('/api/webchat/token')).length;

  it('keeps the conversation: the earlier question and answer are shown, and it goes on', async () => {
    const { bot } = chrome;
    const welcome = bot.app.faq.messages.welcome.split('\n')[0];
    const page = await chrome.open(`${bot.url}/`, PHONE);
    await page.locator('[data-chat-launcher]').click();
    await waitForWelcome(page, bot);
    const question = 'how much does an account manager make';
    const answer = snippet(bot.app.faq.ask(question).answer!.text);
    await say(page, question);
    await waitForText(page, answer);
    const before = await connected(page);
    const tokensBefore = tokenRequests();

    await page.reload();
    await page.locator('html[data-webchat="resumed"]').waitFor({ state: 'attached', timeout: STEP_MS });
    await waitForText(page, question);
    await waitForText(page, answer);
    expect(await welcomes(page, welcome)).toBe(1);
    expect(await page.locator('#webchat [data-id="webchat-sendbox-input"]').isVisible()).toBe(true); // still open on the phone
    await screenshot(page, 'phone-after-reload.png');
    // The same conversation, reconnected with Direct Line's GET /conversations/{id}; no new token asked for.
    expect(tokenRequests()).toBe(tokensBefore);
    expect(chrome.requests.some((u) => u.includes(`/v3/directline/conversations/${before.conversationId}?watermark=`))).toBe(true);
    expect((await keptSession(page))?.conversationId).toBe(before.conversationId);

    const next = 'what skills does an account manager need';
    await say(page, next);
    await waitForText(page, snippet(bot.app.faq.ask(next).answer!.text));
    await page.close();
  }, 120_000);

  it('starts a new conversation, cleanly, when the kept one has ended or its token has expired', async () => {
    const { bot } = chrome;
    const welcome = bot.app.faq.messages.welcome.split('\n')[0];
    const opened = await chrome.open(`${bot.url}/`);
    const first = await connected(opened);
    await opened.close();
    const ttlMs = bot.app.config.directLine.tokenTtlSeconds * 1000;
    const kept: Record<string, KeptSession> = {
      // A well-signed token for a conversation the server no longer has (404).
      ended: {
        ...first,
        conversationId: 'endedConversation1',
        token: new TokenIssuer(TOKEN_KEY, ttlMs, 1).issue('endedConversation1').token,
      },
      // This conversation's token, as issued before its lifetime (403).
      expired: { ...first, token: new TokenIssuer(TOKEN_KEY, ttlMs, 1, () => Date.now() - 2 * ttlMs).issue(first.conversationId).token },
    };
    for (const [why, session] of Object.entries(kept)) {
      // A tab whose storage holds the kept conversation when the page loads, as after a reload.
      const page = await chrome.open(`${bot.url}/`, undefined, async (tab) => {
        await tab.addInitScript(([key, value]) => sessionStorage.setItem(key, value), [SESSION_KEY, JSON.stringify(session)]);
      });
      await page.locator('html[data-webchat="ready"]').waitFor({ state: 'attached', timeout: STEP_MS });
      await waitForWelcome(page, bot);
      expect(await welcomes(page, welcome), why).toBe(1);
      // The new conversation replaces the kept one once it is online.
      const keptId = async () => (await keptSession(page))?.conversationId;
      await expect.poll(keptId, { timeout: STEP_MS }).not.toBe(session.conversationId);
      expect(await keptId(), why).not.toBe(first.conversationId);
      expect(await page.locator('[data-webchat-status]').count(), why).toBe(0);
      const question = 'how much does an account manager make';
      await say(page, question);
      await waitForText(page, snippet(bot.app.faq.ask(question).answer!.text));
      await page.close();
    }
  }, 120_000);

  it('made no request outside our server, and no page had a script error', () => chrome.expectOnlyOurServer());
});
