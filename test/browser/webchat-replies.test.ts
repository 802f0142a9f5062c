// How replies look and read in Chromium: answer cards at the bubbles' text size, follow-up
// buttons whole and without carousel arrows, a long answer that keeps its heading in view, and
// what a screen reader hears when a card arrives (Web Chat's live region).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DESKTOP, say, screenshot, snippet, STEP_MS, useChromium, waitForText, waitForWelcome } from '../support/browser';

/** Records what Web Chat puts in its screen reader live region (it empties it again soon after). */
function recordNarration(): void {
  const heard: string[] = [];
  (window as unknown as { narrated: string[] }).narrated = heard;
  new MutationObserver((mutations) => {
    for (const m of mutations) {
      for (const node of m.addedNodes) {
        const region = node instanceof Element ? node.closest('.webchat__live-region-transcript') : null;
        if (region && node.textContent) heard.push(node.textContent.replace(/\s+/g, ' ').trim());
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

/** Waits until the transcript stops scrolling (Web Chat scrolls new replies in smoothly). */
async function scrollSettled(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { lastScroll?: string }).lastScroll = ''));
  await page.waitForFunction(
    () => {
      const w = window as unknown as { lastScroll: string; sameFor?: number };
      const scroller = document.querySelector('.webchat__basic-transcript__scrollable');
      const now = String(scroller?.scrollTop);
      w.sameFor = now === w.lastScroll ? (w.sameFor ?? 0) + 1 : 0;
      w.lastScroll = now;
      return w.sameFor >= 5;
    },
    undefined,
    { polling: 100, timeout: STEP_MS },
  );
}

describe('replies in Chromium', () => {
  const chrome = useChromium();

  it('shows answer cards at the bubbles’ text size, and follow-ups as whole buttons with no carousel arrows', async () => {
    const { bot } = chrome;
    const page = await chrome.open(`${bot.url}/`);
    await page.addInitScript(recordNarration);
    await page.reload();
    await waitForWelcome(page, bot);
    const question = 'what does an account manager do';
    const answer = bot.app.faq.ask(question).answer!;
    await say(page, question);
    await waitForText(page, snippet(answer.text));
    await page.locator('.webchat__suggested-action', { hasText: answer.followUps[0].title }).waitFor({ timeout: STEP_MS });

    const look = await page.evaluate((answerStart) => {
      const size = (e: Element | null | undefined) => (e ? getComputedStyle(e).fontSize : 'none');
      // The answer's own text, not the smaller "Was this helpful?" line under it.
      const cardText = [...document.querySelectorAll('.ac-adaptiveCard .ac-textBlock')].find((e) => e.textContent?.includes(answerStart));
      const chat = document.querySelector('#webchat')!.getBoundingClientRect();
      return {
        bubble: size(document.querySelector('.webchat__bubble .webchat__text-content')),
        card: size(cardText),
        arrows: document.querySelectorAll('.webchat__suggested-actions .react-film__flipper').length,
        buttons: [...document.querySelectorAll('.webchat__suggested-action')].map((b) => {
          const box = b.getBoundingClientRect();
          const label = (b.querySelector('.webchat__suggested-action__text') ?? b) as HTMLElement;
          return {
            label: b.textContent,
            inside: box.left >= chat.left && box.right <= chat.right,
            clipped: label.scrollWidth > label.clientWidth,
          };
        }),
      };
    }, snippet(answer.text));
    expect(look.card).toBe(look.bubble);
    expect(look.card).toBe('16px');
    expect(look.arrows).toBe(0);
    expect(look.buttons.map((b) => b.label)).toEqual(answer.followUps.map((f) => f.title));
    for (const button of look.buttons) expect(button, button.label ?? '').toMatchObject({ inside: true, clipped: false });

    // A screen reader hears the answer itself when the card arrives, not "1 attachment".
    const narrated = await page.evaluate(() => (window as unknown as { narrated: string[] }).narrated);
    const heard = narrated.find((n) => n.includes(snippet(answer.text)));
    expect(heard, narrated.join(' | ')).toContain(`${answer.title}.`);
    expect(heard).not.toMatch(/attachment/i);
    await page.close();
  }, 120_000);

  it('keeps a long answer’s heading in view instead of scrolling to its end', async () => {
    const { bot } = chrome;
    // The longest answer the matcher gives for its own question, in a short window: it is taller than the transcript.
    const longest = [...bot.app.kb.entries]
      .sort((a, b) => b.answer.length - a.answer.length)
      .find((e) => bot.app.faq.ask(e.question).answer?.id === e.id)!;
    const page = await chrome.open(`${bot.url}/`, { width: DESKTOP.width, height: 420 });
    await waitForWelcome(page, bot);
    await say(page, longest.question);
    await waitForText(page, snippet(bot.app.faq.ask(longest.question).answer!.text));
    await scrollSettled(page);
    await screenshot(page, 'careers-page-long-answer.png');

    const view = await page.evaluate(() => {
      const scroller = document.querySelector('.webchat__basic-transcript__scrollable')!.getBoundingClientRect();
      const card = [...document.querySelectorAll('.ac-adaptiveCard')].at(-1)!;
      const heading = card.querySelector('.ac-textBlock')!.getBoundingClientRect();
      return { top: scroller.top, bottom: scroller.bottom, cardHeight: card.getBoundingClientRect().height, heading: heading.top };
    });
    expect(view.cardHeight, 'the answer must be taller than the transcript for this test to mean anything').toBeGreaterThan(
      view.bottom - view.top,
    );
    expect(view.heading).toBeGreaterThanOrEqual(view.top);
    expect(view.heading).toBeLessThan(view.bottom);
    await page.close();
  }, 120_000);

  it('made no request outside our server, and no page had a script error', () => chrome.expectOnlyOurServer());
});
