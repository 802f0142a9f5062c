// "How do I apply?" on the employer's own careers page leads to the employer's application
// (APPLY_URL), not to a job board; the posting's Apply button leads there too.
import { describe, expect, it } from 'vitest';
import { getJson, say, useBot } from '../support/bot';

const APPLY_URL = 'https://jobs.example.com/account-manager/apply';
const withUrl = useBot({ APPLY_URL });

const shownText = (messages: any[]) => JSON.stringify(messages);

describe('applying, with APPLY_URL set', () => {
  it('answers "how do I apply?" and "are you hiring?" with the application link and no job board', async () => {
    for (const question of ['how do I apply for this job?', 'are you hiring?', 'where is the application form']) {
      const { messages } = await say(withUrl.url, question, { channelId: 'webchat' });
      const shown = shownText(messages);
      expect(shown, question).toContain(APPLY_URL);
      expect(shown, question).not.toMatch(/mediabistro/i);
    }
  });

  it('does not send a candidate who asks how to get into the job to a job board', async () => {
    const { messages } = await say(withUrl.url, 'how do I become an account manager?', { channelId: 'webchat' });
    expect(shownText(messages)).toMatch(/internship/i);
    expect(shownText(messages)).not.toMatch(/mediabistro/i);
  });

  it('keeps the job board for "where else can I find AM jobs"', async () => {
    const { messages } = await say(withUrl.url, 'where else can I find AM jobs', { channelId: 'webchat' });
    expect(shownText(messages)).toMatch(/Mediabistro/);
    expect(shownText(messages)).not.toContain(APPLY_URL);
  });

  it('links the posting’s Apply button to the application', async () => {
    const page = await fetch(`${withUrl.url}/`).then((r) => r.text());
    expect(page).toContain(`href="${APPLY_URL}"`);
    expect(page).toContain('id="apply"');
  });

  it('gives /api/ask the same answer, for a recruiter to paste', async () => {
    const res = await getJson(withUrl.url, `/api/ask?q=${encodeURIComponent('how do I apply for this job?')}`);
    expect(res.status).toBe(200);
    expect(res.body.answer.text).toContain(APPLY_URL);
  });
});
