// The web chat's conversations in Redis, shared by every instance (STATE_STORE=redis): a
// conversation's identity and counters in a hash, its activities in a sorted set by watermark,
// and two sorted sets by last use (all open conversations, and those of one client address) for
// the same caps as in memory. Each key expires after the idle time, so nothing needs sweeping to
// stay bounded. New activities are published on the conversation's channel, and each instance
// subscribes for the conversations it holds a WebSocket of. A lock per conversation keeps its
// turns one at a time across instances. The scripts address keys they compute,
// so this needs one Redis (or one cluster slot), as the rest of STATE_STORE=redis does.
import type { Redis } from 'ioredis';
import { RedisLimiter } from '../storage/redis-limiter';
import { checkReachable } from '../storage/redis-client';
import { GRANTS_PER_MINUTE, type ConversationLimits } from './conversations';
import {
  activitySet,
  ConversationsUnavailableError,
  type ActivitySet,
  type ConversationRef,
  type ConversationRegistry,
  type Eviction,
  type Listener,
} from './registry';
import { randomId } from './tokens';
import type { Now } from '../lib/rate-limit';

/** Closes a conversation: its keys, its places in the indexes, and a note to its listeners. */
const DROP = `
local function drop(p, cid)
  local c = p .. 'c:' .. cid
  local address = redis.call('HGET', c, 'address')
  redis.call('DEL', c, p .. 'a:' .. cid)
  redis.call('ZREM', p .. 'open', cid)
  if address then redis.call('ZREM', p .. 'addr:' .. address, cid) end
  redis.call('PUBLISH', p .. 'live:' .. cid, 'end')
end
local function sweep(p, before)
  local stale = redis.call('ZRANGEBYSCORE', p .. 'open', '-inf', before, 'LIMIT', 0, 100)
  for _, cid in ipairs(stale) do drop(p, cid) end
  return #stale
end
`;

/** ARGV: prefix, now, idle ms, max per address, max in all, id, user id, address. Returns why one closed, or ''. */
const CREATE = `${DROP}
local p, now, idle = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local maxPer, maxAll, id, address = tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6], ARGV[8]
local addr = p .. 'addr:' .. address
sweep(p, now - idle)
redis.call('ZREMRANGEBYSCORE', addr, '-inf', now - idle)
local closed = ''
if redis.call('ZCARD', addr) >= maxPer then
  drop(p, redis.call('ZRANGE', addr, 0, 0)[1])
  closed = 'address-cap'
end
if redis.call('ZCARD', p .. 'open') >= maxAll then
  drop(p, redis.call('ZRANGE', p .. 'open', 0, 0)[1])
  closed = 'store-full'
end
local c = p .. 'c:' .. id
redis.call('HSET', c, 'userId', ARGV[7], 'address', address, 'seq', 0, 'bytes', 0)
redis.call('PEXPIRE', c, idle)
redis.call('ZADD', p .. 'open', now, id)
redis.call('ZADD', addr, now, id)
redis.call('PEXPIRE', addr, idle)
return closed
`;

/** ARGV: prefix, before. Returns how many closed. */
const SWEEP = `${DROP}
return sweep(ARGV[1], tonumber(ARGV[2]))
`;

/** ARGV: prefix, id, now, idle ms. Returns 0 when the conversation is gone. */
const TOUCH = `
local p, id, now, idle = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
local c = p .. 'c:' .. id
local address = redis.call('HGET', c, 'address')
if not address then return 0 end
redis.call('PEXPIRE', c, idle)
redis.call('PEXPIRE', p .. 'a:' .. id, idle)
redis.call('ZADD', p .. 'open', 'XX', now, id)
redis.call('ZADD', p .. 'addr:' .. address, 'XX', now, id)
redis.call('PEXPIRE', p .. 'addr:' .. address, idle)
return 1
`;

/** KEYS[1] the conversation's hash; ARGV: field, increment. Only on a conversation that exists (0 otherwise). */
const INCREMENT_IF_OPEN = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
return redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
`;

/** KEYS[1] the conversation's hash. 1 the first time, 0 after (or when it is gone). */
const START_ONCE = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
return redis.call('HSETNX', KEYS[1], 'started', 1)
`;

/**
 * KEYS: the activities, the conversation's hash. ARGV: watermark, activity JSON, the activity set
 * to publish, max activities, max bytes, idle ms, channel. Drops the oldest beyond the limits.
 */
const ADD = `
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
local json, maxCount, maxBytes = ARGV[2], tonumber(ARGV[4]), tonumber(ARGV[5])
redis.call('ZADD', KEYS[1], tonumber(ARGV[1]), json)
local bytes = redis.call('HINCRBY', KEYS[2], 'bytes', #json)
local count = redis.call('ZCARD', KEYS[1])
while count > maxCount or (bytes > maxBytes and count > 1) do
  local oldest = redis.call('ZPOPMIN', KEYS[1])
  bytes = redis.call('HINCRBY', KEYS[2], 'bytes', -#oldest[1])
  count = count - 1
end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[6]))
redis.call('PUBLISH', ARGV[7], ARGV[1] .. '\\n' .. ARGV[3])
return 1
`;

