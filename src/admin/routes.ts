// The analytics page's routes, registered only when ADMIN_TOKEN is set (without it /admin is a 404
// like any unknown path):
//   GET  /admin[?days=7|30|90]   the page, with the token (Bearer) or a session cookie; without,
//                                a browser is sent to the login form and anything else gets a 401
//   GET  /admin/login            the form;  POST: the token, urlencoded; right, a session cookie
//   POST /admin/logout           ends the session in this browser
// Every admin response is `Cache-Control: no-store`. Attempts at the token (form or Bearer) are
// limited per client address, on top of the proxy's limit (deploy/nginx.conf).
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'restify';
import { readBody, sendError } from '../lib/http';
import type { Logger } from '../lib/log';
import { MemoryLimiter, type Limiter } from '../storage/limiter';
import type { QuestionLog } from '../learning/records';
import { AdminAuth, clearedSessionCookie, sessionCookie, sessionOf } from './auth';
import { bearerToken, clientAddress, isHttps, queryOf } from '../lib/request';
import { ADMIN_CSP, PERIODS, dashboardPage, loginPage, noticePage } from './page';
import { buildReport, periodStart } from './report';

export interface AdminOptions {
  /** ADMIN_TOKEN. */
  token: string;
  /** The question log; unset when it could not be opened (the page then says so). */
  log?: Pick<QuestionLog, 'since' | 'tallies'>;
  /** Entry titles by id, to show topics by name. */
  titles: ReadonlyMap<string, string>;
  logger: Logger;
  /** Where tries at the token are counted (shared by instances on Redis); memory by default. */
  limiter?: (perMinute: number) => Limiter;
  now?: () => number;
}

/** Tries at the token per client address per minute: plenty for people and scripts, nothing for guessing. */
export const TOKEN_ATTEMPTS_PER_MINUTE = 20;
/** The login form's body holds one token. */
const MAX_LOGIN_BYTES = 4096;
const DEFAULT_DAYS = 30;
const TOO_MANY = 'Too many tries at the token from this address; try again shortly.';

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function registerAdmin(server: Server, options: AdminOptions): void {
  const { logger } = options;
  const auth = new AdminAuth(options.token, options.now);
  const attempts = options.limiter?.(TOKEN_ATTEMPTS_PER_MINUTE) ?? new MemoryLimiter(TOKEN_ATTEMPTS_PER_MINUTE, options.now);
  /** Seconds to wait before another try at the token from this address; 0: go ahead. */
  const tooManyTries = (req: IncomingMessage) => attempts.take(clientAddress(req));

  server.pre((req, res, next) => {
    if (/^\/admin(?:[/?]|$)/.test(req.url ?? '')) res.setHeader('Cache-Control', 'no-store');
    return next();
  });
  const safe = (handler: Handler) => async (req: IncomingMessage, res: ServerResponse) => {
    try {
      await handler(req, res);
    } catch (err) {
      logger.error({ err: err instanceof Error ? err.message : String(err) }, 'unexpected error on the analytics page');
      if (!res.headersSent) sendError(res, 500, 'internal error');
    }
  };

  server.get(
    '/admin',
    safe(async (req, res) => {
      const bearer = bearerToken(req);
      if (bearer !== undefined) {
        const wait = await tooManyTries(req);
        if (wait) return tooMany(res, wait);
        if (!auth.isToken(bearer)) return unauthorized(res, 'the token was not accepted', 'error="invalid_token"');
      } else if (!auth.isSession(sessionOf(req))) {
        if (wantsHtml(req)) return redirect(res, '/admin/login');
        return unauthorized(res, 'this page needs ADMIN_TOKEN: send it as Authorization: Bearer, or sign in at /admin/login');
      }
      await showReport(req, res, options);
    }),
  );

  server.get(
    '/admin/login',
    safe(async (req, res) => {
      if (auth.isSession(sessionOf(req))) return redirect(res, '/admin');
      sendHtml(res, 200, loginPage());
    }),
  );

  server.post(
    '/admin/login',
    safe(async (req, res) => {
      const wait = await tooManyTries(req);
      if (wait) return sendHtml(res, 429, noticePage('Sign in', TOO_MANY), { 'Retry-After': wait });
      const type = req.headers['content-type'] ?? '';
      if (!/^application\/x-www-form-urlencoded\s*(?:;|$)/i.test(type)) {
        return sendHtml(res, 415, noticePage('Sign in', 'Sign in with the form at /admin/login.'));
      }
      const body = await readBody(req, MAX_LOGIN_BYTES);
      if (!body.ok) {
        return sendHtml(res, body.tooLarge ? 413 : 400, noticePage('Sign in', 'The form could not be read.'), { Connection: 'close' });
      }
      const token = new URLSearchParams(body.body.toString('utf8')).get('token')?.trim() ?? '';
      if (!auth.isToken(token)) {
        logger.warn({ address: clientAddress(req) }, 'analytics page: a sign-in with a wrong token');
        return sendHtml(res, 401, loginPage(true));
      }
      logger.info({ address: clientAddress(req) }, 'analytics page: signed in');
      redirect(res, '/admin', { 'Set-Cookie': sessionCookie(auth.issueSession(), isHttps(req)) });
    }),
  );

  server.post(
    '/admin/logout',
    safe(async (req, res) => redirect(res, '/admin/login', { 'Set-Cookie': clearedSessionCookie(isHttps(req)) })),
  );
}

