// The browser tests' Chromium (Debian's, through playwright-core) and what they do in Web Chat:
// type, click, wait for text, take a screenshot. `useChromium()` starts the real bot and a fresh
// Chromium profile for a test file; every request the pages make is recorded, and any that is not
// for our server (or an origin the test allows) is blocked and listed in `foreign`.
//
// Chromium must be installed (CI's .ci/run installs it; locally: apt-get install chromium). If it
// is missing these tests fail, on purpose, with a message saying so.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { repoRoot } from '../../src/lib/paths';
import { startBot, type Running } from './bot';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(repoRoot, 'artifacts', 'screenshots');
export const STEP_MS = 20_000;
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export type Surface = Page | Frame;

/** A short, markdown-free opening of an answer, to find it in a bubble or a card. */
export function snippet(text: string): string {
  const line = text
    .split('\n')[0]
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`#>]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (line.length <= 60) return line;
  return line.slice(0, 60).replace(/\s+\S*$/, '');
}

/** A screenshot once Web Chat has scrolled its newest message into view. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(800);
  await page.screenshot({ path: path.join(SCREENSHOTS, name) });
}

/** Waits until `text` is somewhere in the chat's transcript (bubble or Adaptive Card). */
export async function waitForText(surface: Surface, text: string, timeout = STEP_MS): Promise<void> {
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

export async function say(surface: Surface, text: string): Promise<void> {
  const box = surface.locator('[data-id="webchat-sendbox-input"]');
  await box.fill(text);
  await box.press('Enter');
  await surface.locator('p', { hasText: text }).first().waitFor({ timeout: STEP_MS });
}

/** Clicks the newest button (suggested action or card button) labelled exactly `label`. */
export async function click(surface: Surface, label: string): Promise<void> {
  const exact = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const button = surface.locator('#webchat button').filter({ hasText: exact }).last();
  await button.waitFor({ state: 'visible', timeout: STEP_MS });
  await button.click();
}

/** Waits for the bot's welcome (its first line) in the chat. */
export async function waitForWelcome(surface: Surface, bot: Running): Promise<void> {
  await surface
    .locator('p', { hasText: bot.app.faq.messages.welcome.split('\n')[0] })
    .first()
    .waitFor({ timeout: STEP_MS });
}

export interface ChromiumSession {
  readonly bot: Running;
  readonly context: BrowserContext;
  /** Every request the browser made (pages, scripts, calls, WebSockets). */
  readonly requests: string[];
  /** Requests for anything but our server and the allowed origins (blocked). */
  readonly foreign: string[];
  readonly pageErrors: string[];
  /** Lets the pages reach another origin (a test's own host page). */
  allow(origin: string): void;
  /** A new tab at `url`, `viewport` sized; `setup` runs on the tab before it loads the page. */
  open(url: string, viewport?: { width: number; height: number }, setup?: (page: Page) => Promise<void>): Promise<Page>;
  /** Fails unless pages loaded our Web Chat and made no request elsewhere, without script errors. */
  expectOnlyOurServer(): void;
}

/** The bot and a fresh Chromium profile for one test file, closed after it. */
export function useChromium(env: Record<string, string> = {}): ChromiumSession {
  let bot: Running | undefined;
  let context: BrowserContext | undefined;
  let profile = '';
  const allowed: string[] = [];
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
    bot = await startBot(env);
    const origin = new URL(bot.url).origin;
    allowed.push(origin, `blob:${origin}`);
    profile = mkdtempSync(path.join(tmpdir(), 'careers-chat-chromium-'));
    context = await launch(profile);
    await context.route('**/*', (route) => {
      const url = route.request().url();
      requests.push(url);
      if (allowed.some((o) => url.startsWith(`${o}/`)) || url.startsWith('data:')) return route.continue();
      foreign.push(url);
      return route.abort();
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await bot?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  }, 60_000);

  const ready = <T>(value: T | undefined): T => {
    if (!value) throw new Error('Chromium is not running: use it inside a test');
    return value;
  };
  return {
    get bot() {
      return ready(bot);
    },
    get context() {
      return ready(context);
    },
    requests,
    foreign,
    pageErrors,
    allow: (origin) => void allowed.push(origin),
    async open(url, viewport = DESKTOP, setup) {
      const page = await ready(context).newPage();
      await page.setViewportSize(viewport);
      await setup?.(page);
      const ours = ready(bot).url.replace(/^http/, 'ws');
      page.on('pageerror', (e) => pageErrors.push(`${url}: ${e.message}`));
      page.on('websocket', (ws) => {
        requests.push(ws.url());
        if (!ws.url().startsWith(`${ours}/`)) foreign.push(ws.url());
      });
      await page.goto(url);
      return page;
    },
    expectOnlyOurServer() {
      expect(requests.some((u) => /\/webchat\/webchat-[\d.]+\.js$/.test(u))).toBe(true);
      expect(requests.some((u) => u.startsWith('ws://') && u.includes('/v3/directline/conversations/'))).toBe(true);
      expect(foreign).toEqual([]);
      expect(pageErrors).toEqual([]);
    },
  };
}

/** playwright-core refuses --user-data-dir among the args: a persistent context on a fresh folder is the same thing. */
function launch(profile: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
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
    viewport: DESKTOP,
  });
}
