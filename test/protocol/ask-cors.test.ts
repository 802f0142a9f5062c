// CORS on GET /api/ask (ASK_ALLOWED_ORIGINS), on the real server: a listed origin is named in
// the answer, any other origin never is, and a browser's preflight is answered.
import { describe, expect, it } from 'vitest';
import { useBot } from '../support/bot';
import { callFrom } from '../support/directline';

const LISTED = 'https://recruit.example.com';
const OTHER_LISTED = 'http://localhost:5173';
const closed = useBot();
const open = useBot({ ASK_ALLOWED_ORIGINS: `${LISTED}, ${OTHER_LISTED.toUpperCase()}` });
const anyone = useBot({ ASK_ALLOWED_ORIGINS: '*' });

const ASK = '/api/ask?q=what+does+an+account+manager+do';
const preflight = (origin: string, method = 'GET') => ({ origin, 'access-control-request-method': method });
/** node:http, not fetch: fetch would set an Origin of its own. */
const call = (base: string, method: string, path: string, headers: Record<string, string> = {}) =>
  callFrom('127.0.0.1', `${base}${path}`, { method, headers });

describe('CORS on /api/ask', () => {
  it('sends no CORS header by default, and refuses a preflight', async () => {
    const res = await call(closed.url, 'GET', ASK, { origin: LISTED });
    expect(res.status).toBe(200);
    expect([...res.headers.keys()].filter((h) => h.startsWith('access-control-'))).toEqual([]);
    const pre = await call(closed.url, 'OPTIONS', '/api/ask', preflight(LISTED));
    expect(pre.status).toBe(403);
    expect(Object.keys(pre.body)).toEqual(['error']);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('names a listed origin, on answers and on errors, and varies on Origin', async () => {
    for (const origin of [LISTED, OTHER_LISTED]) {
      const res = await call(open.url, 'GET', ASK, { origin });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
      expect(res.headers.get('vary')).toMatch(/Origin/);
    }
    // A tool on a listed page must be able to read why its question was refused.
    const bad = await call(open.url, 'GET', '/api/ask?q=', { origin: LISTED });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('access-control-allow-origin')).toBe(LISTED);
  });

  it('never names an origin that is not listed', async () => {
    for (const origin of ['https://evil.example', `${LISTED}.evil.example`, `${LISTED}:8443`, 'null', `http://recruit.example.com`, '']) {
      const res = await call(open.url, 'GET', ASK, { origin });
      expect(res.status, origin).toBe(200);
      expect(res.headers.get('access-control-allow-origin'), origin).toBeNull();
      expect(res.headers.get('vary')).toMatch(/Origin/);
      const pre = await call(open.url, 'OPTIONS', '/api/ask', preflight(origin));
      expect(pre.status, origin).toBe(403);
      expect(pre.headers.get('access-control-allow-origin'), origin).toBeNull();
      expect(pre.raw).not.toContain(origin || '\u0000');
    }
  });

  it('answers a preflight from a listed origin with what the route allows', async () => {
    const pre = await call(open.url, 'OPTIONS', '/api/ask', { ...preflight(LISTED), 'access-control-request-headers': 'accept' });
    expect(pre.status).toBe(204);
    expect(pre.raw).toBe('');
    expect(pre.headers.get('access-control-allow-origin')).toBe(LISTED);
    expect(pre.headers.get('access-control-allow-methods')).toBe('GET');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Accept/);
    expect(Number(pre.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    // A plain OPTIONS (no preflight) is told the methods.
    const plain = await call(open.url, 'OPTIONS', '/api/ask');
    expect(plain.status).toBe(204);
    expect(plain.headers.get('allow')).toBe('GET, OPTIONS');
  });

  it('with *, lets any page read the answers without naming its origin', async () => {
    const res = await call(anyone.url, 'GET', ASK, { origin: 'https://anywhere.example' });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('vary') ?? '').not.toMatch(/Origin/);
    const pre = await call(anyone.url, 'OPTIONS', '/api/ask', preflight('https://anywhere.example'));
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
  });
});
