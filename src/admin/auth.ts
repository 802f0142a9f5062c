// Who may see the analytics page: whoever sends ADMIN_TOKEN, as a Bearer header (scripts) or once
// through the login form, which sets a session cookie. The session is stateless: its expiry,
// signed with a key derived from the token, so every instance accepts it (they share the token)
// and changing the token ends every session. No store, nothing to leak but the cookie itself.
import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'admin_session';
/** A working day: long enough not to nag, short enough that a forgotten browser closes itself. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;
/** The cookie reaches the admin routes only. */
const COOKIE_PATH = '/admin';
const SESSION_VERSION = 'v1';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

export class AdminAuth {
  private readonly tokenDigest: Buffer;
  private readonly sessionKey: Buffer;

  constructor(
    token: string,
    private readonly now: () => number = Date.now,
  ) {
    this.tokenDigest = sha256(token);
    // Its own key, not the token: a signature never serves as a guess at the token.
    this.sessionKey = Buffer.from(hkdfSync('sha256', token, 'careers-faq-bot', 'admin session cookie', 32));
  }

  /** Whether `candidate` is the token, in a time that does not tell how much of it was right. */
  isToken(candidate: string): boolean {
    // Digests of equal length, so neither the comparison nor its length check leaks anything.
    return timingSafeEqual(sha256(candidate), this.tokenDigest);
  }

  /** A new session's cookie value, good for SESSION_TTL_MS. */
  issueSession(): string {
    const expires = String(this.now() + SESSION_TTL_MS);
    return `${SESSION_VERSION}.${expires}.${this.sign(expires)}`;
  }

  /** Whether a cookie value is a session this token signed and it has not expired. */
  isSession(value: string | undefined): boolean {
    const [version, expires, signature, ...rest] = (value ?? '').split('.');
    if (version !== SESSION_VERSION || !expires || !signature || rest.length || !/^\d{1,16}$/.test(expires)) return false;
    const expected = Buffer.from(this.sign(expires));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected) && Number(expires) > this.now();
  }

  private sign(expires: string): string {
    return createHmac('sha256', this.sessionKey).update(`${SESSION_VERSION}.${expires}`).digest('base64url');
  }
}

/** The Set-Cookie header of a session; `Secure` when the browser came over https. */
export function sessionCookie(value: string, secure: boolean): string {
  return cookie(`${SESSION_COOKIE}=${value}`, `Max-Age=${SESSION_TTL_MS / 1000}`, secure);
}

/** The Set-Cookie header that ends a session in the browser. */
export function clearedSessionCookie(secure: boolean): string {
  return cookie(`${SESSION_COOKIE}=`, 'Max-Age=0', secure);
}

const cookie = (pair: string, age: string, secure: boolean) =>
  [pair, age, `Path=${COOKIE_PATH}`, 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])].join('; ');

/** The session cookie's value in a request, if it sent one. */
export function sessionOf(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  // Cookie: a=1; b=2 (RFC 6265). Our value is base64url and dots: no quoting or decoding to do.
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === SESSION_COOKIE) return pair.slice(at + 1).trim();
  }
  return undefined;
}
