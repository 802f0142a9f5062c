// Serving one web chat file (src/web/asset.ts), the branding helpers (src/web/pages.ts) and the
// web chat settings (src/config.ts).
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { Asset, etagMatches, pickEncoding } from '../../src/web/asset';
import { escapeHtml, scriptJson } from '../../src/web/pages';
import { textColorOn } from '../../src/web/webchat-options';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/lib/log';

describe('pickEncoding', () => {
  it('prefers brotli, then gzip, and honours q-values and *', () => {
    expect(pickEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(pickEncoding('gzip, deflate')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0')).toBe('identity');
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('*;q=0, gzip')).toBe('gzip');
    expect(pickEncoding('identity')).toBe('identity');
    expect(pickEncoding('')).toBe('identity');
    expect(pickEncoding(undefined)).toBe('identity');
    expect(pickEncoding('BR;Q=1')).toBe('br');
  });
});

describe('etagMatches', () => {
  it('compares weakly, handles lists and *', () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", "abc"', '"abc"')).toBe(true);
    expect(etagMatches('*', '"abc"')).toBe(true);
    expect(etagMatches('"abc-br"', '"abc"')).toBe(false);
    expect(etagMatches(undefined, '"abc"')).toBe(false);
  });
});

describe('branding helpers', () => {
  it('picks readable text colours', () => {
    expect(textColorOn('#0F6CBD')).toBe('#FFFFFF');
    expect(textColorOn('#FFD400')).toBe('#1B1B1B');
    expect(textColorOn('#fff')).toBe('#1B1B1B');
    expect(textColorOn('#000')).toBe('#FFFFFF');
  });

  it('escapes HTML and JSON for script elements', () => {
    expect(escapeHtml(`<b>"Tom" & 'Jerry'</b>`)).toBe('&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;');
    expect(scriptJson({ name: '</script><script>alert(1)</script>' })).not.toContain('</script>');
    expect(JSON.parse(scriptJson({ name: '</script>\u2028' }))).toEqual({ name: '</script>\u2028' });
  });
});

describe('Asset', () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    server = undefined;
  });

  const serve = async (asset: Asset) => {
    server = createServer((req, res) => void asset.serve(req, res, createLogger('silent')));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    return (headers: Record<string, string> = {}) =>
      new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        request(`http://127.0.0.1:${port}/`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        })
          .on('error', reject)
          .end();
      });
  };

  it('loads and compresses once, even for concurrent first requests', async () => {
    let loads = 0;
    const text = 'const answer = 42;\n'.repeat(500);
    const asset = new Asset(
      async () => {
        loads += 1;
        await new Promise((r) => setTimeout(r, 20));
        return text;
      },
      { contentType: 'text/javascript', cacheControl: 'no-cache' },
    );
    expect(asset.isLoaded).toBe(false);
    const get = await serve(asset);
    const replies = await Promise.all(Array.from({ length: 6 }, () => get({ 'accept-encoding': 'br' })));
    expect(loads).toBe(1);
    expect(asset.encodings).toEqual(['br']);
    for (const r of replies) expect(brotliDecompressSync(r.body).toString()).toBe(text);
    expect(replies[0].headers['cache-control']).toBe('no-cache');
  });

  it('sends small files as they are, and retries a failed load on the next request', async () => {
    let fail = true;
    const asset = new Asset(
      async () => {
        if (fail) throw new Error('not there yet');
        return 'tiny';
      },
      { contentType: 'text/plain', cacheControl: 'no-cache' },
    );
    const get = await serve(asset);
    const first = await get({ 'accept-encoding': 'br' });
    expect(first.status).toBe(500);
    expect(JSON.parse(first.body.toString()).error).toMatch(/not available/);
    fail = false;
    const second = await get({ 'accept-encoding': 'br' });
    expect(second.status).toBe(200);
    expect(second.headers['content-encoding']).toBeUndefined();
    expect(second.body.toString()).toBe('tiny');
  });
});

describe('web chat configuration', () => {
  it('has defaults, takes the shared brand (BOT_NAME, BRAND_COLOR) unless WEBCHAT_* says otherwise, and refuses bad values', () => {
    const defaults = loadConfig({});
    expect(defaults.webchat).toEqual({
      botName: 'Careers assistant',
      botInitials: 'CA',
      userInitials: 'You',
      accentColor: '#0F6CBD',
      botBubbleColor: '#F1F4F8',
      userBubbleColor: '#0F6CBD',
      embedOrigins: ['*'],
    });
    expect(defaults.directLine).toMatchObject({
      secret: undefined,
      endpoint: 'https://directline.botframework.com',
      tokenTtlSeconds: 1800,
      maxConversations: 500,
    });
    const brand = loadConfig({ BOT_NAME: 'Acme Careers', BRAND_COLOR: '#123456' }).webchat;
    expect([brand.botName, brand.accentColor]).toEqual(['Acme Careers', '#123456']);
    const own = loadConfig({ BOT_NAME: 'Acme Careers', WEBCHAT_BOT_NAME: 'Ada', WEBCHAT_ACCENT_COLOR: '#abc' }).webchat;
    expect([own.botName, own.accentColor]).toEqual(['Ada', '#abc']);
    expect(loadConfig({ WEBCHAT_EMBED_ORIGINS: 'https://a.example.com, http://localhost:8080' }).webchat.embedOrigins).toEqual([
      'https://a.example.com',
      'http://localhost:8080',
    ]);
    expect(loadConfig({ DIRECT_LINE_ENDPOINT: 'http://127.0.0.1:5000/' }).directLine.endpoint).toBe('http://127.0.0.1:5000');
    for (const [env, name] of [
      [{ WEBCHAT_ACCENT_COLOR: 'blue' }, 'WEBCHAT_ACCENT_COLOR'],
      [{ BRAND_COLOR: '#12' }, 'BRAND_COLOR'],
      [{ WEBCHAT_BOT_INITIALS: 'ABCDE' }, 'WEBCHAT_BOT_INITIALS'],
      [{ WEBCHAT_EMBED_ORIGINS: 'https://a.example.com/page' }, 'WEBCHAT_EMBED_ORIGINS'],
      [{ DIRECT_LINE_ENDPOINT: 'ftp://example.com' }, 'DIRECT_LINE_ENDPOINT'],
      [{ DIRECT_LINE_MAX_CONVERSATIONS: '0' }, 'DIRECT_LINE_MAX_CONVERSATIONS'],
    ] as const) {
      expect(() => loadConfig(env as Record<string, string>)).toThrow(name);
    }
  });
});
