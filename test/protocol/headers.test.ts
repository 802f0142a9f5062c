// Headers every response carries, whatever route (or no route) answered it.
import { describe, expect, it } from 'vitest';
import { useBot } from '../support/bot';

const bot = useBot();

describe('response headers', () => {
  it('X-Content-Type-Options: nosniff on answers, errors, static files and unknown routes', async () => {
    for (const [path, init] of [
      ['/api/ask?q=salary', {}],
      ['/api/ask', {}],
      ['/healthz', {}],
      ['/', {}],
      ['/no-such-route', {}],
      ['/healthz', { method: 'DELETE' }],
      ['/api/messages', { method: 'POST', body: '{' }],
      ['/v3/directline/conversations/x/activities', {}],
    ] as [string, RequestInit][]) {
      const res = await fetch(`${bot.url}${path}`, init);
      await res.arrayBuffer();
      expect(res.headers.get('x-content-type-options'), `${init.method ?? 'GET'} ${path}`).toBe('nosniff');
    }
  });
});
