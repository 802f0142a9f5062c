// An embedded, on-disk store for bot state, so a restart does not lose a conversation in the middle
// of a dialog. It has the shape of botbuilder's `Storage` and the semantics of its `MemoryStorage`
// (copies in and out, a new eTag on every write, '*' or no eTag overwrites, a stale eTag is
// refused); the types are declared here because the core stays free of botbuilder.
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Items by key. `any`, as in botbuilder, so the two types are interchangeable. */
export interface StoreItems {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
}

/** botbuilder's `Storage`, structurally. */
export interface Storage {
  read(keys: string[]): Promise<StoreItems>;
  write(changes: StoreItems): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

export interface FileStorageOptions {
  /** The largest item accepted, in bytes of its JSON (eTag included). Default 256 KB. */
  maxItemBytes?: number;
  /**
   * Flush each file to the disk before renaming it into place (default false). A restart or crash
   * of the process loses nothing either way (the rename is atomic and the data is in the OS page
   * cache); only a power cut can, and flushing costs milliseconds on every turn.
   */
  sync?: boolean;
}

/** A file holds its key as well as its item, so a read can tell the file really is the key's. */
interface FileRecord {
  key: string;
  item: StoreItems;
}

const DEFAULT_MAX_ITEM_BYTES = 256 * 1024;
/** A temp file this old belongs to no write in progress (see prune). */
export const TEMP_FILE_MAX_AGE_MS = 60_000;

/**
 * The last queued operation on each file, by absolute path. Module-wide rather than per object,
 * so two FileStorage objects on one directory in one process still take turns.
 */
const queues = new Map<string, Promise<unknown>>();

/** A write whose eTag is not the stored item's: the item was changed since it was read. */
export class StorageConflictError extends Error {
  constructor(key: string) {
    super(`FileStorage: eTag conflict writing "${key}": it was changed since it was read`);
    this.name = 'StorageConflictError';
  }
}

/** One JSON file per key in `dir`, named by the sha256 of the key (keys hold '/' and anything else). */
export class FileStorage implements Storage {
  private readonly dir: string;
  private readonly maxItemBytes: number;
  private readonly sync: boolean;
  /** Set once the directory exists, so writes do not ask the file system again every turn. */
  private dirReady = false;
  /**
   * The item files that exist, listed once and then kept up to date, so reading a key that was
   * never written (every new conversation) costs no disk access. This holds because one process
   * owns the folder: the app takes its lock (dir-lock.ts) and a second instance refuses to start.
   */
  private known?: Promise<Set<string>>;

  /** `dir` need not exist: it is created on the first write. */
  constructor(dir: string, options: FileStorageOptions = {}) {
    this.dir = path.resolve(dir);
    this.maxItemBytes = options.maxItemBytes ?? DEFAULT_MAX_ITEM_BYTES;
    this.sync = options.sync ?? false;
  }

  /** The items of the keys that exist, as fresh copies; missing (or corrupt) keys are left out. */
  async read(keys: string[]): Promise<StoreItems> {
    checkKeys('read', keys);
    const records = await settleAll(keys.map((key) => this.queued(key, (file) => this.load(key, file))));
    const items: StoreItems = {};
    records.forEach((record, i) => {
      if (record) items[keys[i]] = record.item;
    });
    return items;
  }

