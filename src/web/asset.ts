// One file served over HTTP, loaded on its first request (never at start-up) and then kept in
// memory with its ETag; compressed once per encoding (brotli, gzip), also on first request, off
// the event loop. Answers If-None-Match with a 304 and HEAD without a body. Used for the Web Chat
// bundle (4 MB, served with a year-long immutable Cache-Control under a versioned URL) and the
// careers page's own small files.
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { sendError } from '../lib/http';
import type { Logger } from '../lib/log';

export type Encoding = 'br' | 'gzip' | 'identity';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
/** Smaller files are sent as they are: compressing them saves nothing worth the CPU. */
const MIN_COMPRESS_BYTES = 1024;

/**
 * The best encoding the client accepts: brotli, then gzip, else none. Honours q-values
 * (`br;q=0` refuses brotli) and `*`.
 */
export function pickEncoding(acceptEncoding: string | string[] | undefined): Encoding {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '');
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  const accepts = (name: string) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return 'identity';
}

/** Whether an If-None-Match header names `etag` (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

export interface AssetOptions {
  contentType: string;
  cacheControl: string;
  /** Text and JavaScript compress well; images such as PNG do not. */
  compressible?: boolean;
}

interface Loaded {
  body: Buffer;
  /** A hash of the content, the base of every encoding's ETag. */
  hash: string;
}

export class Asset {
  private loaded?: Promise<Loaded>;
  private readonly encoded = new Map<Exclude<Encoding, 'identity'>, Promise<Buffer>>();

  constructor(
    private readonly load: () => Promise<Buffer | string>,
    readonly options: AssetOptions,
  ) {}

  /** True once the content has been read (tests check that nothing is read at start-up). */
  get isLoaded(): boolean {
    return this.loaded !== undefined;
  }

  /** Encodings computed so far. */
  get encodings(): Encoding[] {
    return [...this.encoded.keys()];
  }

  private content(): Promise<Loaded> {
    this.loaded ??= this.load().then((data) => {
      const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      return { body, hash: createHash('sha256').update(body).digest('base64url').slice(0, 22) };
    });
    // A failed load is retried by the next request.
    this.loaded.catch(() => (this.loaded = undefined));
    return this.loaded;
  }

  private encode(encoding: Exclude<Encoding, 'identity'>, body: Buffer): Promise<Buffer> {
    let pending = this.encoded.get(encoding);
    if (!pending) {
      pending =
        encoding === 'br'
          ? brotli(body, {
              params: {
                // Quality 9: within 10% of the best (11) at a twentieth of the time (0.6 s for Web Chat).
                [zlib.constants.BROTLI_PARAM_QUALITY]: 9,
                [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
              },
            })
          : gzip(body, { level: 9 });
      this.encoded.set(encoding, pending);
      pending.catch(() => this.encoded.delete(encoding));
    }
    return pending;
  }

  /** Answers a GET or HEAD for this file. `headers` are added to 200 and 304 responses alike. */
  async serve(req: IncomingMessage, res: ServerResponse, logger: Logger, headers: Record<string, string> = {}): Promise<void> {
    let loaded: Loaded;
    try {
      loaded = await this.content();
    } catch (err) {
      logger.error({ err: err instanceof Error ? err.message : String(err), url: req.url }, 'could not read a web chat file');
      sendError(res, 500, 'this file is not available right now');
      return;
    }
    let encoding: Encoding =
      this.options.compressible !== false && loaded.body.length >= MIN_COMPRESS_BYTES
        ? pickEncoding(req.headers['accept-encoding'])
        : 'identity';
    let body = loaded.body;
    if (encoding !== 'identity') {
      try {
        body = await this.encode(encoding, loaded.body);
      } catch (err) {
        logger.warn(
          { err: err instanceof Error ? err.message : String(err), encoding },
          'compression failed; sending the file uncompressed',
        );
        encoding = 'identity';
      }
    }
    const etag = `"${loaded.hash}${encoding === 'identity' ? '' : `-${encoding}`}"`;
    const common: Record<string, string> = {
      ETag: etag,
      'Cache-Control': this.options.cacheControl,
      Vary: 'Accept-Encoding',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    };
    if (etagMatches(req.headers['if-none-match'], etag)) {
      res.writeHead(304, common);
      res.end();
      return;
    }
    res.writeHead(200, {
      ...common,
      'Content-Type': this.options.contentType,
      'Content-Length': String(body.length),
      ...(encoding === 'identity' ? {} : { 'Content-Encoding': encoding }),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }
}
