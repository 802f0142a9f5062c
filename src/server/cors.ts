// CORS for GET /api/ask and its OpenAPI description: pages on the origins listed in
// ASK_ALLOWED_ORIGINS may read the answers. A response only ever names a listed origin (or "*"
// when any may): the request's Origin header is compared, never echoed back.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from '../lib/http';

/** The origins allowed (lower case), ['*'] for any, [] for none: then no CORS header is sent. */
export type AllowedOrigins = readonly string[];

const anyOrigin = (allowed: AllowedOrigins) => allowed.length === 1 && allowed[0] === '*';

/** What Access-Control-Allow-Origin says to `req`, or undefined when its origin is not allowed. */
export function allowedOrigin(req: IncomingMessage, allowed: AllowedOrigins): string | undefined {
  if (anyOrigin(allowed)) return '*';
  const origin = req.headers.origin;
  if (typeof origin !== 'string') return undefined;
  const asked = origin.trim().toLowerCase();
  return allowed.find((o) => o === asked);
}

/** The CORS headers of every response of a CORS route, errors and 429s included. */
export function corsHeaders(req: IncomingMessage, allowed: AllowedOrigins): Record<string, string> {
  const headers: Record<string, string> = {};
  // The answer depends on the Origin header: caches must keep one per origin.
  if (allowed.length && !anyOrigin(allowed)) headers.Vary = 'Origin';
  const origin = allowedOrigin(req, allowed);
  if (origin) {
    headers['Access-Control-Allow-Origin'] = origin;
    headers['Access-Control-Expose-Headers'] = 'Retry-After';
  }
  return headers;
}

/** Sets the CORS headers on `res` before the route writes its response. */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: AllowedOrigins): void {
  for (const [name, value] of Object.entries(corsHeaders(req, allowed))) res.setHeader(name, value);
}

/**
 * OPTIONS: a browser's preflight (an Origin and Access-Control-Request-Method), answered 204 with
 * what the route allows when the origin is listed, else 403; any other OPTIONS request is told
 * the methods in an Allow header.
 */
export function answerOptions(req: IncomingMessage, res: ServerResponse, allowed: AllowedOrigins, methods: readonly string[]): void {
  const headers: Record<string, string> = { Allow: [...methods, 'OPTIONS'].join(', '), ...corsHeaders(req, allowed) };
  const preflight = typeof req.headers.origin === 'string' && typeof req.headers['access-control-request-method'] === 'string';
  if (preflight && !allowedOrigin(req, allowed)) {
    sendError(res, 403, 'pages on this origin may not call this endpoint (see ASK_ALLOWED_ORIGINS)', false, headers);
    return;
  }
  if (preflight) {
    headers['Access-Control-Allow-Methods'] = methods.join(', ');
    headers['Access-Control-Allow-Headers'] = 'Accept, Content-Type';
    headers['Access-Control-Max-Age'] = '600';
  }
  res.writeHead(204, headers);
  res.end();
}