/** KEYS[1] a turn lock; ARGV[1] its holder. Deletes it only if that holder still has it. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/** A turn holds its conversation's lock at most this long (a crashed instance's lock frees itself). */
const TURN_LOCK_MS = 30_000;
/** How long a turn waits for another instance's turn of the same conversation. */
const TURN_LOCK_WAIT_MS = 15_000;
const TURN_LOCK_POLL_MS = 20;

interface Scripts {
  faqDlCreate(...args: string[]): Promise<string>;
  faqDlSweep(...args: string[]): Promise<number>;
  faqDlTouch(...args: string[]): Promise<number>;
  faqDlIncrement(key: string, field: string, by: string): Promise<number>;
  faqDlStartOnce(key: string): Promise<number>;
  faqDlAdd(...args: string[]): Promise<number>;
  faqDlRelease(key: string, holder: string): Promise<number>;
}

function defineScripts(client: Redis): Redis & Scripts {
  if (!('faqDlCreate' in client)) {
    client.defineCommand('faqDlCreate', { numberOfKeys: 0, lua: CREATE });
    client.defineCommand('faqDlSweep', { numberOfKeys: 0, lua: SWEEP });
    client.defineCommand('faqDlTouch', { numberOfKeys: 0, lua: TOUCH });
    client.defineCommand('faqDlIncrement', { numberOfKeys: 1, lua: INCREMENT_IF_OPEN });
    client.defineCommand('faqDlStartOnce', { numberOfKeys: 1, lua: START_ONCE });
    client.defineCommand('faqDlAdd', { numberOfKeys: 2, lua: ADD });
    client.defineCommand('faqDlRelease', { numberOfKeys: 1, lua: RELEASE });
  }
  return client as Redis & Scripts;
}

export class RedisRegistry implements ConversationRegistry {
  private readonly client: Redis & Scripts;
  private readonly posts: RedisLimiter;
  private readonly grants: RedisLimiter;
  /**
   * Listeners on this instance, by channel, and their subscription (every listener of a channel
   * waits for it); the subscriber connection is opened for the first.
   */
  private readonly subscriptions = new Map<string, { listeners: Set<Listener>; subscribed: Promise<void> }>();
  private subscriber: Redis | undefined;

  constructor(
    client: Redis,
    /** REDIS_KEY_PREFIX + "dl:". */
    private readonly prefix: string,
    private readonly limits: ConversationLimits,
    private readonly now: Now = Date.now,
  ) {
    this.client = defineScripts(client);
    this.posts = new RedisLimiter(client, `${prefix}limit:posts:`, limits.postsPerMinute);
    this.grants = new RedisLimiter(client, `${prefix}limit:grants:`, GRANTS_PER_MINUTE);
  }

  create(address: string): Promise<{ conversation: ConversationRef; closed?: Eviction }> {
    return this.guard(async () => {
      const conversation = { id: randomId(12), userId: `dl_${randomId(12)}`, address };
      const { maxPerAddress, maxConversations, idleMs } = this.limits;
      const closed = await this.client.faqDlCreate(
        ...[this.prefix, this.now(), idleMs, maxPerAddress, maxConversations, conversation.id, conversation.userId, address].map(String),
      );
      return { conversation, closed: (closed || undefined) as Eviction | undefined };
    });
  }

  get(id: string): Promise<ConversationRef | undefined> {
    return this.guard(async () => {
      const [userId, address] = await this.client.hmget(this.key(id), 'userId', 'address');
      return userId && address ? { id, userId, address } : undefined;
    });
  }

  touch(conversation: ConversationRef): Promise<void> {
    return this.guard(async () => {
      await this.client.faqDlTouch(this.prefix, conversation.id, String(this.now()), String(this.limits.idleMs));
    });
  }

  markStarted(conversation: ConversationRef): Promise<boolean> {
    return this.guard(async () => (await this.client.faqDlStartOnce(this.key(conversation.id))) === 1);
  }

  add<T extends object>(conversation: ConversationRef, make: (id: string) => T): Promise<T> {
    return this.guard(async () => {
      const seq = await this.client.faqDlIncrement(this.key(conversation.id), 'seq', '1');
      // A conversation closed while its turn ran: the reply goes nowhere, as its client is gone.
      if (!seq) return make(`${conversation.id}|closed`);
      const activity = make(`${conversation.id}|${String(seq).padStart(7, '0')}`);
      const json = JSON.stringify(activity);
      const { maxActivities, maxBytes, idleMs } = this.limits;
      await this.client.faqDlAdd(
        ...[this.activitiesKey(conversation.id), this.key(conversation.id), seq, json, activitySet([json], seq)].map(String),
        ...[maxActivities, maxBytes, idleMs, this.channel(conversation.id)].map(String),
      );
      return activity;
    });
  }

  since(conversation: ConversationRef, watermark: number | undefined): Promise<ActivitySet> {
    return this.guard(async () => {
      const results = await this.client
        .multi()
        .zrangebyscore(this.activitiesKey(conversation.id), `(${watermark ?? 0}`, '+inf')
        .hget(this.key(conversation.id), 'seq')
        .exec();
      const fresh = (results?.[0]?.[1] as string[] | null) ?? [];
      const last = Number(results?.[1]?.[1] ?? 0) || 0;
      return { json: activitySet(fresh, last), count: fresh.length, watermark: last };
    });
  }

