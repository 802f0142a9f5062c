// The per-client rate limit of GET /api/ask (ASK_REQUESTS_PER_MINUTE), on the real server.
import { describe, expect, it } from 'vitest';
import { getJson, useBot } from '../support/bot';
import { callFrom } from '../support/directline';

const PER_MINUTE = 3;
const ORIGIN = 'https://recruit.example.com';
const bot = useBot({ ASK_REQUESTS_PER_MINUTE: String(PER_MINUTE), ASK_ALLOWED_ORIGINS: ORIGIN });

const ASK = '/api/ask?q=what+does+an+account+manager+do';

describe('the /api/ask rate limit', () => {
  it('answers a burst of ASK_REQUESTS_PER_MINUTE, then 429 with a JSON error and Retry-After, per address', async () => {
    // Refused questions count too.
    expect((await getJson(bot.url, '/api/ask?q=')).status).toBe(400);
    for (let i = 1; i < PER_MINUTE; i++) expect((await getJson(bot.url, ASK)).status).toBe(200);

    const limited = await callFrom('127.0.0.1', `${bot.url}${ASK}`, { headers: { origin: ORIGIN } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('content-type')).toMatch(/^application\/json/);
    expect(Object.keys(limited.body)).toEqual(['error']);
    expect(typeof limited.body.error).toBe('string');
    // One question every 60 / PER_MINUTE seconds: the wait is a whole number of seconds up to that.
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60 / PER_MINUTE);
    // A page on a listed origin can read the 429 and its Retry-After.
    expect(limited.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(limited.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);

    // Another client is not limited by this one, and the rest of the server still answers.
    expect((await callFrom('127.0.0.2', `${bot.url}${ASK}`)).status).toBe(200);
    expect((await getJson(bot.url, '/healthz')).status).toBe(200);
    expect((await getJson(bot.url, ASK)).status).toBe(429);
  });
});
