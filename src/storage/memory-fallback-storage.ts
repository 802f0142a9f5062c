// When the store cannot take a write (a full disk, a read-only folder), what the bot decided for
// that conversation or person must still hold: a cancelled flow stays cancelled, a "forget me"
// stays forgotten. The item is kept in memory instead, and wins over the store's (older) copy for
// as long as the process runs or until the store takes a write of that key again.
import { randomUUID } from 'node:crypto';
import { BoundedCache } from '../lib/bounded-cache';
import { StorageConflictError, type Storage, type StoreItems } from './file-storage';

/** Keys held in memory at most (about 1 KB each: a flow step, a profile); the oldest go first. */
const KEPT_KEYS = 10_000;

export interface MemoryFallbackOptions {
  capacity?: number;
  /** The store started refusing writes (called once per outage, not per write). */
  onFailing?: (error: unknown) => void;
  /** The store took a write again after refusing. */
  onRecovered?: () => void;
}

/** An item kept in memory; none for a key whose delete the store refused. */
interface Kept {
  item?: StoreItems;
}

export class MemoryFallbackStorage implements Storage {
  private readonly kept: BoundedCache<Kept>;
  private failing = false;

  constructor(
    private readonly store: Storage,
    private readonly options: MemoryFallbackOptions = {},
  ) {
    this.kept = new BoundedCache<Kept>(options.capacity ?? KEPT_KEYS);
  }

  /** Whether the key's current value lives only in this process's memory. */
  keptInMemory(key: string): boolean {
    return this.kept.get(key) !== undefined;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const fromStore = keys.filter((key) => !this.keptInMemory(key));
    const items: StoreItems = fromStore.length ? await this.readStore(fromStore) : {};
    for (const key of keys) {
      const item = this.kept.get(key)?.item;
      if (item) items[key] = structuredClone(item);
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    try {
      await this.store.write(changes);
    } catch (error) {
      // A stale eTag is the caller's to handle, not a store that is down.
      if (isConflict(error)) throw error;
      for (const [key, item] of Object.entries(changes)) {
        this.kept.set(key, { item: { ...structuredClone(item), eTag: randomUUID() } });
      }
      this.markFailing(error);
      return;
    }
    this.forget(Object.keys(changes));
  }

  async delete(keys: string[]): Promise<void> {
    try {
      await this.store.delete(keys);
    } catch (error) {
      for (const key of keys) this.kept.set(key, {});
      this.markFailing(error);
      return;
    }
    this.forget(keys);
  }

  /**
   * A store that cannot be read (Redis down) reads as empty: the message is still answered, as if
   * the conversation were new, and what the turn writes is kept in memory.
   */
  private async readStore(keys: string[]): Promise<StoreItems> {
    try {
      return await this.store.read(keys);
    } catch (error) {
      this.markFailing(error);
      return {};
    }
  }

  /** The store holds these keys' latest values again. */
  private forget(keys: string[]): void {
    for (const key of keys) this.kept.delete(key);
    if (this.failing) {
      this.failing = false;
      this.options.onRecovered?.();
    }
  }

  private markFailing(error: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.options.onFailing?.(error);
  }
}

/** FileStorage's conflict error, or botbuilder MemoryStorage's (which only says so in its message). */
export function isConflict(error: unknown): boolean {
  return error instanceof StorageConflictError || (error instanceof Error && /eTag conflict/i.test(error.message));
}
