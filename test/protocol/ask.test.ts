// GET /api/ask and GET /healthz on the real server.
import { describe, expect, it } from 'vitest';
import { getJson, say, useBot } from '../support/bot';

const bot = useBot();

const ask = (q: string) => getJson(bot.url, `/api/ask?q=${encodeURIComponent(q)}`);

function expectAskShape(body: any, query: string) {
  expect(body.query).toBe(query);
  expect(['answer', 'clarify', 'fallback', 'smalltalk', 'dialog']).toContain(body.kind);
  expect(body.score).toBeGreaterThanOrEqual(0);
  expect(body.score).toBeLessThanOrEqual(1);
  expect(Array.isArray(body.suggestions)).toBe(true);
  for (const s of body.suggestions) {
    expect(Object.keys(s).sort()).toEqual(['id', 'score', 'title']);
    expect(s.score).toBeGreaterThanOrEqual(0);
    expect(s.score).toBeLessThanOrEqual(1);
  }
}

describe('GET /healthz', () => {
  it('answers 200 with the number of entries once the knowledge base is loaded', async () => {
    const res = await getJson(bot.url, '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', entries: bot.app.kb.entries.length });
    expect(res.body.entries).toBeGreaterThan(0);
  });
});

describe('GET /api/ask', () => {
  it('returns the answer with its follow-ups, and the runners-up as suggestions', async () => {
    const entry = bot.app.kb.entries.find((e) => e.followUps.length > 0)!;
    const res = await ask(entry.title);
    expect(res.status).toBe(200);
    expect(res.contentType).toMatch(/^application\/json/);
    expectAskShape(res.body, entry.title);
    expect(res.body.kind).toBe('answer');
    expect(Object.keys(res.body.answer).sort()).toEqual(['followUps', 'id', 'text', 'title']);
    expect(res.body.answer.id).toBe(entry.id);
    expect(res.body.answer.title).toBe(entry.title);
    expect(res.body.answer.text.length).toBeGreaterThan(0);
    expect(res.body.answer.followUps.map((f: any) => f.id)).toEqual(entry.followUps);
    expect(res.body.suggestions.map((s: any) => s.id)).not.toContain(entry.id);
  });

  it('gives the same kind as the bot does on /api/messages', async () => {
    for (const q of ['What does an account manager do?', 'hello', 'what is the weather in paris tomorrow', 'job']) {
      const res = await ask(q);
      expect(res.status).toBe(200);
      expectAskShape(res.body, q);
      const { traces } = await say(bot.url, q);
      expect(res.body.kind).toBe(traces[0].value.kind);
      if (res.body.kind === 'clarify') {
        expect(res.body.suggestions.length).toBeGreaterThanOrEqual(2);
        expect(res.body.answer).toBeUndefined();
      }
      if (res.body.kind === 'fallback' || res.body.kind === 'smalltalk') {
        expect(res.body.answer).toBeUndefined();
        expect(res.body.suggestions).toEqual([]);
      }
    }
  });

  it('rejects a missing, empty or too long q with a 400 JSON error', async () => {
    for (const path of ['/api/ask', '/api/ask?q=', '/api/ask?q=%20%20', `/api/ask?q=${'a'.repeat(2001)}`, '/api/ask?query=hi']) {
      const res = await getJson(bot.url, path);
      expect(res.status, path).toBe(400);
      expect(res.contentType).toMatch(/^application\/json/);
      expect(typeof res.body.error).toBe('string');
    }
  });

  it('survives odd but valid input', async () => {
    for (const q of ['%%%', '🙂🙂', '<script>alert(1)</script>', "what's an AM's pay??", '\u0000']) {
      const res = await ask(q);
      expect(res.status, q).toBe(200);
      expectAskShape(res.body, q.trim());
    }
    const malformed = await getJson(bot.url, '/api/ask?q=%E0%A4%A');
    expect([200, 400]).toContain(malformed.status);
  });
});
