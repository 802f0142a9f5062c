// With authentication on, every kind of forged Bot Framework token is a 401: an outside tester's
// table of forgeries, run against a bot whose signing keys are served on loopback, so a
// token signed with them is accepted and each forged one fails for its own reason alone.
import { createHmac, generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { AuthenticationConstants } from 'botframework-connector';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activity, post, type Reply } from '../support/bot';
import { jwt, metadataHost, securedServer, type MetadataHost, type SecuredBot } from '../support/openid-host';

const APP_ID = '00000000-0000-0000-0000-000000000003';
const PASSWORD = 'app-password-that-must-never-show';
const SERVICE_URL = 'http://127.0.0.1:9/';
const EMULATOR_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';

const trusted = generateKeyPairSync('rsa', { modulusLength: 2048 });
const foreign = generateKeyPairSync('rsa', { modulusLength: 2048 });
const trustedJwk = { ...trusted.publicKey.export({ format: 'jwk' }), kid: 'trusted', use: 'sig' };

const now = () => Math.floor(Date.now() / 1000);
const channelClaims = (claims: object = {}) => ({
  iss: AuthenticationConstants.ToBotFromChannelTokenIssuer,
  aud: APP_ID,
  nbf: now() - 60,
  exp: now() + 3600,
  serviceurl: SERVICE_URL,
  ...claims,
});
const emulatorClaims = (claims: object = {}) => ({
  iss: EMULATOR_ISSUER,
  ver: '1.0',
  appid: APP_ID,
  aud: APP_ID,
  exp: now() + 3600,
  ...claims,
});
const rs256 = { alg: 'RS256', typ: 'JWT', kid: 'trusted' };
const byTrusted = (input: Buffer) => cryptoSign('RSA-SHA256', input, trusted.privateKey);
const byForeign = (input: Buffer) => cryptoSign('RSA-SHA256', input, foreign.privateKey);
const hmac = (key: string | Buffer) => (input: Buffer) => createHmac('sha256', key).update(input).digest();
const bearer = (token: string) => `Bearer ${token}`;

/** A trusted token whose claims were changed after it was signed. */
function tampered(): string {
  const [head, , signature] = jwt(rs256, channelClaims(), byTrusted).split('.');
  const claims = Buffer.from(JSON.stringify(channelClaims({ aud: '11111111-1111-1111-1111-111111111111' }))).toString('base64url');
  return `${head}.${claims}.${signature}`;
}

/** Authorization headers (undefined: none) that must all be refused. */
const forged: Record<string, () => string | undefined> = {
  'no Authorization header': () => undefined,
  'Basic credentials': () => 'Basic dXNlcjpwYXNz',
  'an empty Bearer': () => 'Bearer ',
  garbage: () => 'Bearer not-a-jwt',
  'alg none, channel claims': () => bearer(jwt({ alg: 'none', typ: 'JWT' }, channelClaims())),
  'alg none, Emulator claims': () => bearer(jwt({ alg: 'none', typ: 'JWT' }, emulatorClaims())),
  'HS256 keyed with MicrosoftAppPassword': () => bearer(jwt({ ...rs256, alg: 'HS256' }, channelClaims(), hmac(PASSWORD))),
  'HS256 keyed with the app id': () => bearer(jwt({ ...rs256, alg: 'HS256' }, channelClaims(), hmac(APP_ID))),
  'HS256 keyed with the trusted public key': () =>
    bearer(jwt({ ...rs256, alg: 'HS256' }, channelClaims(), hmac(trusted.publicKey.export({ type: 'spki', format: 'pem' })))),
  'RS256 by a foreign key under the trusted kid': () => bearer(jwt(rs256, channelClaims(), byForeign)),
  'RS256 by a foreign key under its own kid': () => bearer(jwt({ ...rs256, kid: 'foreign' }, channelClaims(), byForeign)),
  'RS256 by a foreign key embedded in the header': () =>
    bearer(jwt({ ...rs256, kid: 'foreign', jwk: foreign.publicKey.export({ format: 'jwk' }) }, channelClaims(), byForeign)),
  'trusted, but expired an hour ago': () => bearer(jwt(rs256, channelClaims({ nbf: now() - 7200, exp: now() - 3600 }), byTrusted)),
  'trusted, but not valid for another hour': () => bearer(jwt(rs256, channelClaims({ nbf: now() + 3600, exp: now() + 7200 }), byTrusted)),
  'trusted, but for another audience': () => bearer(jwt(rs256, channelClaims({ aud: '11111111-1111-1111-1111-111111111111' }), byTrusted)),
  'trusted, but from another issuer': () => bearer(jwt(rs256, channelClaims({ iss: 'https://issuer.example.com' }), byTrusted)),
  'trusted, but for another serviceUrl': () => bearer(jwt(rs256, channelClaims({ serviceurl: 'http://127.0.0.2:9/' }), byTrusted)),
  'trusted, claims altered after signing': () => bearer(tampered()),
  'trusted Emulator token of another app': () =>
    bearer(
      jwt(rs256, emulatorClaims({ appid: '22222222-2222-2222-2222-222222222222', aud: '22222222-2222-2222-2222-222222222222' }), byTrusted),
    ),
  'trusted skill token from another bot': () =>
    bearer(jwt(rs256, emulatorClaims({ appid: '22222222-2222-2222-2222-222222222222' }), byTrusted)),
};

