// The analytics page in a real browser (Debian's chromium through playwright-core, see
// test/support/browser.ts): /admin sends it to the login form, the token signs it in with an
// HttpOnly cookie, the page draws its charts, with no console error (a CSP violation would be one)
// and no request anywhere but our server. The screenshot goes to artifacts/screenshots/.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { activity, post, say as ask } from '../support/bot';
import { SCREENSHOTS, STEP_MS, useChromium } from '../support/browser';

const TOKEN = 'browser-test-admin-token-0123456789';
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('the analytics page in Chromium', () => {
  const chrome = useChromium({ ADMIN_TOKEN: TOKEN });

  it('signs in through the form and shows the charts', async () => {
    const { bot } = chrome;
    // A few questions to chart: answered, asked back or declined.
    for (const question of ['how much does an account manager earn?', 'what does an account manager do', 'is plumbing a good trade?']) {
      await ask(bot.url, question);
    }
    // And a "Was this helpful?" reply: the web chat's answer card carries the buttons.
    const replies = (await post(bot.url, activity({ text: 'how much do account managers earn?', channelId: 'webchat' }))).body.activities;
    const card = replies.find((a: any) => a.type === 'message').attachments[0].content;
    const [helpful] = card.body.find((b: any) => b.type === 'ActionSet').actions;
    await post(bot.url, activity({ value: helpful.data, channelId: 'webchat', text: undefined }));
    await bot.app.recorder!.settled();

    const consoleErrors: string[] = [];
    const page = await chrome.open(`${bot.url}/admin`, undefined, async (tab) => {
      tab.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
    });
    await page.waitForURL(`${bot.url}/admin/login`, { timeout: STEP_MS });
    await page.getByLabel('Admin token').fill('not-the-token-but-long-enough');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'That token was not accepted.' }).waitFor({ timeout: STEP_MS });
    // Chromium reports the wrong token's 401 as a failed load; it is the only error expected.
    expect(consoleErrors).toEqual([expect.stringContaining('401')]);
    consoleErrors.length = 0;

    await page.getByLabel('Admin token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${bot.url}/admin`, { timeout: STEP_MS });
    const perDay = page.getByRole('img', { name: 'Questions per day' });
    await perDay.waitFor({ timeout: STEP_MS });
    const box = await perDay.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(100);
    expect(await perDay.locator('rect title').count()).toBeGreaterThan(0);
    for (const name of ['What became of the questions', 'Top topics', 'Helpfulness']) {
      await expect(page.getByRole('img', { name }).count()).resolves.toBe(1);
    }
    await expect(page.getByRole('img', { name: 'Helpfulness' }).locator('text', { hasText: '1 yes, 0 no' }).count()).resolves.toBe(1);
    await expect(page.getByRole('cell', { name: 'is plumbing a good trade?' }).count()).resolves.toBe(1);

    const [session] = (await chrome.context.cookies(bot.url + '/admin')).filter((c) => c.name === 'admin_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin' });
    expect(await page.evaluate(() => document.cookie)).toBe('');

    const file = path.join(SCREENSHOTS, 'admin-analytics.png');
    await page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(10_000);
    expect(readFileSync(file).subarray(0, 8)).toEqual(PNG_SIGNATURE);

    expect(consoleErrors).toEqual([]);
    expect(chrome.pageErrors).toEqual([]);
    expect(chrome.foreign).toEqual([]);
    expect(chrome.requests.every((url) => url.startsWith(`${bot.url}/admin`))).toBe(true);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${bot.url}/admin/login`, { timeout: STEP_MS });
    await page.close();
  }, 120_000);
});
