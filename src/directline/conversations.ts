// The conversations of the built-in Direct Line endpoint, in memory and bounded: at most
// `maxConversations`, at most `maxPerAddress` of them from one client address, each forgotten
// after `idleMs` without activity, each keeping only its last `maxActivities` activities and at
// most `maxBytes` (UTF-8) of them (older ones are dropped; the watermark keeps counting). Every
// activity is serialized once, when it is added, and sent as is to pollers and WebSocket listeners.
import { TokenBucket, type Now } from '../lib/rate-limit';
import { activitySet, type ActivitySet, type Eviction, type Listener } from './registry';
import { randomId } from './tokens';

export interface ConversationLimits {
  maxConversations: number;
  maxPerAddress: number;
  maxActivities: number;
  maxBytes: number;
  idleMs: number;
  postsPerMinute: number;
}

/**
 * Starts, refreshes and reconnects a conversation may ask for a minute (a burst of this many, then
 * evenly): Web Chat refreshes every 15 minutes and reconnects when its socket drops, so 10 covers
 * a flaky network with room to spare.
 */
export const GRANTS_PER_MINUTE = 10;

interface Stored {
  seq: number;
  json: string;
  /** UTF-8 bytes of `json` (what it costs in memory and on the wire, not its length in characters). */
  bytes: number;
}

export class Conversation {
  readonly createdAt: number;
  lastActiveAt: number;
  started = false;
  readonly posts: TokenBucket;
  /** Tokens and stream tickets handed out (start, refresh, reconnect). */
  readonly grants: TokenBucket;
  readonly listeners = new Set<Listener>();
  private readonly kept: Stored[] = [];
  private keptBytes = 0;
  private lastSeq = 0;

  constructor(
    readonly id: string,
    /** The user's id, chosen by the server (never by the client, so no one can pose as another user). */
    readonly userId: string,
    /** The client address that opened it (for the per-address cap). */
    readonly address: string,
    private readonly limits: ConversationLimits,
    now: number,
  ) {
    this.createdAt = now;
    this.lastActiveAt = now;
    this.posts = new TokenBucket(limits.postsPerMinute, now);
    this.grants = new TokenBucket(GRANTS_PER_MINUTE, now);
  }

  /**
   * Adds the activity `make` builds around its id (`<conversation>|0000042`; 42 is its watermark),
   * sends it to the listeners, drops the oldest beyond the limits. Returns the activity.
   */
  add<T extends object>(make: (id: string) => T): T {
    const seq = this.lastSeq + 1;
    const activity = make(`${this.id}|${String(seq).padStart(7, '0')}`);
    const json = JSON.stringify(activity);
    const bytes = Buffer.byteLength(json);
    this.lastSeq = seq;
    this.kept.push({ seq, json, bytes });
    this.keptBytes += bytes;
    while (this.kept.length > this.limits.maxActivities || (this.keptBytes > this.limits.maxBytes && this.kept.length > 1)) {
      this.keptBytes -= this.kept.shift()!.bytes;
    }
    if (this.listeners.size) {
      const message = activitySet([json], seq);
      for (const listener of this.listeners) listener.send(message, seq);
    }
    return activity;
  }

  /** The kept activities after `watermark` (all kept ones when it is undefined), as a Direct Line activity set. */
  since(watermark: number | undefined): ActivitySet {
    const after = watermark ?? 0;
    const fresh = this.kept.filter((a) => a.seq > after);
    return {
      json: activitySet(
        fresh.map((a) => a.json),
        this.lastSeq,
      ),
      count: fresh.length,
      watermark: this.lastSeq,
    };
  }

  get activityCount(): number {
    return this.kept.length;
  }

  get bytes(): number {
    return this.keptBytes;
  }
}

export class ConversationStore {
  /** Least recently active first: `touch` moves a conversation to the end. */
  private readonly conversations = new Map<string, Conversation>();
  private readonly byAddress = new Map<string, Set<Conversation>>();

  constructor(
    readonly limits: ConversationLimits,
    private readonly now: Now = Date.now,
  ) {}

  /**
   * A new conversation for a client at `address`. Never refuses a visitor: an address at its cap
   * gives up its own least recently active conversation (an abandoned tab, most likely; a shared
   * address such as an office's is not locked out, and one client only ever churns its own), and a
   * full store, once expired conversations are gone, the least recently active of all. Their
   * clients get "conversation ended" (404, WebSocket closed). Returns the conversation and why
   * another was closed, if one was.
   */
  create(address: string): { conversation: Conversation; closed?: Eviction } {
    let closed: Eviction | undefined;
    const mine = this.byAddress.get(address);
    if (mine && mine.size >= this.limits.maxPerAddress) {
      this.remove(leastRecentlyActive(mine));
      closed = 'address-cap';
    }
    if (this.conversations.size >= this.limits.maxConversations) this.sweep();
    if (this.conversations.size >= this.limits.maxConversations) {
      this.remove(this.conversations.values().next().value!);
      closed = 'store-full';
    }
    const conversation = new Conversation(randomId(12), `dl_${randomId(12)}`, address, this.limits, this.now());
    this.conversations.set(conversation.id, conversation);
    const set = this.byAddress.get(address) ?? new Set();
    this.byAddress.set(address, set.add(conversation));
    return { conversation, closed };
  }

  /** The conversation, unless it does not exist or has been idle too long. */
  get(id: string): Conversation | undefined {
    const conversation = this.conversations.get(id);
    if (!conversation) return undefined;
    if (this.expired(conversation, this.now())) {
      this.remove(conversation);
      return undefined;
    }
    return conversation;
  }

  /** Marks the conversation as in use now (it expires `idleMs` after its last use). */
  touch(conversation: Conversation): void {
    conversation.lastActiveAt = this.now();
    if (this.conversations.get(conversation.id) !== conversation) return; // already closed
    this.conversations.delete(conversation.id);
    this.conversations.set(conversation.id, conversation);
  }

  /** Forgets expired conversations; returns how many. */
  sweep(): number {
    const now = this.now();
    let removed = 0;
    for (const conversation of this.conversations.values()) {
      if (this.expired(conversation, now)) {
        this.remove(conversation);
        removed += 1;
      }
    }
    return removed;
  }

  /** Forgets every conversation (the server is stopping). */
  clear(): void {
    for (const conversation of this.conversations.values()) this.remove(conversation);
  }

  get size(): number {
    return this.conversations.size;
  }

  private expired(conversation: Conversation, now: number): boolean {
    return now - conversation.lastActiveAt >= this.limits.idleMs;
  }

  private remove(conversation: Conversation): void {
    this.conversations.delete(conversation.id);
    const set = this.byAddress.get(conversation.address);
    set?.delete(conversation);
    if (set?.size === 0) this.byAddress.delete(conversation.address);
    for (const listener of conversation.listeners) listener.close();
    conversation.listeners.clear();
  }
}

function leastRecentlyActive(conversations: Iterable<Conversation>): Conversation {
  let oldest: Conversation | undefined;
  for (const c of conversations) if (!oldest || c.lastActiveAt < oldest.lastActiveAt) oldest = c;
  return oldest!;
}
