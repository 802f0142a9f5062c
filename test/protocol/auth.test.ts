// With MicrosoftAppId set, /api/messages requires a valid Bot Framework token.
import { generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import { AuthenticationConstants } from 'botframework-connector';
import { describe, expect, it } from 'vitest';
import { activity, getJson, post, useBot } from '../support/bot';
import { jwt, metadataHost, securedServer } from '../support/openid-host';
import { eventually, silentPeer } from '../support/silent-peer';
import { BoundedCache } from '../../src/lib/bounded-cache';
import { createBotFrameworkAuthentication } from '../../src/server/auth';

const secured = useBot({
  MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
  MicrosoftAppPassword: 'not-a-real-secret',
});

describe('authentication', () => {
  it('is on when MicrosoftAppId is set', () => {
    expect(secured.app.config.authEnabled).toBe(true);
  });

  it('refuses a request without a token with a 401 and sends no reply', async () => {
    const res = await post(secured.url, activity({ text: 'hello' }));
    expect(res.status).toBe(401);
    expect(res.contentType).toMatch(/^application\/json/);
    expect(res.body).toEqual({ error: 'unauthorized' });
    expect(res.raw).not.toContain('activities');
  });

  it('refuses a forged token with a 401', async () => {
    // A structurally valid but unsigned JWT claiming to come from the Emulator for our app id.
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const forged = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({
      iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/',
      aud: '00000000-0000-0000-0000-000000000001',
      appid: '00000000-0000-0000-0000-000000000001',
      ver: '1.0',
      exp: Math.floor(Date.now() / 1000) + 3600,
    })}.`;
    for (const header of ['Bearer not-a-jwt', `Bearer ${forged}`, 'Basic dXNlcjpwYXNz']) {
      const res = await post(secured.url, activity({ text: 'hello' }), {
        'content-type': 'application/json',
        authorization: header,
      });
      expect(res.status, header).toBe(401);
      expect(res.body).toEqual({ error: 'unauthorized' });
    }
  });

  it('still checks the request before authentication (bad input is a 400 either way)', async () => {
    const res = await post(secured.url, { text: 'no type' });
    expect(res.status).toBe(400);
  });

  it('keeps /healthz and /api/ask public', async () => {
    expect((await getJson(secured.url, '/healthz')).status).toBe(200);
    expect((await getJson(secured.url, '/api/ask?q=hello')).status).toBe(200);
  });
});

describe('client caches', () => {
  it('keep at most `capacity` entries, forgetting the least recently used', async () => {
    const cache = new BoundedCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
  });

  it('reuse one connector client per service URL and stay bounded', async () => {
    const auth = createBotFrameworkAuthentication({ microsoftAppType: 'MultiTenant' }, { connectorClients: 3 });
    const activityFor = (serviceUrl: string) => ({ type: 'message', channelId: 'webchat', serviceUrl }) as any;
    const first = await auth.authenticateRequest(activityFor('http://a/'), '');
    const second = await auth.authenticateRequest(activityFor('http://a/'), '');
    const c1 = await first.connectorFactory!.create('http://a/', first.audience);
    const c2 = await second.connectorFactory!.create('http://a/', second.audience);
    expect(c2).toBe(c1);
    expect(await auth.createUserTokenClient(first.claimsIdentity)).toBe(await auth.createUserTokenClient(second.claimsIdentity));
    for (const url of ['http://b/', 'http://c/', 'http://d/', 'http://e/']) await first.connectorFactory!.create(url, first.audience);
    expect(auth.cachedClients.connector).toBe(3);
    // A different audience is a different client.
    const other = await first.connectorFactory!.create('http://e/', 'https://api.example.com');
    expect(other).not.toBe(await first.connectorFactory!.create('http://e/', first.audience));
  });
});

// Signing keys served (or not) by a loopback stand-in for Microsoft's OpenID metadata host.
describe('token validation with the OpenID metadata host on loopback', () => {
  const APP_ID = '00000000-0000-0000-0000-000000000002';
  const credentials = { appId: APP_ID, password: 'not-a-real-secret' };
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const token = (claims: object, sign = true) =>
    `Bearer ${jwt(
      { alg: 'RS256', typ: 'JWT', kid: 'test-key' },
      { iss: AuthenticationConstants.ToBotFromChannelTokenIssuer, aud: APP_ID, exp: Math.floor(Date.now() / 1000) + 3600, ...claims },
      (input) => (sign ? cryptoSign('RSA-SHA256', input, privateKey) : Buffer.from('forged')),
    )}`;
  /** POST with a client-side bound, so a hang fails the test instead of stalling it. */
  const postWith = (url: string, authorization: string, serviceUrl = 'http://127.0.0.1:9/') =>
    Promise.race([
      post(url, activity({ text: 'hello', channelId: 'test', serviceUrl }), { 'content-type': 'application/json', authorization }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 15 s')), 15_000)),
    ]);

  it('refuses plausible junk tokens promptly while the metadata host hangs, with one fetch for all', async () => {
    const peer = await silentPeer();
    const bot = await securedServer(`${peer.url}v1/.well-known/openidconfiguration`, credentials);
    try {
      const junk = token({ serviceurl: 'http://127.0.0.1:9/' }, false);
      const started = Date.now();
      const first = await Promise.all(Array.from({ length: 8 }, () => postWith(bot.url, junk)));
      expect(first.map((r) => r.status)).toEqual(Array(8).fill(401));
      expect(first[0].body).toEqual({ error: 'unauthorized' });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(peer.connections()).toBe(1); // one shared fetch, not one per request
      expect(await eventually(() => peer.open() === 0, 5000), 'socket to the metadata host closed').toBe(true);
      // While the host is known to hang, tokens are refused without another fetch.
      const second = await Promise.all(Array.from({ length: 8 }, () => postWith(bot.url, junk)));
      expect(second.map((r) => r.status)).toEqual(Array(8).fill(401));
      expect(peer.connections()).toBe(1);
    } finally {
      await bot.stop();
      await peer.close();
    }
  }, 30_000);

  it('accepts a validly signed token, and keeps doing so with the last good keys once the host hangs', async () => {
    const metadata = await metadataHost([{ ...publicKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig' }]);
    const bot = await securedServer(metadata.metadataUrl, credentials);
    try {
      const serviceUrl = 'http://127.0.0.1:9/';
      const valid = token({ serviceurl: serviceUrl });
      const expectReplies = (body: object) =>
        post(bot.url, activity({ text: 'hello', channelId: 'test', serviceUrl, ...body }), {
          'content-type': 'application/json',
          authorization: valid,
        });
      const ok = await expectReplies({});
      expect(ok.status).toBe(200);
      expect(ok.body.activities.map((a: any) => a.text ?? a.type)).toEqual(['typing', 'validated']);
      expect((await postWith(bot.url, token({ serviceurl: serviceUrl }, false))).status).toBe(401); // bad signature
      metadata.hang();
      expect((await expectReplies({})).status).toBe(200);
    } finally {
      await bot.stop();
      metadata.close();
    }
  }, 30_000);
});
