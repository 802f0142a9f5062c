// Where the built-in Direct Line endpoint keeps its conversations: one instance's memory
// (memory-registry.ts over conversations.ts, the default) or one Redis shared by every instance
// (redis-registry.ts, STATE_STORE=redis), so a web chat started on one instance can post to
// another and hear the answer on a socket held by a third. The endpoint, its routes and the
// stream only see this interface; everything is async so either can stand behind it.

/** Why `create` closed a conversation to make room. */
export type Eviction = 'address-cap' | 'store-full';

/** What the endpoint knows of a conversation between calls. */
export interface ConversationRef {
  readonly id: string;
  /** The user's id, chosen by the server (never by the client, so no one can pose as another user). */
  readonly userId: string;
  /** The client address that opened it (for the per-address cap). */
  readonly address: string;
}

/** Someone receiving a conversation's activities as they are added (a WebSocket). */
export interface Listener {
  /** `message` is a Direct Line activity set: {"activities": [...], "watermark": "N"}; `seq` is N. */
  send(message: string, seq: number): void;
  /** The conversation is gone. */
  close(): void;
}

/** A conversation's kept activities after a watermark, as one Direct Line activity set. */
export interface ActivitySet {
  json: string;
  count: number;
  /** The watermark the set ends at. */
  watermark: number;
}

/** Serialized activities as one Direct Line activity set, as pollers and streams receive them. */
export const activitySet = (activities: readonly string[], watermark: number) =>
  `{"activities":[${activities.join(',')}],"watermark":${JSON.stringify(String(watermark))}}`;

/** The store of conversations could not be reached (Redis is down): the caller should try again shortly. */
export class ConversationsUnavailableError extends Error {
  constructor(cause: unknown) {
    super('the web chat conversations cannot be reached', { cause });
    this.name = 'ConversationsUnavailableError';
  }
}

export interface ConversationRegistry {
  /** A new conversation; when one had to close to make room, why (see ConversationStore.create). */
  create(address: string): Promise<{ conversation: ConversationRef; closed?: Eviction }>;
  /** The conversation, unless it does not exist or has been idle too long. */
  get(id: string): Promise<ConversationRef | undefined>;
  /** Marks the conversation as in use now (it expires when idle too long). */
  touch(conversation: ConversationRef): Promise<void>;
  /** Marks it started; true only for the first call, on whichever instance. */
  markStarted(conversation: ConversationRef): Promise<boolean>;
  /** Adds the activity `make` builds around its id, tells every listener, returns the activity. */
  add<T extends object>(conversation: ConversationRef, make: (id: string) => T): Promise<T>;
  /** The kept activities after `watermark` (all kept ones when undefined). */
  since(conversation: ConversationRef, watermark: number | undefined): Promise<ActivitySet>;
  /** Sends the conversation's new activities to `listener` until the returned function is called. */
  listen(conversationId: string, listener: Listener): Promise<() => void>;
  /** Counts a posted activity: 0 when allowed, else the seconds to wait. */
  takePost(conversation: ConversationRef): Promise<number>;
  /** Counts a token grant (start, refresh, reconnect): 0 when allowed, else the seconds to wait. */
  takeGrant(conversation: ConversationRef): Promise<number>;
  /**
   * The key to sign tokens with when DIRECT_LINE_TOKEN_KEY is unset: the one the instances share,
   * which becomes `proposed` when there is none yet (or Redis lost it); undefined when nothing is
   * shared (then `proposed` is this process's own).
   */
  sharedTokenKey(proposed: string): Promise<string | undefined>;
  /**
   * Marks a stream ticket used on every instance (each instance's token issuer already refuses a
   * ticket it has seen); false when another instance has opened a socket with it.
   */
  claimTicket(ticket: string, expiresAt: number): Promise<boolean>;
  /**
   * Runs `work` (a turn) while no other instance runs one of this conversation, so its echo and
   * answer stay together and flow state is not read by two turns at once. Turns on one instance
   * are already queued by the endpoint.
   */
  exclusive<T>(conversationId: string, work: () => Promise<T>): Promise<T>;
  /** Forgets expired conversations; resolves to how many. */
  sweep(): Promise<number>;
  /** How many conversations are open. */
  open(): Promise<number>;
  /** This instance stops serving: its listeners are closed (conversations kept elsewhere stay). */
  close(): Promise<void>;
}
