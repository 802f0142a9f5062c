// What the built-in Direct Line endpoint and the analytics page read from a raw request: the bearer token, the target's
// path and query, the host and scheme the client used, and the client's address. Nothing here
// throws, whatever the client sent (the WebSocket upgrade runs outside restify's error handling).
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (typeof header !== 'string') return undefined;
  return /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
}

/**
 * The path and query of an origin-form request target (`/path?query`), split without `new URL`
 * (which throws on targets such as `//%`); undefined for any other form (`*`, `http://…`).
 */
export function targetOf(req: IncomingMessage): { path: string; query: URLSearchParams } | undefined {
  const url = req.url ?? '';
  if (!url.startsWith('/')) return undefined;
  const start = url.indexOf('?');
  return start < 0
    ? { path: url, query: new URLSearchParams() }
    : { path: url.slice(0, start), query: new URLSearchParams(url.slice(start + 1)) };
}

export const queryOf = (req: IncomingMessage) => targetOf(req)?.query ?? new URLSearchParams();

/** The watermark query parameter: undefined when absent or empty, NaN when not a number. */
export function watermarkOf(query: URLSearchParams): number | undefined {
  const w = query.get('watermark');
  if (w === null || w === '') return undefined;
  return /^\d{1,15}$/.test(w) ? Number(w) : NaN;
}

/** The host the client used, to build URLs it can reach (same origin as the page). */
export function hostOf(req: IncomingMessage): string {
  const host = req.headers.host;
  if (typeof host === 'string' && /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/.test(host)) return host;
  const address = req.socket.localAddress ?? '127.0.0.1';
  return `${address.includes(':') ? `[${address}]` : address}:${req.socket.localPort}`;
}

export function isHttps(req: IncomingMessage): boolean {
  const forwarded = req.headers['x-forwarded-proto'];
  const proto = typeof forwarded === 'string' ? forwarded.split(',')[0].trim().toLowerCase() : undefined;
  return proto ? proto === 'https' : Boolean((req.socket as TLSSocket).encrypted);
}

/**
 * The client's address, from the socket: there is no trusted-proxy setting, so X-Forwarded-For
 * is not believed (anyone could send it). Behind a reverse proxy every visitor has its address.
 */
export const clientAddress = (req: IncomingMessage) => req.socket.remoteAddress ?? 'unknown';
