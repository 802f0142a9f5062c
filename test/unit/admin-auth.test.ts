// Who may see the analytics page: the token compared in constant time, the session cookie's
// signature and expiry (a fake clock), what a tampered or foreign cookie gets, and the cookie's
// attributes; the request helpers that read the Bearer token, the cookie and the scheme.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { AdminAuth, SESSION_COOKIE, SESSION_TTL_MS, clearedSessionCookie, sessionCookie, sessionOf } from '../../src/admin/auth';
import { bearerToken, isHttps } from '../../src/lib/request';

const TOKEN = 'a-test-admin-token-of-32-characters!';

function clock(start = Date.parse('2026-12-07T08:00:00.000Z')) {
  const time = { now: start };
  return { time, now: () => time.now };
}

const request = (headers: Record<string, string>, encrypted = false) => ({ headers, socket: { encrypted } }) as unknown as IncomingMessage;

describe('AdminAuth', () => {
  it('accepts the token and nothing else, whatever the length', () => {
    const auth = new AdminAuth(TOKEN);
    expect(auth.isToken(TOKEN)).toBe(true);
    expect(auth.isToken(`${TOKEN} `)).toBe(false);
    expect(auth.isToken(TOKEN.slice(0, -1))).toBe(false);
    expect(auth.isToken('')).toBe(false);
    expect(auth.isToken(TOKEN.toUpperCase())).toBe(false);
  });

  it('issues sessions that hold for eight hours and then end', () => {
    const { time, now } = clock();
    const auth = new AdminAuth(TOKEN, now);
    const session = auth.issueSession();
    expect(auth.isSession(session)).toBe(true);
    time.now += SESSION_TTL_MS - 1000;
    expect(auth.isSession(session)).toBe(true);
    time.now += 1000;
    expect(auth.isSession(session)).toBe(false);
  });

  it('refuses a session whose expiry or signature was changed, or one signed for another token', () => {
    const { now } = clock();
    const auth = new AdminAuth(TOKEN, now);
    const session = auth.issueSession();
    const [version, expires, signature] = session.split('.');
    expect(auth.isSession(`${version}.${Number(expires) + 3_600_000}.${signature}`)).toBe(false);
    const flipped = signature.startsWith('A') ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
    expect(auth.isSession(`${version}.${expires}.${flipped}`)).toBe(false);
    expect(auth.isSession(`${version}.${expires}.${signature}x`)).toBe(false);
    expect(auth.isSession(`v2.${expires}.${signature}`)).toBe(false);
    expect(auth.isSession(`${session}.extra`)).toBe(false);
    expect(auth.isSession('')).toBe(false);
    expect(auth.isSession(undefined)).toBe(false);
    expect(new AdminAuth(`${TOKEN}-rotated`, now).isSession(session)).toBe(false);
    // The same token on another instance accepts it: no server-side session store.
    expect(new AdminAuth(TOKEN, now).isSession(session)).toBe(true);
  });

  it('does not put the token in the session', () => {
    const session = new AdminAuth(TOKEN).issueSession();
    expect(session).not.toContain(TOKEN);
    expect(Buffer.from(session.split('.')[2], 'base64url').toString('latin1')).not.toContain(TOKEN);
  });
});

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Strict, for /admin only, and Secure over https', () => {
    const plain = sessionCookie('v1.1.sig', false);
    expect(plain).toBe(`${SESSION_COOKIE}=v1.1.sig; Max-Age=28800; Path=/admin; HttpOnly; SameSite=Strict`);
    expect(sessionCookie('v1.1.sig', true)).toBe(`${plain}; Secure`);
    expect(clearedSessionCookie(true)).toBe(`${SESSION_COOKIE}=; Max-Age=0; Path=/admin; HttpOnly; SameSite=Strict; Secure`);
  });

  it('is read from a Cookie header among others', () => {
    expect(sessionOf(request({ cookie: `theme=dark; ${SESSION_COOKIE}=v1.2.abc; other=1` }))).toBe('v1.2.abc');
    expect(sessionOf(request({ cookie: `x${SESSION_COOKIE}=v1.2.abc` }))).toBeUndefined();
    expect(sessionOf(request({}))).toBeUndefined();
  });
});

describe('request helpers', () => {
  it('read a Bearer token', () => {
    expect(bearerToken(request({ authorization: 'Bearer abc.def' }))).toBe('abc.def');
    expect(bearerToken(request({ authorization: 'bearer  abc ' }))).toBe('abc');
    expect(bearerToken(request({ authorization: 'Basic abc' }))).toBeUndefined();
    expect(bearerToken(request({}))).toBeUndefined();
  });

  it('tell https from the socket or from the proxy in front', () => {
    expect(isHttps(request({}))).toBe(false);
    expect(isHttps(request({}, true))).toBe(true);
    expect(isHttps(request({ 'x-forwarded-proto': 'https' }))).toBe(true);
    expect(isHttps(request({ 'x-forwarded-proto': 'HTTPS, http' }))).toBe(true);
    expect(isHttps(request({ 'x-forwarded-proto': 'http' }, true))).toBe(false);
  });
});
