// The analytics page over HTTP on the real server (src/admin/): no /admin without ADMIN_TOKEN; with
// it, a 401 or a redirect to the login form without the token, the page with its charts with it
// (Bearer or the login form's HttpOnly session cookie), a declined question shown escaped among
// the questions worth a look, a record that cannot be read answered with a 503, attempts at the
// token limited, and a short token refused at start-up, naming the variable.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TOKEN_ATTEMPTS_PER_MINUTE } from '../../src/admin/routes';
import { createApp } from '../../src/app';
import { ConfigError, describeConfig, loadConfig } from '../../src/config';
import { QUESTION_LOG_FILE } from '../../src/learning/sqlite-log';
import { createLogger } from '../../src/lib/log';
import { close, listen } from '../../src/server/server';
import { activity, getJson, post, say, startBot, useBot } from '../support/bot';
import { useTempDirs } from '../support/temp-dirs';

const TOKEN = 'protocol-test-admin-token-0123456789';
const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const tempDir = useTempDirs('faq-admin-');

const admin = (url: string, target = '/admin', init: RequestInit = {}) => fetch(`${url}${target}`, { redirect: 'manual', ...init });
const withBearer = (token = TOKEN) => ({ headers: { authorization: `Bearer ${token}` } });

function login(url: string, token: string, headers: Record<string, string> = {}) {
  return admin(url, '/admin/login', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...HTML, ...headers },
    body: new URLSearchParams({ token }).toString(),
  });
}

describe('without ADMIN_TOKEN', () => {
  const bot = useBot();

  it('has no /admin: a 404 like any unknown path', async () => {
    for (const target of ['/admin', '/admin/login']) {
      const res = await admin(bot.url, target, { headers: HTML });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/json');
    }
    expect((await admin(bot.url, '/admin/login', { method: 'POST' })).status).toBe(404);
  });
});

