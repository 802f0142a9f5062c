// The careers page's layout in Chromium: on a phone (390 x 844) the chat is one tap away (a
// launcher in the first screen opens it full screen; close or Escape hides it), and on a desktop
// it stays beside the posting, in the first screen, with no launcher.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, say, screenshot, snippet, STEP_MS, useChromium, waitForText, waitForWelcome } from '../support/browser';

/** Whether the element is shown and wholly inside the window as it is, without scrolling. */
async function inFirstScreen(page: Page, element: Locator): Promise<boolean> {
  if (!(await element.isVisible())) return false;
  const box = (await element.boundingBox())!;
  const { width, height } = page.viewportSize()!;
  const scrollY = await page.evaluate(() => window.scrollY);
  return scrollY === 0 && box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
}

describe('the careers page on a phone and on a desktop', () => {
  const chrome = useChromium();

  it('on a phone, offers the chat in the first screen and opens it with one tap', async () => {
    const { bot } = chrome;
    const page = await chrome.open(`${bot.url}/`, PHONE);
    const launcher = page.locator('[data-chat-launcher]');
    const sendBox = page.locator('[data-id="webchat-sendbox-input"]');
    await page.locator('html[data-webchat="ready"]').waitFor({ timeout: STEP_MS });
    expect(await inFirstScreen(page, launcher)).toBe(true);
    expect(await launcher.textContent()).toContain(bot.app.config.webchat.botName);
    expect(await sendBox.isVisible()).toBe(false); // the chat is out of the way until asked for
    await screenshot(page, 'phone-first-screen.png');

    await launcher.click();
    await waitForWelcome(page, bot);
    // The panel slides up; wait until it is all in the window.
    await expect.poll(() => inFirstScreen(page, sendBox), { timeout: STEP_MS }).toBe(true);
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('chat'); // focus moved into the chat
    const question = 'how much does an account manager make';
    await say(page, question);
    await waitForText(page, snippet(bot.app.faq.ask(question).answer!.text));
    // Full screen: the chat covers the window's width and height.
    const panel = (await page.locator('#chat').boundingBox())!;
    expect(panel).toMatchObject({ x: 0, y: 0, width: PHONE.width, height: PHONE.height });
    await screenshot(page, 'phone-chat-open.png');

    await page.locator('[data-chat-close]').click();
    await expect.poll(() => sendBox.isVisible()).toBe(false);
    expect(await inFirstScreen(page, launcher)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-chat-launcher'))).toBe(true);
    await launcher.click();
    await expect.poll(() => sendBox.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => sendBox.isVisible()).toBe(false);
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    await page.close();
  }, 120_000);

  it('on a desktop, shows the chat beside the posting in the first screen, with no launcher', async () => {
    const { bot } = chrome;
    const page = await chrome.open(`${bot.url}/`, DESKTOP);
    await waitForWelcome(page, bot);
    expect(await page.locator('[data-chat-launcher]').isVisible()).toBe(false);
    expect(await page.locator('[data-chat-close]').isVisible()).toBe(false);
    expect(await inFirstScreen(page, page.locator('[data-id="webchat-sendbox-input"]'))).toBe(true);
    const posting = (await page.locator('.posting').boundingBox())!;
    const chat = (await page.locator('#chat').boundingBox())!;
    expect(chat.x).toBeGreaterThan(posting.x + posting.width);
    expect(chat.y).toBeLessThan(DESKTOP.height / 4);
    await screenshot(page, 'desktop-first-screen.png');
    await page.close();
  }, 120_000);

  it('made no request outside our server, and no page had a script error', () => chrome.expectOnlyOurServer());
});