/** The page for `?days=`: figures read from the log, or why there are none. */
async function showReport(req: IncomingMessage, res: ServerResponse, { log, titles, logger, now }: AdminOptions): Promise<void> {
  const days = periodOf(req);
  if (days === undefined) {
    return sendHtml(res, 400, noticePage('Analytics', `The period must be ${PERIODS.join(', ')} days (?days=${DEFAULT_DAYS}).`));
  }
  const unavailable = () =>
    sendHtml(res, 503, noticePage('Analytics', 'The record of questions is unavailable, so there are no figures to show.'));
  if (!log) return unavailable();
  const at = new Date(now?.() ?? Date.now());
  const start = periodStart(days, at);
  let read;
  try {
    read = await Promise.all([log.tallies(start), log.since(start)]);
  } catch (err) {
    logger.error({ err: err instanceof Error ? err.message : String(err) }, 'the analytics page could not read the question log');
    return unavailable();
  }
  const [tallies, records] = read;
  sendHtml(res, 200, dashboardPage(buildReport({ tallies, records, titles, days, now: at })));
}

/** The period asked for: DEFAULT_DAYS when none, undefined when not one of PERIODS. */
function periodOf(req: IncomingMessage): number | undefined {
  const asked = queryOf(req).get('days');
  if (asked === null) return DEFAULT_DAYS;
  return PERIODS.find((days) => String(days) === asked);
}

const wantsHtml = (req: IncomingMessage) => /\btext\/html\b/i.test(req.headers.accept ?? '');

function sendHtml(res: ServerResponse, status: number, html: string, headers: Record<string, string | number> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Content-Security-Policy': ADMIN_CSP,
    'Referrer-Policy': 'no-referrer',
    ...headers,
  });
  res.end(html);
}

function redirect(res: ServerResponse, location: string, headers: Record<string, string> = {}): void {
  res.writeHead(303, { Location: location, 'Content-Length': 0, ...headers });
  res.end();
}

function unauthorized(res: ServerResponse, message: string, detail?: string): void {
  sendError(res, 401, message, false, { 'WWW-Authenticate': ['Bearer realm="admin"', detail].filter(Boolean).join(', ') });
}

function tooMany(res: ServerResponse, wait: number): void {
  sendError(res, 429, TOO_MANY, false, { 'Retry-After': wait });
}
