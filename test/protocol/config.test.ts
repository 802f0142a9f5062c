// Configuration: embedded defaults for everything (no .env needed), empty values mean unset, bad
// values are refused with the variable's name, secrets stay out of the log summary.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { teamsConfigFromEnv } from '../../src/cli/teams-package';
import { ConfigError, configWarnings, describeConfig, loadConfig, loadDotEnv } from '../../src/config';

describe('config', () => {
  it('has a default for everything', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3978);
    expect(c.host).toBeUndefined();
    expect(c.authEnabled).toBe(false);
    expect(c.microsoftAppType).toBe('MultiTenant');
    expect(c.logLevel).toBe('info');
    expect(c.knowledgeDir).toBe(path.resolve(__dirname, '../../knowledge'));
    expect(c.maxBodyBytes).toBe(64 * 1024);
    expect(c.maxTextChars).toBe(2000);
    expect(c.heapGrowingPercent).toBe(50);
  });

  it('takes HEAP_GROWING_PERCENT from 0 (V8 decides) to 300, and refuses anything else', () => {
    expect(loadConfig({ HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
    for (const bad of ['-1', '301', 'lots', '12.5']) {
      expect(() => loadConfig({ HEAP_GROWING_PERCENT: bad }), bad).toThrow(/HEAP_GROWING_PERCENT/);
    }
  });

  it('treats empty values (a copied .env.example) as unset', () => {
    const c = loadConfig({ PORT: '', MicrosoftAppId: '', MicrosoftAppPassword: ' ', MicrosoftAppType: '', LOG_LEVEL: '' });
    expect(c.port).toBe(3978);
    expect(c.authEnabled).toBe(false);
    expect(c.microsoftAppId).toBeUndefined();
  });

  it('takes APPLY_URL as an http(s) URL, unset by default, and refuses anything else', () => {
    expect(loadConfig({}).webchat.applyUrl).toBeUndefined();
    expect(loadConfig({ APPLY_URL: 'https://jobs.example.com/am?ref=chat' }).webchat.applyUrl).toBe('https://jobs.example.com/am?ref=chat');
    for (const bad of ['jobs.example.com', 'javascript:alert(1)', 'https://jobs example.com']) {
      expect(() => loadConfig({ APPLY_URL: bad }), bad).toThrow(/APPLY_URL/);
    }
  });

  it('takes ASK_ALLOWED_ORIGINS as origins or *, none by default, and refuses anything else', () => {
    expect(loadConfig({}).ask.allowedOrigins).toEqual([]);
    expect(loadConfig({ ASK_ALLOWED_ORIGINS: 'https://A.example.com, http://localhost:5173' }).ask.allowedOrigins).toEqual([
      'https://a.example.com',
      'http://localhost:5173',
    ]);
    expect(loadConfig({ ASK_ALLOWED_ORIGINS: '*' }).ask.allowedOrigins).toEqual(['*']);
    for (const bad of ['a.example.com', 'https://a.example.com/path', 'https://*.example.com', '*, https://a.example.com']) {
      expect(() => loadConfig({ ASK_ALLOWED_ORIGINS: bad }), bad).toThrow(/ASK_ALLOWED_ORIGINS/);
    }
  });

  it('limits /api/ask to ASK_REQUESTS_PER_MINUTE per client, 60 by default', () => {
    expect(loadConfig({}).ask.requestsPerMinute).toBe(60);
    expect(loadConfig({ ASK_REQUESTS_PER_MINUTE: '5' }).ask.requestsPerMinute).toBe(5);
    for (const bad of ['0', '-1', 'many'])
      expect(() => loadConfig({ ASK_REQUESTS_PER_MINUTE: bad }), bad).toThrow(/ASK_REQUESTS_PER_MINUTE/);
  });

  it('gives a copied .env.example exactly the defaults, for the bot and for the Teams package', () => {
    const example = parseEnv(readFileSync(path.resolve(__dirname, '../../.env.example'), 'utf8'));
    expect(loadConfig(example)).toEqual(loadConfig({}));
    expect(teamsConfigFromEnv(example).config).toEqual(teamsConfigFromEnv({}).config);
    // One default name for the page and Teams.
    expect(loadConfig({}).webchat.botName).toBe(teamsConfigFromEnv({}).config.botName);
  });

  it('warns about an app id without a password, unless a managed identity needs none', () => {
    expect(configWarnings(loadConfig({ MicrosoftAppId: 'abc' }))).toEqual([expect.stringMatching(/MicrosoftAppPassword is not/)]);
    expect(configWarnings(loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'secret' }))).toEqual([]);
    expect(configWarnings(loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' }))).toEqual(
      [],
    );
    expect(configWarnings(loadConfig({}))).toEqual([]);
  });

  it('turns authentication on with an app id', () => {
    const c = loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'secret' });
    expect(c.authEnabled).toBe(true);
  });

  it('refuses bad values, naming the variable', () => {
    for (const [env, name] of [
      [{ PORT: 'abc' }, 'PORT'],
      [{ PORT: '70000' }, 'PORT'],
      [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
      [{ MicrosoftAppType: 'Tenantless' }, 'MicrosoftAppType'],
      [{ MAX_BODY_BYTES: '-1' }, 'MAX_BODY_BYTES'],
      [{ MicrosoftAppType: 'SingleTenant', MicrosoftAppId: 'abc' }, 'MicrosoftAppTenantId'],
    ] as const) {
      expect(() => loadConfig(env as Record<string, string>)).toThrow(ConfigError);
      expect(() => loadConfig(env as Record<string, string>)).toThrow(name);
    }
  });

  it('never puts the password in the log summary', () => {
    const summary = JSON.stringify(describeConfig(loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'hunter2-secret' })));
    expect(summary).not.toContain('hunter2-secret');
    expect(summary).toContain('"auth":"on');
  });

  it("takes STATE_STORE=redis with REDIS_URL, and never logs the URL's password", () => {
    const c = loadConfig({ STATE_STORE: 'redis', REDIS_URL: 'redis://:s3cret-pass@cache.internal:6380/2' });
    expect(c.redis).toEqual({ url: 'redis://:s3cret-pass@cache.internal:6380/2', keyPrefix: 'careers-faq:' });
    const summary = JSON.stringify(describeConfig(c));
    expect(summary).not.toContain('s3cret-pass');
    expect(summary).toContain('redis://cache.internal:6380/2');
    expect(() => loadConfig({ REDIS_URL: 'not a url' })).toThrow(/REDIS_URL/);
    expect(() => loadConfig({ REDIS_KEY_PREFIX: 'has spaces in it' })).toThrow(/REDIS_KEY_PREFIX/);
    expect(() => loadConfig({ STATE_STORE: 'postgres' })).toThrow(/STATE_STORE/);
  });

  describe('.env', () => {
    let dir: string | undefined;
    const saved = { ...process.env };
    afterEach(() => {
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('is optional, loaded when present, and the real environment wins', () => {
      dir = mkdtempSync(path.join(tmpdir(), 'faq-env-'));
      expect(loadDotEnv(path.join(dir, '.env'))).toBe(false);
      writeFileSync(path.join(dir, '.env'), 'FAQ_TEST_FROM_FILE=file\nFAQ_TEST_BOTH=file\n');
      process.env.FAQ_TEST_BOTH = 'environment';
      expect(loadDotEnv(path.join(dir, '.env'))).toBe(true);
      expect(process.env.FAQ_TEST_FROM_FILE).toBe('file');
      expect(process.env.FAQ_TEST_BOTH).toBe('environment');
    });
  });
});