  /**
   * Stores a copy of each item under a new eTag. An item whose eTag is neither missing nor '*' is
   * written only if it matches the stored item's (or nothing is stored yet).
   */
  async write(changes: StoreItems): Promise<void> {
    if (typeof changes !== 'object' || changes === null) {
      throw new TypeError('FileStorage.write: changes must be an object of items by key');
    }
    // Everything that can be checked without the disk is checked first, so a bad key or an
    // oversized item rejects the whole batch before any file changes.
    const writes = Object.entries(changes).map(([key, item]) => {
      checkKey(key);
      const json = JSON.stringify({ ...item, eTag: randomUUID() });
      const bytes = Buffer.byteLength(json);
      if (bytes > this.maxItemBytes) {
        throw new Error(`FileStorage: item "${key}" is too large (${bytes} bytes; the limit is ${this.maxItemBytes})`);
      }
      return { key, expected: item?.eTag, text: `{"key":${JSON.stringify(key)},"item":${json}}` };
    });
    // As in MemoryStorage, a conflict fails only its own key: the others are still written.
    await settleAll(
      writes.map(({ key, expected, text }) =>
        this.queued(key, async (file) => {
          if (expected && expected !== '*') {
            const current = await this.load(key, file);
            if (current && current.item.eTag !== expected) {
              throw new StorageConflictError(key);
            }
          }
          await this.save(key, file, text);
        }),
      ),
    );
  }

  /** Removes the keys; a missing key is not an error. */
  async delete(keys: string[]): Promise<void> {
    checkKeys('delete', keys);
    await settleAll(
      keys.map((key) =>
        this.queued(key, async (file) => {
          try {
            await rm(file, { force: true });
            (await this.names(key)).delete(path.basename(file));
          } catch (err) {
            throw ioError('delete', key, err);
          }
        }),
      ),
    );
  }

  /**
   * Deletes every temp file in the folder, synchronously: for a process that has just taken the
   * folder's lock (src/storage/dir-lock.ts), so each one is a write a crash cut short. Returns how many.
   */
  removeTempFiles(): number {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch (err) {
      if (isMissing(err)) return 0;
      throw err;
    }
    const temps = names.filter((name) => name.endsWith('.tmp'));
    for (const name of temps) rmSync(path.join(this.dir, name), { force: true });
    return temps.length;
  }

