// The signing keys that inbound Bot Framework tokens are checked against, fetched through the
// outbound gate and kept as a last-good copy.
//
// botframework-connector's own OpenIdMetadata fetches with no timeout, starts a new fetch for every
// request once its keys are 24 hours old (nothing shares the one in flight), and throws away
// validation altogether while the metadata host is failing. With Microsoft's host hanging, every
// request with a plausible token held its own connection for minutes. This replacement:
//   - shares one fetch among all requests waiting for it, bounded by the gate's timeout;
//   - refreshes in the background once the keys are a day old, and keeps validating with the last
//     good keys for KEYS_USABLE_FOR_MS while refreshes fail;
//   - fails closed: with no usable keys the request is refused (401), and a failed fetch is not
//     repeated for FAILED_FETCH_BACKOFF_MS, so a flood of tokens cannot turn into a flood of fetches.
// botframework-connector exposes no option for this, but keeps one metadata object per URL in
// JwtTokenExtractor's static cache and asks it only `getKey(kid)`; `boundOpenIdMetadata` puts ours
// there (and refuses to start if a later version of the library no longer works that way).
import { createPublicKey } from 'node:crypto';
// Not re-exported by the package index; the cache it holds is the library's only hook.
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor';
import type { OutboundGate } from './gate';

/** The library's refresh interval (its `tokenRefreshInterval` default). */
const REFRESH_AFTER_MS = 24 * 60 * 60 * 1000;
/** How long the last good keys keep validating while the metadata host is failing. */
export const KEYS_USABLE_FOR_MS = 5 * 24 * 60 * 60 * 1000;
/** A token naming an unknown key refetches at most this often (as the library: keys may rotate early). */
const UNKNOWN_KEY_REFETCH_MS = 60 * 60 * 1000;
/** After a failed fetch, requests needing keys are refused at once for this long. */
const FAILED_FETCH_BACKOFF_MS = 10_000;

interface Jwk {
  kid?: string;
  n?: string;
  e?: string;
  endorsements?: string[];
}

/** What JwtTokenExtractor expects from its metadata object. */
interface MetadataKey {
  key: string;
  endorsements?: string[];
}

export class BoundedOpenIdMetadata {
  /** The fetched keys by id, converted to PEM once per fetch (RSA keys only). */
  private keys?: Map<string, MetadataKey | null>;
  private fetchedAt = 0;
  private attemptedAt = 0;
  private failure?: { at: number; error: unknown };
  private inFlight?: Promise<void>;

  constructor(
    readonly url: string,
    private readonly gate: OutboundGate,
    private readonly now: () => number = Date.now,
  ) {}

  async getKey(keyId: string): Promise<MetadataKey | null> {
    const age = this.now() - this.fetchedAt;
    if (!this.keys || age > KEYS_USABLE_FOR_MS) {
      await this.refresh(); // nothing to validate with: wait (bounded), or refuse if it fails
    } else if (age > REFRESH_AFTER_MS) {
      this.refresh().catch(() => undefined); // validate with the last good keys meanwhile
    } else if (!this.find(keyId) && this.now() - this.attemptedAt > UNKNOWN_KEY_REFETCH_MS) {
      await this.refresh().catch(() => undefined);
    }
    return this.find(keyId);
  }

  private refresh(): Promise<void> {
    if (this.inFlight) return this.inFlight;
    if (this.failure && this.now() - this.failure.at < FAILED_FETCH_BACKOFF_MS) return Promise.reject(this.failure.error);
    this.attemptedAt = this.now();
    this.inFlight = this.fetchKeys()
      .then(
        (keys) => {
          this.keys = byKeyId(keys);
          this.fetchedAt = this.now();
          this.failure = undefined;
        },
        (error: unknown) => {
          this.failure = { at: this.now(), error };
          throw error;
        },
      )
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }

  private async fetchKeys(): Promise<Jwk[]> {
    const metadata = await this.getJson(this.url);
    const jwksUri = (metadata as { jwks_uri?: unknown } | null)?.jwks_uri;
    if (typeof jwksUri !== 'string') throw new Error('the OpenID metadata has no jwks_uri');
    const keys = ((await this.getJson(jwksUri)) as { keys?: unknown } | null)?.keys;
    if (!Array.isArray(keys)) throw new Error('the signing keys document has no keys');
    return keys as Jwk[];
  }

  private async getJson(url: string): Promise<unknown> {
    const { status, text } = await this.gate.fetchText(url, { headers: { accept: 'application/json' } });
    if (status !== 200) throw new Error(`${new URL(url).origin} answered ${status} for the signing keys`);
    return JSON.parse(text);
  }

  private find(keyId: string): MetadataKey | null {
    return this.keys?.get(keyId) ?? null;
  }
}

/** The keys as PEM by id, like the library's own lookup: the first key of an id counts, and only
 * an RSA key validates anything (null). */
function byKeyId(jwks: Jwk[]): Map<string, MetadataKey | null> {
  const keys = new Map<string, MetadataKey | null>();
  for (const jwk of jwks) {
    if (typeof jwk?.kid === 'string' && !keys.has(jwk.kid)) keys.set(jwk.kid, toPem(jwk));
  }
  return keys;
}

function toPem(jwk: Jwk): MetadataKey | null {
  if (typeof jwk.n !== 'string' || typeof jwk.e !== 'string') return null;
  try {
    const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' });
    return { key: key.export({ type: 'spki', format: 'pem' }).toString(), endorsements: jwk.endorsements };
  } catch {
    return null; // a malformed key validates nothing
  }
}

/** Makes token validation against each of `urls` use a BoundedOpenIdMetadata. The library's cache
 * is process-wide: the first gate registered for a URL is the one its fetches go through. */
export function boundOpenIdMetadata(urls: string[], gate: OutboundGate): void {
  const cache = (JwtTokenExtractor as unknown as { openIdMetadataCache?: unknown }).openIdMetadataCache;
  if (!(cache instanceof Map)) {
    throw new Error(
      'botframework-connector no longer keeps OpenID metadata in JwtTokenExtractor.openIdMetadataCache; the signing keys fetch cannot be bounded',
    );
  }
  for (const url of urls) {
    if (!(cache.get(url) instanceof BoundedOpenIdMetadata)) cache.set(url, new BoundedOpenIdMetadata(url, gate));
  }
}
