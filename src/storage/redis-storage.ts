// botbuilder's Storage on Redis, for several instances behind one address: the semantics of
// MemoryStorage and the file store (copies in and out, a new eTag on every write, '*' or no eTag
// overwrites, a stale eTag is refused for its own key only), and a TTL on every item instead of
// the file store's sweep. The eTag check and the write run in one Lua script, so two instances
// writing the same conversation cannot both win.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { StorageConflictError, type Storage, type StoreItems } from './file-storage';
import { checkReachable } from './redis-client';

/** KEYS[1] the item; ARGV: expected eTag ('' for none), the new JSON, its new eTag, TTL in seconds. */
const WRITE_IF_CURRENT = `
local expected = ARGV[1]
if expected ~= '' and expected ~= '*' then
  local current = redis.call('GET', KEYS[1])
  if current then
    local ok, item = pcall(cjson.decode, current)
    if ok and type(item) == 'table' and item.eTag ~= expected then return 0 end
  end
end
redis.call('SET', KEYS[1], ARGV[2], 'EX', tonumber(ARGV[3]))
return 1
`;

export interface RedisStorageOptions {
  /** Prefix of the item keys (REDIS_KEY_PREFIX + "state:"). */
  prefix: string;
  /** Items not written for this long expire. */
  ttlSeconds: number;
  /** The largest item accepted, in bytes of its JSON. Default 256 KB, as the file store. */
  maxItemBytes?: number;
}

type WithWriteScript = Redis & { faqWriteIfCurrent(key: string, ...args: string[]): Promise<number> };

export class RedisStorage implements Storage {
  private readonly client: WithWriteScript;
  private readonly maxItemBytes: number;

  constructor(
    client: Redis,
    private readonly options: RedisStorageOptions,
  ) {
    if (!('faqWriteIfCurrent' in client)) client.defineCommand('faqWriteIfCurrent', { numberOfKeys: 1, lua: WRITE_IF_CURRENT });
    this.client = client as WithWriteScript;
    this.maxItemBytes = options.maxItemBytes ?? 256 * 1024;
  }

  /** The items of the keys that exist, as fresh copies; an item that is not JSON is left out. */
  async read(keys: string[]): Promise<StoreItems> {
    checkKeys(keys);
    if (!keys.length) return {};
    checkReachable(this.client);
    const values = await this.client.mget(keys.map((key) => this.keyOf(key)));
    const items: StoreItems = {};
    values.forEach((value, i) => {
      const item = value === null ? undefined : parseItem(value);
      if (item) items[keys[i]] = item;
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (typeof changes !== 'object' || changes === null)
      throw new TypeError('RedisStorage.write: changes must be an object of items by key');
    const writes = Object.entries(changes).map(([key, item]) => {
      checkKeys([key]);
      const json = JSON.stringify({ ...item, eTag: randomUUID() });
      const bytes = Buffer.byteLength(json);
      if (bytes > this.maxItemBytes)
        throw new Error(`RedisStorage: item "${key}" is too large (${bytes} bytes; the limit is ${this.maxItemBytes})`);
      return { key, expected: typeof item?.eTag === 'string' ? item.eTag : '', json };
    });
    if (!writes.length) return;
    checkReachable(this.client);
    const results = await Promise.allSettled(
      writes.map(async ({ key, expected, json }) => {
        const written = await this.client.faqWriteIfCurrent(this.keyOf(key), expected, json, String(this.options.ttlSeconds));
        if (!written) throw new StorageConflictError(key);
      }),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  /** Removes the keys; a missing key is not an error. */
  async delete(keys: string[]): Promise<void> {
    checkKeys(keys);
    if (!keys.length) return;
    checkReachable(this.client);
    await this.client.del(...keys.map((key) => this.keyOf(key)));
  }

  private keyOf(key: string): string {
    return this.options.prefix + key;
  }
}

function checkKeys(keys: unknown): asserts keys is string[] {
  if (!Array.isArray(keys) || keys.some((key) => typeof key !== 'string' || key === '')) {
    throw new TypeError('RedisStorage: keys must be non-empty strings');
  }
}

function parseItem(value: string): StoreItems | undefined {
  try {
    const item: unknown = JSON.parse(value);
    return typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as StoreItems) : undefined;
  } catch {
    return undefined;
  }
}