  /**
   * Deletes items not written for `maxAgeMs`, so the folder does not grow with every conversation
   * ever held, and temp files a crash (kill -9) left behind once older than TEMP_FILE_MAX_AGE_MS:
   * a live write's temp file exists for milliseconds. Returns how many files went.
   */
  async prune(maxAgeMs: number, now = Date.now()): Promise<number> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch (err) {
      if (errorCode(err) === 'ENOENT') return 0;
      throw new Error(`FileStorage: could not list ${this.dir}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    let removed = 0;
    for (const name of names) {
      if (!/\.(json|tmp)$/.test(name)) continue;
      const file = path.join(this.dir, name);
      const maxAge = name.endsWith('.tmp') ? Math.min(maxAgeMs, TEMP_FILE_MAX_AGE_MS) : maxAgeMs;
      const stale = async () => {
        const info = await stat(file).catch(() => undefined);
        return !!info && now - info.mtimeMs >= maxAge;
      };
      if (!(await stale())) continue;
      // Item files are checked again in their queue, so an item written meanwhile is kept.
      const gone = name.endsWith('.json')
        ? await this.queuedFile(file, async () => {
            if (!(await stale())) return false;
            await rm(file, { force: true });
            (await this.known)?.delete(name);
            return true;
          })
        : (await rm(file, { force: true }), true);
      if (gone) removed++;
    }
    return removed;
  }

  /**
   * Runs `op` on the key's file once every earlier operation on that file has finished, so the
   * eTag check and the write after it cannot interleave with another write, and a corrupt file is
   * never set aside just after a good one replaced it.
   */
  private queued<T>(key: string, op: (file: string) => Promise<T>): Promise<T> {
    return this.queuedFile(path.join(this.dir, `${createHash('sha256').update(key).digest('hex')}.json`), op);
  }

  private queuedFile<T>(file: string, op: (file: string) => Promise<T>): Promise<T> {
    const result = (queues.get(file) ?? Promise.resolve()).then(() => op(file));
    // The queue goes on whether `op` succeeds or fails, and is forgotten once idle, so the map
    // does not keep every key ever seen.
    const forget = () => {
      if (queues.get(file) === tail) queues.delete(file);
    };
    const tail = result.then(forget, forget);
    queues.set(file, tail);
    return result;
  }

  private names(key: string): Promise<Set<string>> {
    this.known ??= readdir(this.dir).then(
      (names) => new Set(names.filter((n) => n.endsWith('.json'))),
      (err: unknown) => {
        if (isMissing(err)) return new Set<string>();
        this.known = undefined; // list again next time
        throw ioError('read', key, err);
      },
    );
    return this.known;
  }

  /** The key's record, or undefined if it has none. A corrupt file counts as none. */
  private async load(key: string, file: string): Promise<FileRecord | undefined> {
    const names = await this.names(key);
    if (!names.has(path.basename(file))) return undefined;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if (isMissing(err)) {
        names.delete(path.basename(file));
        return undefined;
      }
      throw ioError('read', key, err);
    }
    const record = parseRecord(text);
    if (record?.key === key) return record;
    // Invalid JSON, or a record of another key (a copied or hand-edited file). Keep it for
    // inspection, out of the next write's way; if even that fails, the key still reads as missing.
    await rename(file, `${file}.corrupt`).catch(() => undefined);
    names.delete(path.basename(file));
    return undefined;
  }

  /**
   * Replaces the file whole or not at all: the text goes to a temp file in the same directory
   * (rename is atomic only within one file system), optionally flushed, then renamed over the target.
   * A crash can leave a stray `.tmp` file behind, never a half-written `.json`.
   */
  private async save(key: string, file: string, text: string): Promise<void> {
    const temp = `${file}.${randomUUID()}.tmp`;
    try {
      if (!this.dirReady) {
        await mkdir(this.dir, { recursive: true });
        this.dirReady = true;
      }
      if (this.sync) {
        const handle = await open(temp, 'w');
        try {
          await handle.writeFile(text, 'utf8');
          // Without the flush, a power cut after the rename could leave the name on empty data.
          await handle.sync();
        } finally {
          await handle.close();
        }
      } else {
        await writeFile(temp, text, 'utf8');
      }
      await rename(temp, file);
      (await this.names(key)).add(path.basename(file));
    } catch (err) {
      await rm(temp, { force: true }).catch(() => undefined);
      // The folder was removed under us: make it again on the next write.
      if (errorCode(err) === 'ENOENT') this.dirReady = false;
      throw ioError('write', key, err);
    }
  }
}

function checkKeys(op: string, keys: unknown): void {
  if (!Array.isArray(keys)) throw new TypeError(`FileStorage.${op}: keys must be an array of strings`);
  keys.forEach(checkKey);
}

function checkKey(key: unknown): void {
  if (typeof key !== 'string' || key === '') {
    throw new TypeError(`FileStorage: a key must be a non-empty string, not ${JSON.stringify(key)}`);
  }
}

function parseRecord(text: string): FileRecord | undefined {
  try {
    const value = JSON.parse(text);
    const ok = typeof value?.key === 'string' && typeof value.item === 'object' && value.item !== null;
    return ok ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Waits for every operation, then fails with the first failure, so none is left running behind it. */
async function settleAll<T>(ops: Promise<T>[]): Promise<T[]> {
  const results = await Promise.allSettled(ops);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<T>).value);
}

/** No such file, or no such folder (a path under a regular file): nothing is stored there. */
function isMissing(err: unknown): boolean {
  return errorCode(err) === 'ENOENT' || errorCode(err) === 'ENOTDIR';
}

/** A Node system error's code (ENOENT, EEXIST, ...), if it has one. */
export function errorCode(err: unknown): unknown {
  return typeof err === 'object' && err !== null && 'code' in err ? err.code : undefined;
}

/** A one-line message naming the operation and the key; the system error stays in `cause`. */
function ioError(op: 'read' | 'write' | 'delete', key: string, cause: unknown): Error {
  const reason = cause instanceof Error ? cause.message : String(cause);
  return new Error(`FileStorage: could not ${op} "${key}": ${reason}`, { cause });
}
