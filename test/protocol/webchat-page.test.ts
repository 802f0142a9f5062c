// The careers page, the chat page, the embed script and the Web Chat bundle as the server serves
// them: same-origin references only, branding from configuration, figures from the knowledge
// base, a Content-Security-Policy, and the bundle loaded lazily, cached (ETag, 304, a year) and
// compressed (brotli, gzip) once.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { webChannelOf } from '../../src/server/server';
import { webChatBundle } from '../../src/web/pages';
import { startBot, useBot } from '../support/bot';

const bundleVersion = JSON.parse(readFileSync(webChatBundle().packageJson, 'utf8')).version as string;
const bundlePath = `/webchat/webchat-${bundleVersion}.js`;

/** A request through node:http, which (unlike fetch) leaves the encoded bytes alone. */
function raw(url: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ status: number; headers: Headers; body: Buffer }>((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const h = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') h.set(k, v);
        resolve({ status: res.statusCode!, headers: h, body: Buffer.concat(chunks) });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

describe('web chat pages and files', () => {
  const bot = useBot({
    WEBCHAT_BOT_NAME: 'Riley from Careers',
    WEBCHAT_BOT_INITIALS: 'RC',
    WEBCHAT_ACCENT_COLOR: '#7A1FA2',
    WEBCHAT_USER_BUBBLE_COLOR: '#FFD400',
    WEBCHAT_EMBED_ORIGINS: 'https://careers.example.com',
  });

  it('reads nothing of the pages or the bundle until they are asked for', () => {
    const { assets } = webChannelOf(bot.app.server)!;
    expect(assets.bundle.isLoaded).toBe(false);
    expect(assets.careersPage.isLoaded).toBe(false);
  });

  it('serves the careers page: the posting with figures from the knowledge base, and the chat, all same-origin', async () => {
    const res = await fetch(`${bot.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('<h1 id="posting-title">Account Manager</h1>');
    expect(html).not.toMatch(/\{\{/);
    const { salary, ladder } = bot.app.kb;
    expect(html).toContain(`$${salary.bands[0].min.toLocaleString('en-US')}`);
    expect(html).toContain(ladder.stages.at(-1)!.titles[0]);
    expect(html).toContain('Riley from Careers');
    // Every script, stylesheet and icon is on this server (links within the page aside: "#apply").
    const urls = [...html.matchAll(/\b(?:src|href)="([^"#][^"]*)"/g)].map((m) => m[1]);
    expect(urls).toEqual(
      expect.arrayContaining([
        '/assets/site.css',
        bundlePath,
        '/assets/webchat-init.js',
        '/assets/chat-launcher.js',
        '/assets/favicon.svg',
      ]),
    );
    for (const url of urls) expect(url.startsWith('/') && !url.startsWith('//'), url).toBe(true);
    // Branding reaches Web Chat through the page's configuration.
    const config = JSON.parse(/<script type="application\/json" id="webchat-config">(.*?)<\/script>/s.exec(html)![1]);
    expect(config).toMatchObject({
      botName: 'Riley from Careers',
      tokenUrl: '/api/webchat/token',
      styleOptions: {
        accent: '#7A1FA2',
        botAvatarInitials: 'RC',
        userAvatarInitials: 'You',
        bubbleFromUserBackground: '#FFD400',
        bubbleFromUserTextColor: '#1B1B1B',
        hideUploadButton: true,
        suggestedActionLayout: 'flow',
        autoScrollSnapOnPage: true,
      },
      // Card text at the bubbles' 16 px.
      adaptiveCardsHostConfig: { fontSizes: { default: 16 } },
    });
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:/);
    expect(csp).toContain("frame-ancestors 'self'");
  });

  it('serves the chat page for iframes, framable by the configured origins only', async () => {
    const res = await fetch(`${bot.url}/chat`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('id="webchat"');
    expect(html).toContain(bundlePath);
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'self' https://careers.example.com");
  });

  it('serves the embed script with the branding, and the stylesheet with the colours', async () => {
    const embed = await fetch(`${bot.url}/embed.js`);
    expect(embed.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const js = await embed.text();
    expect(js).toContain('"botName":"Riley from Careers"');
    expect(js).toContain("new URL('/chat', script.src)");
    expect(() => new Function(js)).not.toThrow(); // valid JavaScript once filled in
    const css = await (await fetch(`${bot.url}/assets/site.css`)).text();
    expect(css).toContain('--accent: #7A1FA2;');
    expect(css).toContain('--accent-text: #FFFFFF;');
    const icon = await fetch(`${bot.url}/assets/favicon.svg`);
    expect(icon.headers.get('content-type')).toBe('image/svg+xml');
    expect(await icon.text()).toContain('>RC</text>');
    expect((await fetch(`${bot.url}/assets/../package.json`)).status).toBe(404);
    expect((await fetch(`${bot.url}/assets/nope.js`)).status).toBe(404);
  });

  it('serves the Web Chat bundle compressed once per encoding, cached for a year, with ETags and 304s', async () => {
    const original = readFileSync(webChatBundle().file);
    const { assets } = webChannelOf(bot.app.server)!;

    const br = await raw(`${bot.url}${bundlePath}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    expect(br.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(br.body.length).toBeLessThan(original.length / 4);
    expect(brotliDecompressSync(br.body).equals(original)).toBe(true);
    expect(assets.bundle.isLoaded).toBe(true);

    const gz = await raw(`${bot.url}${bundlePath}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(gz.body).equals(original)).toBe(true);

    const plain = await raw(`${bot.url}${bundlePath}`, { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.body.equals(original)).toBe(true);
    expect(Number(plain.headers.get('content-length'))).toBe(original.length);

    const noBrotli = await raw(`${bot.url}${bundlePath}`, { 'accept-encoding': 'br;q=0, gzip;q=0.5' });
    expect(noBrotli.headers.get('content-encoding')).toBe('gzip');

    // One ETag per encoding; each revalidates with a bodiless 304.
    const tags = [br, gz, plain].map((r) => r.headers.get('etag')!);
    expect(new Set(tags).size).toBe(3);
    const revalidated = await raw(`${bot.url}${bundlePath}`, { 'accept-encoding': 'br', 'if-none-match': tags[0] });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    expect(revalidated.headers.get('etag')).toBe(tags[0]);
    expect(revalidated.headers.get('cache-control')).toContain('immutable');
    expect((await raw(`${bot.url}${bundlePath}`, { 'accept-encoding': 'gzip', 'if-none-match': `W/${tags[1]}, "other"` })).status).toBe(
      304,
    );
    expect((await raw(`${bot.url}${bundlePath}`, { 'accept-encoding': 'gzip', 'if-none-match': tags[0] })).status).toBe(200);

    // HEAD: the headers without the body.
    const head = await raw(`${bot.url}${bundlePath}`, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(Number(head.headers.get('content-length'))).toBe(br.body.length);
    expect(assets.bundle.encodings.sort()).toEqual(['br', 'gzip']);
  });

  it('gives concurrent first requests the same compressed bytes', async () => {
    const fresh = await startBot();
    try {
      const results = await Promise.all(Array.from({ length: 5 }, () => raw(`${fresh.url}${bundlePath}`, { 'accept-encoding': 'br' })));
      const tags = new Set(results.map((r) => r.headers.get('etag')));
      expect(tags.size).toBe(1);
      expect(results.every((r) => r.status === 200 && r.body.equals(results[0].body))).toBe(true);
    } finally {
      await fresh.stop();
    }
  });

  it('names the current bundle when an old or unknown version is asked for', async () => {
    const res = await fetch(`${bot.url}/webchat/webchat-0.0.1.js`);
    expect(res.status).toBe(404);
    expect((await res.json()).error).toContain(bundlePath);
    expect((await fetch(`${bot.url}/webchat/stats.json`)).status).toBe(404);
  });
});