  listen(conversationId: string, listener: Listener): Promise<() => void> {
    return this.guard(async () => {
      const channel = this.channel(conversationId);
      let subscription = this.subscriptions.get(channel);
      if (!subscription) {
        const fresh = { listeners: new Set<Listener>(), subscribed: Promise.resolve() };
        // A failed subscribe must not stay behind as if subscribed: the next listener tries again.
        fresh.subscribed = this.subscriberConnection()
          .subscribe(channel)
          .then(
            () => undefined,
            (err: unknown) => {
              if (this.subscriptions.get(channel) === fresh) this.subscriptions.delete(channel);
              throw err;
            },
          );
        this.subscriptions.set(channel, (subscription = fresh));
      }
      await subscription.subscribed;
      subscription.listeners.add(listener);
      return () => this.unlisten(channel, listener);
    });
  }

  takePost(conversation: ConversationRef): Promise<number> {
    return this.posts.take(conversation.id);
  }

  takeGrant(conversation: ConversationRef): Promise<number> {
    return this.grants.take(conversation.id);
  }

  /** One key for every instance: the first to ask sets it. */
  sharedTokenKey(proposed: string): Promise<string | undefined> {
    return this.guard(async () => {
      const key = `${this.prefix}token-key`;
      const [, current] = (await this.client.multi().set(key, proposed, 'NX').get(key).exec()) ?? [];
      return (current?.[1] as string | null) ?? undefined;
    });
  }

  claimTicket(ticket: string, expiresAt: number): Promise<boolean> {
    return this.guard(async () => {
      const signature = ticket.slice(ticket.lastIndexOf('.') + 1);
      const ttl = Math.max(1, expiresAt - this.now());
      return (await this.client.set(`${this.prefix}ticket:${signature}`, '1', 'PX', ttl, 'NX')) === 'OK';
    });
  }

  async exclusive<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    const key = `${this.prefix}turn:${conversationId}`;
    const holder = randomId(9);
    const deadline = Date.now() + TURN_LOCK_WAIT_MS;
    // Not first come, first served, but messages posted at the same moment have no order anyway.
    while (!(await this.guard(() => this.client.set(key, holder, 'PX', TURN_LOCK_MS, 'NX')))) {
      if (Date.now() > deadline) break; // the holder is stuck: its turn no longer needs waiting for
      await new Promise((resolve) => setTimeout(resolve, TURN_LOCK_POLL_MS));
    }
    try {
      return await work();
    } finally {
      await this.client.faqDlRelease(key, holder).catch(() => undefined);
    }
  }

  sweep(): Promise<number> {
    return this.guard(() => this.client.faqDlSweep(this.prefix, String(this.now() - this.limits.idleMs)));
  }

  open(): Promise<number> {
    return this.guard(() => this.client.zcount(`${this.prefix}open`, this.now() - this.limits.idleMs, '+inf'));
  }

  async close(): Promise<void> {
    this.subscriptions.clear();
    this.subscriber?.disconnect();
    this.subscriber = undefined;
  }

  private subscriberConnection(): Redis {
    if (this.subscriber) return this.subscriber;
    // A connection in subscriber mode can do nothing else, so it is one of its own; ioredis
    // subscribes it again by itself after a reconnect.
    const subscriber = this.client.duplicate();
    subscriber.on('error', () => undefined); // the main connection logs Redis being down
    subscriber.on('message', (channel: string, message: string) => this.deliver(channel, message));
    this.subscriber = subscriber;
    return subscriber;
  }

  /** A published activity set ("N\n{...}") or "end", to this instance's listeners of the channel. */
  private deliver(channel: string, message: string): void {
    const set = this.subscriptions.get(channel)?.listeners;
    if (!set) return;
    if (message === 'end') {
      this.subscriptions.delete(channel);
      this.subscriber?.unsubscribe(channel).catch(() => undefined);
      for (const listener of set) listener.close();
      return;
    }
    const newline = message.indexOf('\n');
    const seq = Number(message.slice(0, newline));
    for (const listener of set) listener.send(message.slice(newline + 1), seq);
  }

  private unlisten(channel: string, listener: Listener): void {
    const set = this.subscriptions.get(channel)?.listeners;
    if (!set?.delete(listener) || set.size) return;
    this.subscriptions.delete(channel);
    this.subscriber?.unsubscribe(channel).catch(() => undefined);
  }

  /** Runs a Redis call; Redis being down (or refusing) is ConversationsUnavailableError. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      checkReachable(this.client);
      return await work();
    } catch (err) {
      throw new ConversationsUnavailableError(err);
    }
  }

  private key(id: string): string {
    return `${this.prefix}c:${id}`;
  }

  private activitiesKey(id: string): string {
    return `${this.prefix}a:${id}`;
  }

  private channel(id: string): string {
    return `${this.prefix}live:${id}`;
  }
}