describe('with ADMIN_TOKEN', () => {
  const bot = useBot({ ADMIN_TOKEN: TOKEN });

  it('answers 401 with WWW-Authenticate to a client without the token, and never lets it be cached', async () => {
    const res = await admin(bot.url);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="admin"/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect((await res.json()).error).toContain('ADMIN_TOKEN');
  });

  it('sends a browser without the token to the login form', async () => {
    const res = await admin(bot.url, '/admin', { headers: HTML });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/login');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses a wrong Bearer token with a 401, and shows the page with charts for the right one', async () => {
    for (const wrong of [`${TOKEN}x`, TOKEN.slice(1), 'short']) {
      const res = await admin(bot.url, '/admin', withBearer(wrong));
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('error="invalid_token"');
    }
    const res = await admin(bot.url, '/admin', withBearer());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('<svg');
    expect(html).toContain('Questions per day');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain(TOKEN);
  });

  it('takes a period of 7, 30 or 90 days and refuses any other', async () => {
    const week = await (await admin(bot.url, '/admin?days=7', withBearer())).text();
    expect(week).toContain('<a href="?days=7" aria-current="page">');
    expect((await admin(bot.url, '/admin?days=8', withBearer())).status).toBe(400);
    expect((await admin(bot.url, '/admin?days=%3Cscript%3E', withBearer())).status).toBe(400);
  });

  it('signs in through the form: a wrong token gets the form again, the right one an HttpOnly cookie that opens the page', async () => {
    const form = await admin(bot.url, '/admin/login', { headers: HTML });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain('name="token"');

    const wrong = await login(bot.url, 'not-the-token-at-all-but-long-enough');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(await wrong.text()).toContain('action="/admin/login"');

    const right = await login(bot.url, TOKEN);
    expect(right.status).toBe(303);
    expect(right.headers.get('location')).toBe('/admin');
    const cookie = right.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^admin_session=v1\.\d+\.[\w-]+; Max-Age=28800; Path=\/admin; HttpOnly; SameSite=Strict$/);
    expect(cookie).not.toContain(TOKEN);
    const session = cookie.split(';')[0];

    const page = await admin(bot.url, '/admin', { headers: { ...HTML, cookie: session } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<svg');
    // Signed in, the form sends the browser on to the page.
    expect((await admin(bot.url, '/admin/login', { headers: { ...HTML, cookie: session } })).headers.get('location')).toBe('/admin');

    const tampered = session.replace(/\.(\d+)\./, (_, expires) => `.${Number(expires) + 1}.`);
    expect((await admin(bot.url, '/admin', { headers: { ...HTML, cookie: tampered } })).status).toBe(303);

    const logout = await admin(bot.url, '/admin/logout', { method: 'POST', headers: { cookie: session } });
    expect(logout.status).toBe(303);
    expect(logout.headers.get('location')).toBe('/admin/login');
    expect(logout.headers.get('set-cookie')).toMatch(/^admin_session=; Max-Age=0; Path=\/admin; HttpOnly; SameSite=Strict$/);
  });

  it('marks the cookie Secure behind a proxy that says the browser came over https', async () => {
    const res = await login(bot.url, TOKEN, { 'x-forwarded-proto': 'https' });
    expect(res.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('refuses a login that is not the form, or too large', async () => {
    const json = await admin(bot.url, '/admin/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: TOKEN }),
    });
    expect(json.status).toBe(415);
    expect(json.headers.get('set-cookie')).toBeNull();
    const huge = await login(bot.url, 'x'.repeat(10_000));
    expect(huge.status).toBe(413);
  });

  it('shows a declined question among the questions worth a look, escaped', async () => {
    const typed = 'is plumbing a good trade <script>alert(1)</script>';
    const declined = await say(bot.url, typed);
    expect(declined.traces[0].value.kind).toBe('fallback');
    const asked = await getJson(bot.url, `/api/ask?q=${encodeURIComponent('should I learn the bagpipes & "the violin"?')}`);
    expect(asked.body.kind).toBe('fallback');
    await bot.app.recorder!.settled();

    const html = await (await admin(bot.url, '/admin', withBearer())).text();
    expect(html).toContain('is plumbing a good trade &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('should I learn the bagpipes &amp; &quot;the violin&quot;?');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toMatch(/Questions worth a look[\s\S]*<td class="count">1<\/td>/);
  });

  it('shows "Was this helpful?" replies per entry, by title', async () => {
    const replies = (await post(bot.url, activity({ text: 'how much do account managers earn?', channelId: 'webchat' }))).body.activities;
    const answer = replies.find((a: any) => a.type === 'message');
    const unhelpful = answer.attachments[0].content.body.find((b: any) => b.type === 'ActionSet').actions[1].data;
    expect(unhelpful).toMatchObject({ faqFeedback: 'unhelpful', entry: 'salary-overview' });
    await post(bot.url, activity({ value: unhelpful, channelId: 'webchat', text: undefined }));
    await bot.app.recorder!.settled();
    const title = bot.app.kb.entries.find((e) => e.id === 'salary-overview')!.title;
    const html = await (await admin(bot.url, '/admin', withBearer())).text();
    expect(html).toContain('0 yes and 1 no to "Was this helpful?" (0% helpful).');
    expect(html).toMatch(new RegExp(`<title>${title}: Not helpful 1</title>`));
  });

  it('labels its requests by route in /metrics', async () => {
    const metrics = await (await fetch(`${bot.url}/metrics`)).text();
    expect(metrics).toMatch(/http_requests_total\{route="\/admin",method="GET",status="200"\}/);
    expect(metrics).toMatch(/http_requests_total\{route="\/admin\/login",method="POST",status="303"\}/);
  });
});

describe('tries at the token', () => {
  it(`are limited to ${TOKEN_ATTEMPTS_PER_MINUTE} a minute per address, Bearer and form alike`, async () => {
    const bot = await startBot({ ADMIN_TOKEN: TOKEN });
    try {
      for (let i = 0; i < TOKEN_ATTEMPTS_PER_MINUTE / 2; i++) {
        expect((await admin(bot.url, '/admin', withBearer('wrong'))).status).toBe(401);
        expect((await login(bot.url, 'wrong')).status).toBe(401);
      }
      const refused = await login(bot.url, TOKEN);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(refused.headers.get('set-cookie')).toBeNull();
      expect((await admin(bot.url, '/admin', withBearer())).status).toBe(429);
    } finally {
      await bot.stop();
    }
  });
});

describe('a record of questions that cannot be read', () => {
  it('is a 503 page that says so, when the log could not be opened', async () => {
    const stateDir = path.join(tempDir(), 'state');
    mkdirSync(stateDir);
    writeFileSync(path.join(stateDir, QUESTION_LOG_FILE), 'not a database, '.repeat(500));
    const bot = await startBot({ ADMIN_TOKEN: TOKEN, STATE_STORE: 'file', STATE_DIR: stateDir });
    try {
      expect(bot.app.recorder).toBeUndefined();
      const res = await admin(bot.url, '/admin', withBearer());
      expect(res.status).toBe(503);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(await res.text()).toContain('The record of questions is unavailable');
    } finally {
      await bot.stop();
    }
  });

  it('is a 503 page without a stack trace, when reading it fails', async () => {
    const bot = await startBot({ ADMIN_TOKEN: TOKEN });
    try {
      await bot.app.recorder!.log.close();
      const res = await admin(bot.url, '/admin', withBearer());
      expect(res.status).toBe(503);
      const html = await res.text();
      expect(html).toContain('The record of questions is unavailable');
      expect(html).not.toMatch(/\n\s+at |database|Error/);
    } finally {
      await bot.stop();
    }
  });
});

describe('ADMIN_TOKEN in the configuration', () => {
  it('is refused when shorter than 24 characters, naming the variable and not the value', () => {
    expect(() => loadConfig({ ADMIN_TOKEN: 'too-short-a-token' })).toThrow(ConfigError);
    expect(() => loadConfig({ ADMIN_TOKEN: 'too-short-a-token' })).toThrow(/ADMIN_TOKEN: must be at least 24 characters/);
    expect(() => loadConfig({ ADMIN_TOKEN: 'too-short-a-token' })).not.toThrow(/too-short-a-token/);
    expect(loadConfig({ ADMIN_TOKEN: ' ' }).adminToken).toBeUndefined();
  });

  it('stops npm start with that message', async () => {
    const entry = path.resolve(__dirname, '../../dist/src/index.js');
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first`);
    const child = spawn(process.execPath, [entry], {
      cwd: tempDir(),
      env: { PATH: process.env.PATH ?? '', PORT: '0', STATE_STORE: 'memory', ADMIN_TOKEN: 'short' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('ADMIN_TOKEN: must be at least 24 characters');
    expect(stdout).not.toContain('listening');
  });

  it('stays out of the log: the summary says only that it is set, and sign-ins log no token or cookie', async () => {
    let logged = '';
    const sink = new Writable({
      write(chunk, _encoding, done) {
        logged += chunk;
        done();
      },
    });
    const config = loadConfig({ PORT: '0', STATE_STORE: 'memory', LOG_LEVEL: 'debug', ADMIN_TOKEN: TOKEN });
    const logger = createLogger('debug', sink);
    logger.info({ ...describeConfig(config), config }, 'configuration');
    const app = createApp(config, logger);
    const { url } = await listen(app.server, 0, '127.0.0.1');
    try {
      await login(url, 'a-wrong-token-that-is-long-enough');
      const session = (await login(url, TOKEN)).headers.get('set-cookie')!.split(';')[0];
      await admin(url, '/admin', { headers: { cookie: session, authorization: `Bearer ${TOKEN}` } });
      expect(logged).toContain('analytics page at /admin (ADMIN_TOKEN set)');
      expect(logged).toContain('a sign-in with a wrong token');
      expect(logged).not.toContain(TOKEN);
      expect(logged).not.toContain(session.split('=')[1]);
      expect(logged).not.toContain('a-wrong-token-that-is-long-enough');
    } finally {
      await close(app.server, 2000);
      await app.closeStores();
    }
  });
});