/** POSTs one message with `authorization`, bounded on the client side so a hang fails the test. */
function send(bot: SecuredBot, authorization: string | undefined): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== undefined) headers.authorization = authorization;
  return Promise.race([
    post(bot.url, activity({ text: 'hello', channelId: 'test', serviceUrl: SERVICE_URL }), headers),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 10 s')), 10_000)),
  ]);
}

describe('forged tokens, with the signing keys served on loopback', () => {
  let metadata: MetadataHost;
  let bot: SecuredBot;
  beforeAll(async () => {
    metadata = await metadataHost([trustedJwk]);
    bot = await securedServer(metadata.metadataUrl, { appId: APP_ID, password: PASSWORD, captureLog: true });
  });
  afterAll(async () => {
    await bot?.stop();
    metadata?.close();
  });

  it('accepts a channel token and an Emulator token signed with the trusted key (the control)', async () => {
    for (const token of [jwt(rs256, channelClaims(), byTrusted), jwt(rs256, emulatorClaims(), byTrusted)]) {
      const res = await send(bot, bearer(token));
      expect(res.status, res.raw).toBe(200);
      expect(res.body.activities.map((a: { type: string; text?: string }) => a.text ?? a.type)).toEqual(['typing', 'validated']);
    }
  });

  it.each(Object.entries(forged))('refuses %s with a 401 and runs no turn', async (_kind, authorization) => {
    const res = await send(bot, authorization());
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'unauthorized' });
  });

  it('logs each as a refusal (warn), not as a failure to validate on our side (error)', async () => {
    const logged = bot.log().length;
    for (const authorization of Object.values(forged)) await send(bot, authorization());
    const lines = bot
      .log()
      .slice(logged)
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.length).toBe(Object.keys(forged).length);
    expect(lines.filter((line) => line.level >= 50).map((line) => line.reason)).toEqual([]);
    expect(new Set(lines.map((line) => line.msg))).toEqual(new Set(['refused an unauthenticated request']));
  });

  it('puts the app password in no response and no log line at trace', async () => {
    const bodies = await Promise.all(Object.values(forged).map(async (authorization) => (await send(bot, authorization())).raw));
    expect(bot.log()).toContain('refused an unauthenticated request'); // the log was captured, so the check means something
    expect(bodies.join('\n')).not.toContain(PASSWORD);
    expect(bot.log()).not.toContain(PASSWORD);
  });
});

describe('forged tokens, with the signing keys unreachable (offline)', () => {
  it('refuses every token, the well-signed one too (fail closed), each within seconds', async () => {
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve())); // nothing listens there now
    const bot = await securedServer(`http://127.0.0.1:${port}/v1/.well-known/openidconfiguration`, { appId: APP_ID, password: PASSWORD });
    try {
      const tokens = [bearer(jwt(rs256, channelClaims(), byTrusted)), ...Object.values(forged).map((authorization) => authorization())];
      for (const authorization of tokens) {
        const res = await send(bot, authorization);
        expect(res.status).toBe(401);
        expect(res.body).toEqual({ error: 'unauthorized' });
      }
    } finally {
      await bot.stop();
    }
  }, 60_000);
});
