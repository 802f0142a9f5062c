// Sending one fuzz request: over node:http with a keep-alive agent, or as raw bytes on a fresh
// socket (read until the response is complete, the server closes, or the timeout). Bodies come
// back decompressed so the checks see what a browser would.
import http from 'node:http';
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

export interface Reply {
  /** Undefined when no status line came back (connection closed, reset or timed out). */
  status?: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** Transport error code (ECONNRESET, ECONNREFUSED, timeout, ...). */
  error?: string;
  ms: number;
}

export interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** Raw transport: the whole request. */
  raw?: Buffer;
}

function decode(body: Buffer, encoding: unknown): Buffer {
  try {
    if (encoding === 'br') return brotliDecompressSync(body);
    if (encoding === 'gzip') return gunzipSync(body);
    if (encoding === 'deflate') return inflateSync(body);
  } catch {
    // Leave it as sent: the checks look at the bytes.
  }
  return body;
}

export function sendHttp(agent: http.Agent, host: string, port: number, r: Sent, timeoutMs: number): Promise<Reply> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (reply: Omit<Reply, 'ms'>) => {
      if (done) return;
      done = true;
      resolve({ ...reply, ms: performance.now() - t0 });
    };
    let req: http.ClientRequest;
    try {
      req = http.request({ agent, host, port, method: r.method, path: r.path, headers: r.headers, timeout: timeoutMs });
    } catch (err) {
      finish({ headers: {}, body: Buffer.alloc(0), error: `client refused to send: ${(err as Error).message}` });
      return;
    }
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        finish({ status: res.statusCode, headers: res.headers, body: decode(Buffer.concat(chunks), res.headers['content-encoding']) }),
      );
      res.on('error', (err) =>
        finish({
          status: res.statusCode,
          headers: res.headers,
          body: Buffer.concat(chunks),
          error: (err as NodeJS.ErrnoException).code ?? err.message,
        }),
      );
    });
    req.on('timeout', () => {
      finish({ headers: {}, body: Buffer.alloc(0), error: 'timeout' });
      req.destroy();
    });
    req.on('error', (err) => finish({ headers: {}, body: Buffer.alloc(0), error: (err as NodeJS.ErrnoException).code ?? err.message }));
    req.end(r.body);
  });
}

/** Status, headers and whether the whole response has arrived, from the bytes read so far. */
function parseRaw(data: Buffer): { status?: number; headers: Record<string, string>; body: Buffer; complete: boolean } {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return { headers: {}, body: Buffer.alloc(0), complete: false };
  const lines = data.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(lines[0])?.[1]) || undefined;
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const body = data.subarray(end + 4);
  const length = Number(headers['content-length']);
  // A 101 has no body (what follows is WebSocket frames); other responses end at Content-Length.
  const complete = status === 101 || (Number.isFinite(length) && body.length >= length);
  return { status, headers, body: Number.isFinite(length) ? body.subarray(0, length) : body, complete };
}

export function sendRaw(host: string, port: number, bytes: Buffer, timeoutMs: number): Promise<Reply> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (error?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const parsed = parseRaw(Buffer.concat(chunks));
      resolve({ status: parsed.status, headers: parsed.headers, body: parsed.body, error, ms: performance.now() - t0 });
    };
    const timer = setTimeout(() => finish(chunks.length ? undefined : 'timeout'), timeoutMs);
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      if (parseRaw(Buffer.concat(chunks)).complete) finish();
    });
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    socket.on('error', (err: NodeJS.ErrnoException) => finish(chunks.length ? undefined : (err.code ?? err.message)));
  });
}
