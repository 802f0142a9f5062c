// Direct Line tokens of the built-in endpoint: stateless and signed. A token names its kind, its
// conversation and its expiry, with an HMAC-SHA256 of them under the server's key
// (DIRECT_LINE_TOKEN_KEY, else one the instances share through Redis, else a random key per
// process), so checking one needs no lookup and there is no token store for a flood of reconnects
// to fill: a refresh issues a new token and the old one stays valid until it expires, as with
// Azure Direct Line. A conversation token authorizes
// every REST call for its conversation; a stream ticket (in the WebSocket streamUrl) only opens
// that conversation's stream, for two minutes, once. A token outlives its conversation (until it
// expires), so a client whose conversation has ended gets a 404, not a 403.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Now } from '../lib/rate-limit';

export type TokenKind = 'conversation' | 'stream';

export type TokenCheck =
  { ok: true; conversationId: string; expiresAt: number } | { ok: false; reason: 'unknown' | 'expired' | 'other-conversation' | 'used' };

/** Why a token was refused, as the end of "the token ..." in a 403. */
export const TOKEN_REFUSALS: Record<Extract<TokenCheck, { ok: false }>['reason'], string> = {
  expired: 'has expired',
  used: 'has been used',
  unknown: 'is not valid for this conversation',
  'other-conversation': 'is not valid for this conversation',
};

export const STREAM_TICKET_TTL_MS = 2 * 60 * 1000;
const KIND_CODES: Record<TokenKind, string> = { conversation: 'c', stream: 's' };
/** kind.conversation.expiry(base 36 ms).nonce.signature, all URL-safe. */
const TOKEN = /^([cs])\.([A-Za-z0-9_-]{1,64})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{43})$/;

export const randomId = (bytes: number) => randomBytes(bytes).toString('base64url');

export class TokenIssuer {
  private readonly key: Buffer;
  /**
   * Stream tickets already used, until they expire (a streamUrl can end up in a proxy's log, so
   * a ticket opens one socket only). They all live two minutes, so insertion order is expiry
   * order. Bounded: when full of live tickets the oldest entry goes, which at worst lets that
   * one ticket be used again within its two minutes; refusing new sockets instead would let a
   * flood shut every visitor's stream.
   */
  private readonly usedTickets = new Map<string, number>();

  constructor(
    /** The signing key (DIRECT_LINE_TOKEN_KEY); undefined: a random one, so tokens end with the process. */
    key: string | undefined,
    readonly ttlMs: number,
    private readonly maxUsedTickets: number,
    private readonly now: Now = Date.now,
  ) {
    this.key = key === undefined ? randomBytes(32) : Buffer.from(key, 'utf8');
  }

  /** A new conversation token (or stream ticket) for `conversationId`. */
  issue(conversationId: string, kind: TokenKind = 'conversation'): { token: string; expiresAt: number } {
    const expiresAt = this.now() + (kind === 'stream' ? STREAM_TICKET_TTL_MS : this.ttlMs);
    const claims = `${KIND_CODES[kind]}.${conversationId}.${expiresAt.toString(36)}.${randomId(9)}`;
    return { token: `${claims}.${this.sign(claims)}`, expiresAt };
  }

  /** Whether `token` is a live token of this kind (for `conversationId`, when given). */
  check(token: string | undefined, kind: TokenKind, conversationId?: string): TokenCheck {
    const parts = token === undefined ? null : TOKEN.exec(token);
    if (!parts || parts[1] !== KIND_CODES[kind]) return { ok: false, reason: 'unknown' };
    const [, , id, expiry, , signature] = parts;
    const expected = Buffer.from(this.sign(token!.slice(0, -signature.length - 1)));
    if (!timingSafeEqual(Buffer.from(signature), expected)) return { ok: false, reason: 'unknown' };
    const expiresAt = parseInt(expiry, 36);
    if (expiresAt <= this.now()) return { ok: false, reason: 'expired' };
    if (conversationId !== undefined && id !== conversationId) return { ok: false, reason: 'other-conversation' };
    if (kind === 'stream' && !this.useTicket(signature, expiresAt)) return { ok: false, reason: 'used' };
    return { ok: true, conversationId: id, expiresAt };
  }

  /** Seconds until `expiresAt`, as Direct Line's expires_in. */
  expiresIn(expiresAt: number): number {
    return Math.max(0, Math.round((expiresAt - this.now()) / 1000));
  }

  /** Forgets used tickets that have expired. */
  sweep(): void {
    const now = this.now();
    for (const [ticket, expiresAt] of this.usedTickets) {
      if (expiresAt > now) break;
      this.usedTickets.delete(ticket);
    }
  }

  /** Used stream tickets remembered. */
  get usedTicketCount(): number {
    return this.usedTickets.size;
  }

  private sign(claims: string): string {
    return createHmac('sha256', this.key).update(claims).digest('base64url');
  }

  /** Marks a ticket used; false when it already was. */
  private useTicket(signature: string, expiresAt: number): boolean {
    if (this.usedTickets.has(signature)) return false;
    if (this.usedTickets.size >= this.maxUsedTickets) this.sweep();
    if (this.usedTickets.size >= this.maxUsedTickets) this.usedTickets.delete(this.usedTickets.keys().next().value!);
    this.usedTickets.set(signature, expiresAt);
    return true;
  }
}
