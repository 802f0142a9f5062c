// The careers page in a real browser (Debian's chromium through playwright-core): Web Chat loads
// from our server, the welcome shows, a typed question gets its answer, a suggested action works,
// the career path flow runs by clicking, the embed script works from another site, and the page
// makes no request anywhere but our server. Screenshots go to artifacts/screenshots/.
//
// Chromium must be installed (CI's .ci/run installs it; locally: apt-get install chromium). If it
// is missing these tests fail, on purpose, with a message saying so.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listInWords } from '../../src/knowledge/templates';
import { repoRoot } from '../../src/lib/paths';
import { startBot, type Running } from '../support/bot';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.join(repoRoot, 'artifacts', 'screenshots');
const STEP_MS = 20_000;

/** A short, markdown-free opening of an answer, to find it in a bubble or a card. */
function snippet(text: string): string {
  const line = text
    .split('\n')[0]
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (line.length <= 60) return line;
  return line.slice(0, 60).replace(/\s+\S*$/, '');
}

type Surface = Page | Frame;

/** A screenshot once Web Chat has scrolled its newest message into view. */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(800);
  await page.screenshot({ path: path.join(SCREENSHOTS, name) });
}

/** Waits until `text` is somewhere in the chat's transcript (bubble or Adaptive Card). */
async function waitForText(surface: Surface, text: string, timeout = STEP_MS): Promise<void> {
  const wanted = text.replace(/\s+/g, ' ').trim();
  try {
    await surface.waitForFunction((t) => (document.querySelector('#webchat')?.textContent ?? '').replace(/\s+/g, ' ').includes(t), wanted, {
      timeout,
      polling: 100,
    });
  } catch {
    const seen = await surface.evaluate(() => document.querySelector('#webchat')?.textContent ?? '');
    throw new Error(`"${wanted}" never appeared in the chat; it shows: ${seen.replace(/\s+/g, ' ').slice(-800)}`);
  }
}

async function say(surface: Surface, text: string): Promise<void> {
  const box = surface.locator('[data-id="webchat-sendbox-input"]');
  await box.fill(text);
  await box.press('Enter');
  await surface.locator('p', { hasText: text }).first().waitFor({ timeout: STEP_MS });
}

/** Clicks the newest button (suggested action or card button) labelled exactly `label`. */
async function click(surface: Surface, label: string): Promise<void> {
  const exact = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const button = surface.locator('#webchat button').filter({ hasText: exact }).last();
  await button.waitFor({ state: 'visible', timeout: STEP_MS });
  await button.click();
}

describe('web chat in Chromium', () => {
  let bot: Running;
  let context: BrowserContext;
  let profile: string;
  let origin: string;
  /** The embedding test's host site (another origin), once it runs. */
  let hostOrigin = '';
  /** Every request the browser made, and those that were not for our server (blocked). */
  const requests: string[] = [];
  const foreign: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}. The browser tests need Debian's chromium: ` +
          "apt-get install chromium (CI's .ci/run does this), or set CHROMIUM_PATH to another Chromium.",
      );
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    bot = await startBot();
    origin = new URL(bot.url).origin;
    profile = mkdtempSync(path.join(tmpdir(), 'careers-chat-chromium-'));
    // playwright-core refuses --user-data-dir among the args: a persistent context on a fresh
    // folder is the same thing.
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 900 },
    });
    // Requests for anything but our server (and the embedding test's host page) are recorded and blocked.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      requests.push(url);
      const ours = [origin, `blob:${origin}`, hostOrigin].filter(Boolean).some((o) => url.startsWith(`${o}/`));
      if (ours || url.startsWith('data:')) return route.continue();
      foreign.push(url);
      return route.abort();
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await bot?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  }, 60_000);

  const openPage = async (url: string): Promise<Page> => {
    const page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${url}: ${e.message}`));
    page.on('websocket', (ws) => {
      requests.push(ws.url());
      if (!ws.url().startsWith(`${origin.replace(/^http/, 'ws')}/`)) foreign.push(ws.url());
    });
    await page.goto(url);
    return page;
  };

  it('shows the posting and the welcome, answers a typed question, and follows a suggested action', async () => {
    const page = await openPage(`${bot.url}/`);
    await page.locator('h1', { hasText: 'Account Manager' }).waitFor();
    const welcome = bot.app.faq.messages.welcome.split('\n')[0];
    await page.locator('p', { hasText: welcome }).first().waitFor({ timeout: STEP_MS });
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
    const page = await openPage(`${bot.url}/`);
    const flows = bot.app.kit.kb.flows;
    const [, mid, senior] = bot.app.kb.ladder.stages;
    const heading = (stage: typeof mid) => `${stage.level} stage: ${listInWords(stage.titles, 'or')}`;

    // Ask about the career path; its answer offers the walkthrough as its first button.
    await page
      .locator('p', { hasText: bot.app.faq.messages.welcome.split('\n')[0] })
      .first()
      .waitFor({ timeout: STEP_MS });
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
    let host: Server | undefined;
    try {
      host = createServer((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
        res.end(`<!doctype html><html><head><title>Example careers site</title></head>
<body style="font-family: sans-serif; margin: 2rem"><h1>Example careers site</h1><p>Jobs at an example agency.</p>
<script src="${bot.url}/embed.js" async></script></body></html>`);
      });
      await new Promise<void>((resolve) => host!.listen(0, '127.0.0.1', resolve));
      hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;

      const page = await openPage(`${hostOrigin}/`);
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
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.some((u) => /\/webchat\/webchat-[\d.]+\.js$/.test(u))).toBe(true);
    expect(requests.some((u) => u.startsWith('ws://') && u.includes('/v3/directline/conversations/'))).toBe(true);
    expect(foreign).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
