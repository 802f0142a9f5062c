// FileStorage: the on-disk bot state store. MemoryStorage's semantics, atomic files, per-key
// serialization, and what happens with oversized items, corrupt files and unusable directories.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConversationState, TestAdapter, type Storage } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStorage, TEMP_FILE_MAX_AGE_MS } from '../../src/storage/file-storage';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'file-storage-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The file a key is stored in (the naming rule is part of the contract: sha256 hex + .json). */
const fileOf = (root: string, key: string) => path.join(root, `${createHash('sha256').update(key).digest('hex')}.json`);

describe('FileStorage: MemoryStorage semantics', () => {
  it('reads only keys that exist, and an empty read is a no-op', async () => {
    const storage = new FileStorage(path.join(dir, 'state'));
    expect(await storage.read(['missing'])).toEqual({});
    await storage.write({ a: { v: 1 } });
    expect(Object.keys(await storage.read(['a', 'missing']))).toEqual(['a']);
    expect(await storage.read([])).toEqual({});
  });

  it("round-trips items, each under its own key, without touching the caller's object", async () => {
    const storage = new FileStorage(dir);
    const a = { text: 'hello', nested: { list: [1, 2, 3] }, flag: true };
    await storage.write({ a, b: { text: 'other' } });
    const items = await storage.read(['a', 'b']);
    expect(items.a).toMatchObject(a);
    expect(items.b).toMatchObject({ text: 'other' });
    expect(a).not.toHaveProperty('eTag');
  });

  it('returns copies: changing what was written or read does not change what is stored', async () => {
    const storage = new FileStorage(dir);
    const item = { nested: { n: 1 } };
    await storage.write({ k: item });
    item.nested.n = 2;
    const first = await storage.read(['k']);
    expect(first.k.nested.n).toBe(1);
    first.k.nested.n = 3;
    const second = await storage.read(['k']);
    expect(second.k.nested.n).toBe(1);
    expect(second.k).not.toBe(first.k);
  });

  it('assigns a string eTag that changes on every write', async () => {
    const storage = new FileStorage(dir);
    await storage.write({ k: { v: 1 } });
    const e1 = (await storage.read(['k'])).k.eTag;
    expect(typeof e1).toBe('string');
    expect(e1).not.toBe('');
    await storage.write({ k: { v: 2, eTag: e1 } });
    const e2 = (await storage.read(['k'])).k.eTag;
    expect(typeof e2).toBe('string');
    expect(e2).not.toBe(e1);
  });

  it("overwrites when the eTag is '*' or missing, and writes an item with any eTag when nothing is stored", async () => {
    const storage = new FileStorage(dir);
    await storage.write({ k: { v: 1, eTag: 'never-issued' } });
    expect((await storage.read(['k'])).k.v).toBe(1);
    await storage.write({ k: { v: 2, eTag: '*' } });
    expect((await storage.read(['k'])).k.v).toBe(2);
    await storage.write({ k: { v: 3 } });
    expect((await storage.read(['k'])).k.v).toBe(3);
  });

  it('refuses a stale eTag and leaves the stored item as it was', async () => {
    const storage = new FileStorage(dir);
    await storage.write({ k: { v: 1 } });
    const stale = (await storage.read(['k'])).k.eTag;
    await storage.write({ k: { v: 2, eTag: '*' } });
    const before = (await storage.read(['k'])).k;

    await expect(storage.write({ k: { v: 3, eTag: stale } })).rejects.toThrow(/eTag conflict.*"k"/);
    expect((await storage.read(['k'])).k).toEqual(before);
    expect(before.v).toBe(2);
  });

  it('still writes the other keys of a batch with a conflict, as MemoryStorage does', async () => {
    const storage = new FileStorage(dir);
    await storage.write({ a: { v: 1 } });
    const stale = (await storage.read(['a'])).a.eTag;
    await storage.write({ a: { v: 2 } });
    await expect(storage.write({ a: { v: 3, eTag: stale }, b: { v: 1 } })).rejects.toThrow(/eTag conflict.*"a"/);
    const items = await storage.read(['a', 'b']);
    expect(items.a.v).toBe(2);
    expect(items.b.v).toBe(1);
  });

  it('deletes keys and their files; deleting a missing key or no key is fine', async () => {
    const storage = new FileStorage(dir);
    await storage.write({ a: { v: 1 }, b: { v: 2 } });
    await storage.delete(['a', 'never-written']);
    await storage.delete([]);
    expect(await storage.read(['a', 'b'])).toEqual({ b: expect.objectContaining({ v: 2 }) });
    expect(await readdir(dir)).toEqual([path.basename(fileOf(dir, 'b'))]);
  });

  it('rejects keys that are not non-empty strings', async () => {
    const storage = new FileStorage(dir);
    await expect(storage.read([''])).rejects.toThrow(/key must be a non-empty string/);
    await expect(storage.read([42 as unknown as string])).rejects.toThrow(/key must be a non-empty string/);
    await expect(storage.write({ '': { v: 1 } })).rejects.toThrow(/key must be a non-empty string/);
    await expect(storage.delete([undefined as unknown as string])).rejects.toThrow(/key must be a non-empty string/);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('FileStorage: on disk', () => {
  it('creates the directory on the first write, not before', async () => {
    const root = path.join(dir, 'a', 'b', 'state');
    const storage = new FileStorage(root);
    await storage.read(['k']);
    await storage.write({});
    await storage.delete(['k']);
    expect(await readdir(dir)).toEqual([]);
    await storage.write({ k: { v: 1 } });
    expect(await readdir(root)).toEqual([path.basename(fileOf(root, 'k'))]);
  });

  it('keeps items across a restart (a second FileStorage on the same directory), with eTags still unique', async () => {
    const before = new FileStorage(dir);
    await before.write({ 'test/conversations/c1/': { dialogStack: [{ id: 'career', step: 2 }] } });
    const oldTag = (await before.read(['test/conversations/c1/']))['test/conversations/c1/'].eTag;

    const after = new FileStorage(dir);
    const items = await after.read(['test/conversations/c1/']);
    expect(items['test/conversations/c1/']).toEqual({ dialogStack: [{ id: 'career', step: 2 }], eTag: oldTag });

    // An eTag issued before the restart still guards the item, and the new process issues a new one.
    await after.write({ 'test/conversations/c1/': { step: 3, eTag: oldTag } });
    const newTag = (await after.read(['test/conversations/c1/']))['test/conversations/c1/'].eTag;
    expect(newTag).not.toBe(oldTag);
    await expect(after.write({ 'test/conversations/c1/': { eTag: oldTag } })).rejects.toThrow(/eTag conflict/);
  });

  it('stores keys with slashes, dots and unicode inside the directory, one sha256-named file each', async () => {
    const keys = ['msteams/conversations/19:abc@thread.v2/', '../../escape', 'ünï/cødé 😀', 'a\\b?c*d'];
    const storage = new FileStorage(dir);
    await storage.write(Object.fromEntries(keys.map((k, i) => [k, { i }])));
    const items = await storage.read(keys);
    keys.forEach((k, i) => expect(items[k].i).toBe(i));

    const names = (await readdir(dir)).sort();
    expect(names).toEqual(keys.map((k) => path.basename(fileOf(dir, k))).sort());
    for (const name of names) expect(name).toMatch(/^[0-9a-f]{64}\.json$/);
    const record = JSON.parse(await readFile(fileOf(dir, keys[2]), 'utf8'));
    expect(record).toEqual({ key: keys[2], item: { i: 2, eTag: items[keys[2]].eTag } });
  });

  it('serializes parallel writes to one key: 20 overwrites all succeed and the last read is one of them', async () => {
    const storage = new FileStorage(dir);
    const big = 'x'.repeat(100_000);
    await Promise.all(Array.from({ length: 20 }, (_, i) => storage.write({ k: { i, big, eTag: '*' } })));
    const { k } = await storage.read(['k']);
    expect(k.i).toBeGreaterThanOrEqual(0);
    expect(k.i).toBeLessThan(20);
    expect(k.big).toBe(big);
    // No temp file is left behind.
    expect(await readdir(dir)).toEqual([path.basename(fileOf(dir, 'k'))]);
  });

  it('serializes the eTag check: of 10 parallel writes with the same eTag, exactly one wins', async () => {
    const storage = new FileStorage(dir);
    await storage.write({ k: { i: -1 } });
    const eTag = (await storage.read(['k'])).k.eTag;
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => storage.write({ k: { i, eTag } })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const winner = results.findIndex((r) => r.status === 'fulfilled');
    expect((await storage.read(['k'])).k.i).toBe(winner);
  });

  it('never exposes a partial file while writes are under way', async () => {
    const storage = new FileStorage(dir);
    const file = fileOf(dir, 'k');
    const pad = (i: number) => 'y'.repeat(50_000 + i);
    await storage.write({ k: { i: -1, pad: pad(-1) } });
    let writing = true;
    const writes = (async () => {
      for (let i = 0; i < 40; i++) await storage.write({ k: { i, pad: pad(i) } });
      writing = false;
    })();
    // Read straight from the disk (past the storage's queue) and through the storage, for as long
    // as the writes last; every look must find one whole item.
    const problems: string[] = [];
    let looks = 0;
    while (writing) {
      const text = await readFile(file, 'utf8');
      try {
        const { item } = JSON.parse(text);
        if (item.pad !== pad(item.i)) problems.push(`disk: item ${item.i} has the wrong pad`);
      } catch {
        problems.push(`disk: ${text.length} characters of partial JSON`);
      }
      const { k } = await storage.read(['k']);
      if (k?.pad !== pad(k?.i)) problems.push(`read: ${JSON.stringify(k).slice(0, 40)}`);
      looks++;
    }
    await writes;
    expect(problems).toEqual([]);
    expect(looks).toBeGreaterThan(1);
  });
});

describe('FileStorage: limits and failures', () => {
  it('refuses an item over 256 KB by default, and writes nothing of that batch', async () => {
    const storage = new FileStorage(dir);
    await storage.write({ k: { v: 1 } });
    const huge = { blob: 'z'.repeat(256 * 1024) };
    await expect(storage.write({ k: huge, other: { v: 1 } })).rejects.toThrow(/"k" is too large/);
    expect(await storage.read(['k', 'other'])).toEqual({ k: expect.objectContaining({ v: 1 }) });
    await storage.write({ k: { blob: 'z'.repeat(200 * 1024) } });
  });

  it('honours maxItemBytes', async () => {
    const storage = new FileStorage(dir, { maxItemBytes: 1000 });
    await expect(storage.write({ k: { blob: 'z'.repeat(1000) } })).rejects.toThrow(/too large/);
    expect(await readdir(dir)).toEqual([]);
    await storage.write({ k: { blob: 'z'.repeat(900) } });
    expect((await storage.read(['k'])).k.blob).toHaveLength(900);
  });

  it('treats a file of invalid JSON as missing and renames it aside', async () => {
    const storage = new FileStorage(dir);
    const file = fileOf(dir, 'k');
    await writeFile(file, '{"key":"k","item":{"v":');
    expect(await storage.read(['k'])).toEqual({});
    expect(await readdir(dir)).toEqual([`${path.basename(file)}.corrupt`]);
    expect(await readFile(`${file}.corrupt`, 'utf8')).toBe('{"key":"k","item":{"v":');
    // The key is usable again, even with an eTag (there is nothing to conflict with).
    await storage.write({ k: { v: 2, eTag: 'old' } });
    expect((await storage.read(['k'])).k.v).toBe(2);
  });

  it("treats a file holding another key's record as missing and renames it aside", async () => {
    const storage = new FileStorage(dir);
    await storage.write({ other: { secret: 1 } });
    const file = fileOf(dir, 'k');
    await writeFile(file, await readFile(fileOf(dir, 'other'), 'utf8'));
    // A new instance, as after a restart: a running one lists its folder once and keeps that
    // list itself (the folder belongs to one process).
    expect(await new FileStorage(dir).read(['k'])).toEqual({});
    expect(await storage.read(['other'])).toEqual({ other: expect.objectContaining({ secret: 1 }) });
    expect((await readdir(dir)).sort()).toEqual([path.basename(fileOf(dir, 'other')), `${path.basename(file)}.corrupt`].sort());
  });

  it('rejects writes with a clear message, and the system error as cause, when the directory is a regular file', async () => {
    const notADir = path.join(dir, 'state');
    await writeFile(notADir, 'I am a file');
    const storage = new FileStorage(notADir);

    const failure = (p: Promise<unknown>) =>
      p.then(
        () => expect.unreachable('should have rejected'),
        (e: Error) => e,
      );
    const write = await failure(storage.write({ 'conv/1': { v: 1 } }));
    expect(write.message).toMatch(/^FileStorage: could not write "conv\/1": /);
    expect(write.message).not.toContain('\n');
    expect((write.cause as NodeJS.ErrnoException).code).toMatch(/^(EEXIST|ENOTDIR)$/);

    // No folder can exist there, so nothing is stored: a read finds nothing rather than failing.
    expect(await storage.read(['conv/1'])).toEqual({});

    const del = await failure(storage.delete(['conv/1']));
    expect(del.message).toMatch(/^FileStorage: could not delete "conv\/1": /);
    expect(del.cause).toBeInstanceOf(Error);

    expect(await readFile(notADir, 'utf8')).toBe('I am a file');
  });
});

describe('FileStorage as botbuilder Storage', () => {
  it('keeps ConversationState across a restart', async () => {
    /** One turn of a bot whose conversation state lives in a new FileStorage on `dir`. */
    const turn = async (logic: (step: { get(): Promise<number | undefined>; set(n: number): Promise<void> }) => Promise<void>) => {
      const storage: Storage = new FileStorage(dir);
      const state = new ConversationState(storage);
      const step = state.createProperty<number>('dialogStep');
      const adapter = new TestAdapter(async (context) => {
        await logic({ get: () => step.get(context), set: (n) => step.set(context, n) });
        await state.saveChanges(context);
      });
      await adapter.send('hi');
    };

    await turn(async (step) => {
      expect(await step.get()).toBeUndefined();
      await step.set(2);
    });
    expect(await readdir(dir)).toHaveLength(1);

    let seen: number | undefined;
    await turn(async (step) => {
      seen = await step.get();
      await step.set(3);
    });
    expect(seen).toBe(2);

    await turn(async (step) => {
      seen = await step.get();
    });
    expect(seen).toBe(3);
  });
});

describe('prune', () => {
  const DAY = 24 * 60 * 60 * 1000;

  it('deletes items not written for longer than the age given, and keeps the others', async () => {
    const storage = new FileStorage(dir);
    await storage.write({ old: { n: 1 }, fresh: { n: 2 } });
    const longAgo = new Date(Date.now() - 40 * DAY);
    await utimes(fileOf(dir, 'old'), longAgo, longAgo);
    await writeFile(path.join(dir, 'left-over.json.1234.tmp'), '{');
    await utimes(path.join(dir, 'left-over.json.1234.tmp'), longAgo, longAgo);

    expect(await storage.prune(30 * DAY)).toBe(2);
    expect(await storage.read(['old', 'fresh'])).toEqual({ fresh: expect.objectContaining({ n: 2 }) });
    expect(await readdir(dir)).toHaveLength(1);
  });

  it('sweeps temp files a killed write left once a minute old, whatever the age given; a fresh one stays', async () => {
    const storage = new FileStorage(dir);
    await storage.write({ kept: { n: 1 } });
    const leftOver = path.join(dir, 'left-over.json.1234.tmp');
    const inProgress = path.join(dir, 'in-progress.json.5678.tmp');
    await writeFile(leftOver, '{');
    const minutesAgo = new Date(Date.now() - TEMP_FILE_MAX_AGE_MS - 60_000);
    await utimes(leftOver, minutesAgo, minutesAgo);
    await writeFile(inProgress, '{');

    expect(await storage.prune(30 * DAY)).toBe(1);
    expect((await readdir(dir)).sort()).toEqual([path.basename(fileOf(dir, 'kept')), path.basename(inProgress)].sort());
  });

  it('is a no-op on a folder that does not exist yet', async () => {
    expect(await new FileStorage(path.join(dir, 'never-written')).prune(DAY)).toBe(0);
  });
});
