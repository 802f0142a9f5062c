// Small HTTP helpers shared by every route (src/server/, src/directline/, src/web/): JSON
// responses and errors, and reading a JSON request body with a size limit. No botbuilder here.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  close = false,
  extraHeaders: Record<string, string | number> = {},
): void {
  sendJsonText(res, status, JSON.stringify(body), close, extraHeaders);
}

/** Sends an already serialized JSON document. */
export function sendJsonText(
  res: ServerResponse,
  status: number,
  payload: string,
  close = false,
  extraHeaders: Record<string, string | number> = {},
): void {
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    ...extraHeaders,
  };
  if (close) headers.Connection = 'close';
  res.writeHead(status, headers);
  res.end(payload);
}

/** A JSON `{"error": "..."}` response. */
export const sendError = (
  res: ServerResponse,
  status: number,
  error: string,
  close = false,
  extraHeaders: Record<string, string | number> = {},
) => sendJson(res, status, { error }, close, extraHeaders);

export type BodyResult = { ok: true; body: Buffer } | { ok: false; tooLarge: boolean };

/** Reads the request body, giving up as soon as it passes `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume(); // discard; the response closes the connection
      resolve({ ok: false, tooLarge: true });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.resume(); // keep draining without keeping the bytes
        req.on('error', () => undefined);
        finish({ ok: false, tooLarge: true });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size) });
    const onError = () => finish({ ok: false, tooLarge: false });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onError);
  });
}

/** Deepest nesting of objects and arrays a request body may have; real activities stay under 15. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether the JSON text nests objects or arrays deeper than `maxDepth`. A scan of the raw bytes
 * (brackets inside strings do not count), so it runs before JSON.parse and cannot overflow the
 * stack the way a recursive walk, or JSON.stringify on the parsed value later, would. Hand-written:
 * JSON.parse has no depth option, and the scan is a dozen lines.
 */
export function nestsDeeperThan(text: Buffer, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

/**
 * Reads and parses a JSON request body of at most `limit` bytes. On failure the error response
 * (413 too large, 400 unreadable, not JSON or nested deeper than MAX_JSON_DEPTH) has been sent and
 * `undefined` is returned. An empty body parses as `emptyAs` when given, else it is a 400.
 */
export async function readJson(
  req: IncomingMessage,
  res: ServerResponse,
  limit: number,
  emptyAs?: unknown,
): Promise<{ body: unknown } | undefined> {
  const read = await readBody(req, limit);
  if (!read.ok) {
    if (read.tooLarge) {
      sendError(res, 413, `the request body is larger than ${limit} bytes`, true);
    } else if (!res.headersSent && !res.destroyed) {
      sendError(res, 400, 'the request body could not be read', true);
    }
    return undefined;
  }
  if (read.body.length === 0 && emptyAs !== undefined) return { body: emptyAs };
  if (nestsDeeperThan(read.body, MAX_JSON_DEPTH)) {
    sendError(res, 400, `the request body is nested deeper than ${MAX_JSON_DEPTH} levels`);
    return undefined;
  }
  try {
    return { body: JSON.parse(read.body.toString('utf8')) };
  } catch {
    sendError(res, 400, 'the request body is not valid JSON');
    return undefined;
  }
}
