// Short notes about a conversation that are not flow state: the entry it was last answered from
// (so "and for seniors?" reads in that context) and the options Slack was last offered (so "2"
// picks the second). In memory for one instance; in Redis when instances share one, so the next
// message is understood whichever instance it reaches.
import type { Redis } from 'ioredis';
import { BoundedCache } from '../lib/bounded-cache';
import { checkReachable } from './redis-client';

export interface Notes {
  get(key: string): Promise<string | undefined>;
  /** Undefined deletes the note. */
  set(key: string, value: string | undefined): Promise<void>;
}

/** Notes for this many conversations at most; the least recently used go first. */
const KEPT_NOTES = 10_000;

export class MemoryNotes implements Notes {
  private readonly notes = new BoundedCache<string>(KEPT_NOTES);

  async get(key: string): Promise<string | undefined> {
    return this.notes.get(key);
  }

  async set(key: string, value: string | undefined): Promise<void> {
    if (value === undefined) this.notes.delete(key);
    else this.notes.set(key, value);
  }
}

/**
 * Notes in Redis under `prefix`, each expiring `ttlSeconds` after it was written. While Redis is
 * down they are kept in this instance's memory instead (a note is a convenience, never worth
 * failing a turn for), and Redis is asked again on the next message.
 */
export class RedisNotes implements Notes {
  private readonly local = new MemoryNotes();

  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
    /** Called for each Redis operation that failed, for the metrics. */
    private readonly onError?: (operation: 'read' | 'write') => void,
  ) {}

  async get(key: string): Promise<string | undefined> {
    try {
      checkReachable(this.client);
      return (await this.client.get(this.prefix + key)) ?? undefined;
    } catch {
      this.onError?.('read');
      return this.local.get(key);
    }
  }

  async set(key: string, value: string | undefined): Promise<void> {
    await this.local.set(key, value);
    try {
      checkReachable(this.client);
      if (value === undefined) await this.client.del(this.prefix + key);
      else await this.client.set(this.prefix + key, value, 'EX', this.ttlSeconds);
    } catch {
      this.onError?.('write');
    }
  }
}
