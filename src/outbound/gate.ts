// The one way out of the process: every call the bot makes to another host (the channel's
// serviceUrl, the token endpoint, the OpenID metadata, Azure Direct Line) goes through an
// OutboundGate, which gives it
//   - a timeout (OUTBOUND_TIMEOUT_MS) that aborts the request and closes its socket;
//   - a cap on requests in flight at once (OUTBOUND_MAX_CONCURRENT); a request over the cap waits
//     briefly for a slot, then fails fast: the queue is as long as the cap, never longer;
//   - a short memory of silent peers: once a host has let a request time out, calls to it fail at
//     once for SILENT_PEER_COOLDOWN_MS, so one dead channel cannot hold a socket and a slot for
//     every message sent to it (nor one turn wait a full timeout per reply it sends).
// Hand-written rather than p-limit or p-queue: those queue without bound and know no timeout.
import { createDefaultHttpClient, createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import { BoundedCache } from '../lib/bounded-cache';
import { findInChain } from '../lib/error-chain';

export interface OutboundPolicy {
  /** Longest wait for one outbound request, answer body included, in milliseconds. */
  timeoutMs: number;
  /** Most outbound requests in flight at once (per gate). */
  maxConcurrent: number;
}

/** The defaults of OUTBOUND_TIMEOUT_MS and OUTBOUND_MAX_CONCURRENT (src/config.ts). */
export const DEFAULT_OUTBOUND_POLICY: OutboundPolicy = { timeoutMs: 8_000, maxConcurrent: 64 };

/** Longest wait for a free slot when the cap is reached (at most the timeout). */
const MAX_SLOT_WAIT_MS = 2_000;
/** How long a host that let a request time out is not called again. */
export const SILENT_PEER_COOLDOWN_MS = 30_000;

/** An outbound call the gate refused or cut short. Never retried by the connector's retry policy
 * (it retries only its own RestErrors): a timed-out POST may have arrived, and sending it again
 * could deliver a reply twice. */
export class OutboundError extends Error {
  constructor(
    message: string,
    /** timeout: no answer in time; silent: the host timed out moments ago; busy: over the cap. */
    readonly kind: 'timeout' | 'silent' | 'busy',
    /** scheme://host:port of the peer (never a path or query, which may carry secrets). */
    readonly origin: string,
  ) {
    super(message);
    this.name = 'OutboundError';
  }
}

/** The OutboundError behind `err`, if any (wrapping libraries keep it as a cause). */
export const outboundErrorOf = (err: unknown): OutboundError | undefined => findInChain(err, OutboundError);

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid-url';
  }
}

/** Counting semaphore with a bounded, time-limited wait. */
class Slots {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly max: number,
    private readonly waitMs: number,
  ) {}

  get inFlight(): number {
    return this.active;
  }

  /** Resolves with a release function, or with undefined when no slot came free in time. */
  async acquire(): Promise<(() => void) | undefined> {
    if (this.active < this.max) {
      this.active += 1;
      return this.releaser();
    }
    if (this.waiting.length >= this.max) return undefined;
    const granted = await new Promise<boolean>((resolve) => {
      const grant = () => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(grant), 1);
        resolve(false);
      }, this.waitMs);
      this.waiting.push(grant);
    });
    // A granted slot was handed over by a releaser without being counted down.
    return granted ? this.releaser() : undefined;
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    };
  }
}

export interface TextRequest {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export interface TextResponse {
  status: number;
  /** Lower-case names. */
  headers: Record<string, string>;
  text: string;
}

export class OutboundGate {
  private readonly slots: Slots;
  private readonly transport = createDefaultHttpClient();
  private readonly silentUntil = new BoundedCache<number>(256);

  constructor(
    readonly policy: OutboundPolicy = DEFAULT_OUTBOUND_POLICY,
    private readonly now: () => number = Date.now,
  ) {
    this.slots = new Slots(policy.maxConcurrent, Math.min(MAX_SLOT_WAIT_MS, policy.timeoutMs));
  }

  /** Requests in flight now (for tests and diagnostics). */
  get inFlight(): number {
    return this.slots.inFlight;
  }

  /**
   * Runs one outbound request to `url`. `send` must honour `signal` (pass it to fetch or to the
   * HTTP client) and finish reading the answer before it resolves, so the timeout covers the body.
   */
  async run<T>(url: string, send: (signal: AbortSignal) => Promise<T>, callerSignal?: AbortSignal): Promise<T> {
    const origin = originOf(url);
    const { timeoutMs, maxConcurrent } = this.policy;
    const silent = () => (this.silentUntil.get(origin) ?? 0) > this.now();
    const silentError = () => new OutboundError(`${origin} did not answer a moment ago; not called again yet`, 'silent', origin);
    if (silent()) throw silentError();
    const release = await this.slots.acquire();
    if (!release) throw new OutboundError(`${maxConcurrent} outbound requests already in progress`, 'busy', origin);
    if (silent()) {
      release(); // the host timed out while this request was waiting for a slot
      throw silentError();
    }
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      return await send(callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout);
    } catch (err) {
      if (!timeout.aborted) throw err;
      this.silentUntil.set(origin, this.now() + SILENT_PEER_COOLDOWN_MS);
      throw new OutboundError(`${origin} did not answer within ${timeoutMs} ms`, 'timeout', origin);
    } finally {
      release();
    }
  }

  /** One request through the gate; resolves once the whole body has been read. Redirects are
   * not followed. Sent with the Azure SDK's Node transport, as the connector's requests are:
   * unlike fetch() it does not open a fresh connection to a peer after a request was aborted. */
  async fetchText(url: string, init: TextRequest = {}): Promise<TextResponse> {
    return this.run(url, async (abortSignal) => {
      const res = await this.transport.sendRequest(
        createPipelineRequest({
          url,
          method: init.method ?? 'GET',
          headers: createHttpHeaders(init.headers),
          body: init.body,
          abortSignal,
          allowInsecureConnection: url.startsWith('http:'),
        }),
      );
      return { status: res.status, headers: res.headers.toJSON(), text: res.bodyAsText ?? '' };
    });
  }
}
