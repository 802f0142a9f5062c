// Without APPLY_URL, "how do I apply?" points to the posting's own Apply section.
import { describe, expect, it } from 'vitest';
import { say, useBot } from '../support/bot';

const bot = useBot();

describe('applying, without APPLY_URL', () => {
  it('points to the Apply section of the posting, whose button stays on the page', async () => {
    const { messages } = await say(bot.url, 'how do I apply for this job?', { channelId: 'webchat' });
    // The card's texts (its JSON also holds the Adaptive Card schema's URL).
    const shown = messages[0].attachments[0].content.body.map((b: { text: string }) => b.text).join('\n');
    expect(shown).toContain('Apply section');
    expect(shown).not.toMatch(/https?:\/\/|mediabistro/i);
    const page = await fetch(`${bot.url}/`).then((r) => r.text());
    expect(page).toContain('href="#apply"');
  });
});
