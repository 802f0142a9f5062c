// MemoryFallbackStorage: what a store refused to write is kept in memory and wins over the store's
// older copy, until the store takes that key again.
import { MemoryStorage, type StoreItems } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { MemoryFallbackStorage } from '../../src/storage/memory-fallback-storage';

/** A memory store whose writes and deletes can be refused, as a full disk refuses them. */
class RefusingStorage extends MemoryStorage {
  refuse = false;
  refuseReads = false;
  override async write(changes: StoreItems): Promise<void> {
    if (this.refuse) throw new Error('ENOSPC: no space left on device');
    return super.write(changes);
  }
  override async delete(keys: string[]): Promise<void> {
    if (this.refuse) throw new Error('EROFS: read-only file system');
    return super.delete(keys);
  }
  override async read(keys: string[]): Promise<StoreItems> {
    if (this.refuseReads) throw new Error('connect ECONNREFUSED');
    return super.read(keys);
  }
}

function setUp(capacity?: number) {
  const inner = new RefusingStorage();
  const events: string[] = [];
  const storage = new MemoryFallbackStorage(inner, {
    capacity,
    onFailing: (err) => events.push(`failing: ${(err as Error).message}`),
    onRecovered: () => events.push('recovered'),
  });
  return { inner, storage, events };
}

describe('MemoryFallbackStorage', () => {
  it('reads a store that cannot be read as empty, except for what it keeps, and says the store is failing', async () => {
    const { inner, storage, events } = setUp();
    await storage.write({ stored: { v: 1, eTag: '*' } });
    inner.refuse = true;
    await storage.write({ kept: { v: 2, eTag: '*' } });
    inner.refuseReads = true;
    expect(await storage.read(['stored'])).toEqual({});
    expect((await storage.read(['stored', 'kept'])).kept.v).toBe(2);
    expect(events).toEqual(['failing: ENOSPC: no space left on device']);
    inner.refuseReads = false;
    expect((await storage.read(['stored'])).stored.v).toBe(1);
  });

  it("keeps a refused write in memory, read back over the store's older copy", async () => {
    const { inner, storage } = setUp();
    await storage.write({ k: { step: 1, eTag: '*' } });
    inner.refuse = true;
    await storage.write({ k: { step: 2, eTag: '*' } });
    expect(storage.keptInMemory('k')).toBe(true);
    expect((await storage.read(['k'])).k.step).toBe(2);
    expect((await inner.read(['k'])).k.step).toBe(1);
  });

  it('returns copies of what it keeps', async () => {
    const { inner, storage } = setUp();
    inner.refuse = true;
    const item = { nested: { n: 1 } };
    await storage.write({ k: item });
    item.nested.n = 2;
    const read = await storage.read(['k']);
    read.k.nested.n = 3;
    expect((await storage.read(['k'])).k.nested.n).toBe(1);
  });

  it('keeps a refused delete too: the key reads as gone', async () => {
    const { inner, storage } = setUp();
    await storage.write({ k: { v: 1 } });
    inner.refuse = true;
    await storage.delete(['k']);
    expect(await storage.read(['k'])).toEqual({});
    expect(Object.keys(await inner.read(['k']))).toEqual(['k']);
  });

  it('hands the key back to the store once it takes a write again, and reports the outage once', async () => {
    const { inner, storage, events } = setUp();
    inner.refuse = true;
    await storage.write({ a: { v: 1 } });
    await storage.write({ a: { v: 2 } });
    inner.refuse = false;
    await storage.write({ a: { v: 3 } });
    expect(storage.keptInMemory('a')).toBe(false);
    expect((await inner.read(['a'])).a.v).toBe(3);
    expect(events).toEqual(['failing: ENOSPC: no space left on device', 'recovered']);
  });

  it('passes an eTag conflict through: the store is up, the caller is stale', async () => {
    const { storage } = setUp();
    await storage.write({ k: { v: 1 } });
    const { eTag } = (await storage.read(['k'])).k;
    await storage.write({ k: { v: 2, eTag } });
    await expect(storage.write({ k: { v: 3, eTag } })).rejects.toThrow(/eTag conflict/);
    expect(storage.keptInMemory('k')).toBe(false);
  });

  it('holds at most `capacity` keys, forgetting the least recently used', async () => {
    const { inner, storage } = setUp(2);
    inner.refuse = true;
    for (const key of ['a', 'b', 'c']) await storage.write({ [key]: { v: key } });
    expect(['a', 'b', 'c'].map((k) => storage.keptInMemory(k))).toEqual([false, true, true]);
  });
});
