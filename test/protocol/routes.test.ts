// Unknown routes and wrong methods, on every route the real server has: a JSON 404 or 405 in the
// same {"error": "..."} shape and type as every other error, the 405 with the route's methods.
import { describe, expect, it } from 'vitest';
import { useBot } from '../support/bot';
import { callFrom } from '../support/directline';

const bot = useBot();
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

/** Every route path (its parameters filled in) with the methods registered on it. */
function routes(): Map<string, Set<string>> {
  const byPath = new Map<string, Set<string>>();
  for (const route of bot.app.server.getDebugInfo().routes as { method: string; path: string }[]) {
    const path = route.path.replace(/:\w+/g, 'x');
    byPath.set(path, (byPath.get(path) ?? new Set()).add(route.method.toUpperCase()));
  }
  return byPath;
}

const request = (method: string, path: string) => callFrom('127.0.0.1', `${bot.url}${path}`, { method });

function expectJsonError(res: { status: number; headers: Headers; body: any; raw: string }, status: number, what: string) {
  expect(res.status, what).toBe(status);
  expect(res.headers.get('content-type'), what).toBe('application/json; charset=utf-8');
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(Object.keys(res.body ?? {}), `${what}: ${res.raw}`).toEqual(['error']);
  expect(typeof res.body.error, what).toBe('string');
}

describe('routes', () => {
  it('answers a method a route does not take with a JSON 405 naming the methods it does', async () => {
    const all = routes();
    expect(all.size).toBeGreaterThan(10);
    for (const [path, methods] of all) {
      for (const method of METHODS.filter((m) => !methods.has(m))) {
        const res = await request(method, path);
        expectJsonError(res, 405, `${method} ${path}`);
        const allowed = (res.headers.get('allow') ?? '').split(/,\s*/);
        expect(new Set(allowed), `${method} ${path}`).toEqual(methods);
        for (const m of methods) expect(res.body.error, `${method} ${path}`).toContain(m);
      }
    }
  });

  it('answers an unknown route with a JSON 404, whatever the method', async () => {
    const unknown = ['/nope', '/api', '/api/ask/more', '/api/messages/x', '/v3/directline', '/healthz/x', '/assets', '/%3Cscript%3E'];
    for (const path of unknown) {
      for (const method of METHODS) expectJsonError(await request(method, path), 404, `${method} ${path}`);
    }
    // Files that are not there, under routes that exist.
    for (const path of ['/assets/nope.js', '/webchat/nope.js']) expectJsonError(await request('GET', path), 404, path);
  });
});
