// One process per state folder. The file store lists its folder once and botbuilder overwrites
// state with eTag '*', so a second process on the same folder would silently lose or mix flows:
// the first one takes a lock file in the folder and a second one refuses to start, naming it.
//
// Hand-written rather than proper-lockfile (not a dependency here): besides the freshness of the
// lock (kept up by a heartbeat), it checks the holder's pid, so a restart right after a kill -9
// is not blocked for the stale period. Node has no OS-level (flock) lock.
import { randomUUID } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { errorCode } from './file-storage';

export const LOCK_FILE = '.lock';
/** How often the holder refreshes the lock's modification time. */
const HEARTBEAT_MS = 10_000;
/** A lock not refreshed for this long is stale whatever its pid (a reused pid, another host). */
export const LOCK_STALE_MS = 60_000;

/** Another live process holds the folder. */
export class StateDirLockedError extends Error {
  constructor(dir: string, holder: LockHolder) {
    super(
      `STATE_DIR ${dir} is in use by another instance of the bot (pid ${holder.pid} on ${holder.host}, since ${holder.since}). ` +
        'The file store serves one process per folder: stop that instance, or give this one its own STATE_DIR. ' +
        `If no such process runs, delete ${path.join(dir, LOCK_FILE)}.`,
    );
    this.name = 'StateDirLockedError';
  }
}

interface LockHolder {
  pid: number;
  host: string;
  since: string;
  /** Unique per lock taken, so a process can tell its own lock file from a successor's. */
  token: string;
}

export interface DirLock {
  readonly dir: string;
  /** Removes the lock file if it is still this lock's. Also runs when the process exits. */
  release(): void;
}

/** Locks held by this process, released on exit. */
const held = new Set<DirLock>();
let exitHookInstalled = false;

/**
 * Takes the folder's lock (creating the folder), or throws StateDirLockedError when a live
 * process holds it. A lock left by a process that is gone, or not refreshed for LOCK_STALE_MS,
 * is taken over.
 */
export function lockStateDir(dir: string, now = () => Date.now()): DirLock {
  const folder = path.resolve(dir);
  try {
    mkdirSync(folder, { recursive: true });
  } catch (err) {
    throw unusable(folder, err);
  }
  const file = path.join(folder, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), since: new Date(now()).toISOString(), token: randomUUID() };
  // A few rounds: each lost race against another starting process means looking again.
  for (let round = 0; round < 5; round++) {
    if (create(file, me)) return hold(folder, file, me);
    const current = readLock(file);
    if (current === undefined) continue; // removed meanwhile: try again
    if (isLive(current.holder, current.mtimeMs, now())) throw new StateDirLockedError(folder, current.holder);
    if (!takeOverStale(file, current.text)) throw new StateDirLockedError(folder, readLock(file)?.holder ?? current.holder);
  }
  throw new Error(`STATE_DIR ${folder}: could not take ${LOCK_FILE} (other processes keep racing for it)`);
}

/** Creates the lock file only if there is none; false when one exists. */
function create(file: string, me: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (err) {
    if (errorCode(err) === 'EEXIST') return false;
    throw unusable(path.dirname(file), err);
  }
  try {
    writeSync(fd, JSON.stringify(me));
  } catch (err) {
    // A full disk: no half-written lock is left to puzzle the next start.
    closeSync(fd);
    unlinkSync(file);
    throw unusable(path.dirname(file), err);
  }
  closeSync(fd);
  return true;
}

function readLock(file: string): { holder: LockHolder; text: string; mtimeMs: number } | undefined {
  try {
    const text = readFileSync(file, 'utf8');
    const mtimeMs = statSync(file).mtimeMs;
    const value = safeParse(text);
    // An empty or garbled lock (a crash between create and write) has no live holder.
    const holder: LockHolder = typeof value?.pid === 'number' ? (value as LockHolder) : { pid: 0, host: '?', since: '?', token: '' };
    return { holder, text, mtimeMs };
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return undefined;
    throw unusable(path.dirname(file), err);
  }
}

function isLive(holder: LockHolder, mtimeMs: number, now: number): boolean {
  if (!holder.pid || now - mtimeMs > LOCK_STALE_MS) return false;
  // On another host the pid says nothing: only the heartbeat counts.
  if (holder.host !== os.hostname()) return true;
  // Our own pid is a previous life of this process id (a container's pid 1 after a kill -9) or a
  // lock this process took already: never another process.
  if (holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (err) {
    return errorCode(err) === 'EPERM'; // alive, run by another user
  }
}

/**
 * Moves a stale lock aside, atomically, so that of two processes taking it over only one does.
 * If what was moved turns out to be a fresh lock (another process took over first), it is put
 * back and false returned.
 */
function takeOverStale(file: string, staleText: string): boolean {
  const aside = `${file}.${randomUUID()}.stale`;
  try {
    renameSync(file, aside);
  } catch (err) {
    if (errorCode(err) === 'ENOENT') return true; // gone already: the next round creates ours
    throw unusable(path.dirname(file), err);
  }
  const moved = readFileSync(aside, 'utf8');
  if (moved !== staleText) {
    try {
      linkSync(aside, file);
    } catch {
      // Yet another lock appeared in between: it stands, and so does the refusal.
    }
    unlinkSync(aside);
    return false;
  }
  unlinkSync(aside);
  return true;
}

function hold(dir: string, file: string, me: LockHolder): DirLock {
  const heartbeat = setInterval(() => {
    const at = new Date();
    try {
      utimesSync(file, at, at);
    } catch {
      // An unusable folder is the store's to report; the lock simply goes stale.
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  const lock: DirLock = {
    dir,
    release() {
      clearInterval(heartbeat);
      held.delete(lock);
      try {
        if (safeParse(readFileSync(file, 'utf8'))?.token === me.token) unlinkSync(file);
      } catch {
        // Already gone, or the folder is: nothing to release.
      }
    },
  };
  held.add(lock);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => [...held].forEach((l) => l.release()));
  }
  return lock;
}

/** A lock file's holder as written; the fields are checked where they matter. */
function safeParse(text: string): Partial<LockHolder> | undefined {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function unusable(dir: string, err: unknown): Error {
  return new Error(`STATE_DIR ${dir} cannot be used: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}
