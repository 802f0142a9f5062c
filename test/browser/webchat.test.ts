// The careers page in a real browser (Debian's chromium through playwright-core, see
// test/support/browser.ts): Web Chat loads from our server, the welcome shows, a typed question
// gets its answer, a suggested action works, the career path flow runs by clicking, the embed
// script works from another site, and the page makes no request anywhere but our server.
// Screenshots go to artifacts/screenshots/.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { listInWords } from '../../src/knowledge/templates';
import { click, say, screenshot, snippet, STEP_MS, useChromium, waitForText, waitForWelcome } from '../support/browser';

describe('web chat in Chromium', () => {
  const chrome = useChromium();

  it('shows the posting and the welcome, answers a typed question, and follows a suggested action', async () => {
    const { bot } = chrome;
    const page = await chrome.open(`${bot.url}/`);
    await page.locator('h1', { hasText: 'Account Manager' }).waitFor();
    await waitForWelcome(page, bot);
    await screenshot(page, 'careers-page-welcome.png');

    const question = 'what does an account manager do';
    const answer = bot.app.faq.ask(question).answer!;
    await say(page, question);
    await waitForText(page, snippet(answer.text));
    await screenshot(page, 'careers-page-mid-conversation.png');

    // The answer's suggestions are its follow-up questions: click the first one.
    const followUp = answer.followUps[0].title;
    await click(page, followUp);
    await page.locator('p', { hasText: followUp }).first().waitFor({ timeout: STEP_MS }); // sent as the user's message
    await waitForText(page, snippet(bot.app.faq.ask(followUp).answer!.text));
    await page.close();
  }, 120_000);

  it('walks through the career path by clicking: a stage, the next stage, done', async () => {
    const { bot } = chrome;
    const page = await chrome.open(`${bot.url}/`);
    const flows = bot.app.kit.kb.flows;
    const [, mid, senior] = bot.app.kb.ladder.stages;
    const heading = (stage: typeof mid) => `${stage.level} stage: ${listInWords(stage.titles, 'or')}`;

    // Ask about the career path; its answer offers the walkthrough as its first button.
    await waitForWelcome(page, bot);
    await say(page, 'what is the career path for account managers');
    await click(page, flows.careerPath.button);
    await waitForText(page, snippet(flows.careerPath.askStage));
    await click(page, mid.level);
    await waitForText(page, heading(mid));
    await click(page, flows.careerPath.choices.next);
    await waitForText(page, heading(senior));
    await screenshot(page, 'careers-page-career-path.png');
    await click(page, flows.careerPath.choices.done);
    await waitForText(page, flows.careerPath.finished);
    await page.close();
  }, 120_000);

  it('embeds the chat on another site with the script tag', async () => {
    const { bot } = chrome;
    let host: Server | undefined;
    try {
      host = createServer((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><html><head><title>Example careers site</title></head>
<body style="font-family: sans-serif; margin: 2rem"><h1>Example careers site</h1><p>Jobs at an example agency.</p>
<script src="${bot.url}/embed.js" async></script></body></html>`);
      });
      await new Promise<void>((resolve) => host!.listen(0, '127.0.0.1', resolve));
      const hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
      chrome.allow(hostOrigin);

      const page = await chrome.open(`${hostOrigin}/`);
      const launcher = page.locator('button[data-careers-chat="button"]');
      await launcher.waitFor();
      await launcher.click();
      const frame = page.frameLocator('iframe[data-careers-chat="frame"]');
      await frame
        .locator('p', { hasText: bot.app.faq.messages.welcome.split('\n')[0] })
        .first()
        .waitFor({ timeout: STEP_MS });
      const chat = page.frames().find((f) => f.url() === `${bot.url}/chat`)!;
      expect(chat).toBeDefined();
      const question = 'how much does an account manager make';
      await say(chat, question);
      await waitForText(chat, snippet(bot.app.faq.ask(question).answer!.text));
      await screenshot(page, 'embedded-chat-on-another-site.png');

      await page.close();
    } finally {
      // Chromium keeps its connections to the host page open: close them, or close() waits for them.
      await new Promise((resolve) => {
        if (!host) return resolve(undefined);
        host.close(resolve);
        host.closeAllConnections();
      });
    }
  }, 120_000);

  it('made no request outside our server, and no page had a script error', () => {
    expect(chrome.requests.length).toBeGreaterThan(10);
    chrome.expectOnlyOurServer();
  });
});
