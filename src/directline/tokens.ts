// Direct Line tokens of the built-in endpoint: random (crypto), short-lived, each bound to one
// conversation. A conversation token authorizes every REST call for its conversation and can be
// refreshed; a stream ticket (in the WebSocket streamUrl) is single-use and lives two minutes.
// Tokens are opaque: nothing in them can be decoded or forged. A token outlives its conversation
// (until it expires), so a client whose conversation has ended gets a 404, not a 403.
import { randomBytes } from 'node:crypto';
import type { Now } from './rate-limit';

export type TokenKind = 'conversation' | 'stream';

interface Grant {
  kind: TokenKind;
  conversationId: string;
  expiresAt: number;
}

export type TokenCheck =
  | { ok: true; conversationId: string; expiresAt: number }
  | { ok: false; reason: 'unknown' | 'expired' | 'other-conversation' };

/** Live conversation tokens kept per conversation; a refresh past this revokes the oldest. */
const TOKENS_PER_CONVERSATION = 4;
export const STREAM_TICKET_TTL_MS = 2 * 60 * 1000;

export const randomId = (bytes: number) => randomBytes(bytes).toString('base64url');

export class TokenStore {
  private readonly grants = new Map<string, Grant>();
  private readonly byConversation = new Map<string, string[]>();

  constructor(
    readonly ttlMs: number,
    /** Upper bound on grants kept (a multiple of the conversation limit); the oldest go first. */
    private readonly maxGrants: number,
    private readonly now: Now = Date.now,
  ) {}

  /** A new conversation token (or single-use stream ticket) for `conversationId`. */
  issue(conversationId: string, kind: TokenKind = 'conversation'): { token: string; expiresAt: number } {
    const token = randomId(32);
    const expiresAt = this.now() + (kind === 'stream' ? STREAM_TICKET_TTL_MS : this.ttlMs);
    if (this.grants.size >= this.maxGrants) this.sweep();
    if (this.grants.size >= this.maxGrants) {
      const oldest = this.grants.keys().next().value;
      if (oldest !== undefined) this.revoke(oldest);
    }
    this.grants.set(token, { kind, conversationId, expiresAt });
    const list = this.byConversation.get(conversationId) ?? [];
    list.push(token);
    this.byConversation.set(conversationId, list);
    const conversationTokens = list.filter((t) => this.grants.get(t)?.kind === 'conversation');
    if (conversationTokens.length > TOKENS_PER_CONVERSATION) this.revoke(conversationTokens[0]);
    return { token, expiresAt };
  }

  /** Whether `token` is a live token of this kind (for `conversationId`, when given). */
  check(token: string | undefined, kind: TokenKind, conversationId?: string): TokenCheck {
    const grant = token ? this.grants.get(token) : undefined;
    if (!grant || grant.kind !== kind) return { ok: false, reason: 'unknown' };
    if (grant.expiresAt <= this.now()) {
      this.revoke(token!);
      return { ok: false, reason: 'expired' };
    }
    if (conversationId !== undefined && grant.conversationId !== conversationId) {
      return { ok: false, reason: 'other-conversation' };
    }
    if (kind === 'stream') this.revoke(token!); // single use
    return { ok: true, conversationId: grant.conversationId, expiresAt: grant.expiresAt };
  }

  /** Seconds until `expiresAt`, as Direct Line's expires_in. */
  expiresIn(expiresAt: number): number {
    return Math.max(0, Math.round((expiresAt - this.now()) / 1000));
  }

  revoke(token: string): void {
    const grant = this.grants.get(token);
    if (!grant) return;
    this.grants.delete(token);
    const list = this.byConversation.get(grant.conversationId);
    if (!list) return;
    const rest = list.filter((t) => t !== token);
    if (rest.length) this.byConversation.set(grant.conversationId, rest);
    else this.byConversation.delete(grant.conversationId);
  }

  /** Drops expired grants. */
  sweep(): void {
    const now = this.now();
    for (const [token, grant] of this.grants) if (grant.expiresAt <= now) this.revoke(token);
  }

  get size(): number {
    return this.grants.size;
  }
}
