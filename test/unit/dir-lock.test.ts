// The state folder's lock (src/storage/dir-lock.ts): who counts as holding it, and taking over
// a lock its process left behind. The two-process behaviour is in test/protocol/state-dir.test.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_FILE, LOCK_STALE_MS, StateDirLockedError, lockStateDir } from '../../src/storage/dir-lock';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'dir-lock-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lockFile = () => path.join(dir, LOCK_FILE);

/** A lock file as another process would leave it, refreshed `ageMs` ago. */
function foreignLock(holder: { pid: number; host?: string }, ageMs = 0): void {
  writeFileSync(lockFile(), JSON.stringify({ host: os.hostname(), since: new Date().toISOString(), token: 'theirs', ...holder }));
  const at = new Date(Date.now() - ageMs);
  utimesSync(lockFile(), at, at);
}

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('lockStateDir', () => {
  it('creates the folder and the lock, and release removes it', () => {
    const nested = path.join(dir, 'state', 'deeper');
    const lock = lockStateDir(nested);
    const file = path.join(nested, LOCK_FILE);
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a folder a live process holds, naming the folder and the pid', () => {
    foreignLock({ pid: process.ppid });
    expect(() => lockStateDir(dir)).toThrow(StateDirLockedError);
    expect(() => lockStateDir(dir)).toThrow(new RegExp(`STATE_DIR ${dir} .*pid ${process.ppid}`));
    expect(JSON.parse(readFileSync(lockFile(), 'utf8')).token).toBe('theirs');
  });

  it('refuses a fresh lock from another host, whose pid cannot be checked', () => {
    foreignLock({ pid: deadPid(), host: 'another-host' });
    expect(() => lockStateDir(dir)).toThrow(StateDirLockedError);
  });

  it.each([
    ['a process that is gone (kill -9)', () => foreignLock({ pid: deadPid() })],
    ['a live pid whose lock was not refreshed (a reused pid)', () => foreignLock({ pid: process.ppid }, LOCK_STALE_MS + 5_000)],
    ['another host that stopped refreshing it', () => foreignLock({ pid: 1, host: 'another-host' }, LOCK_STALE_MS + 5_000)],
    ['an empty lock (a crash before it was written)', () => writeFileSync(lockFile(), '')],
  ])('takes over the lock of %s', (_name, leave) => {
    leave();
    const lock = lockStateDir(dir);
    expect(JSON.parse(readFileSync(lockFile(), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('release leaves a lock that is no longer its own', () => {
    const lock = lockStateDir(dir);
    foreignLock({ pid: process.ppid });
    lock.release();
    expect(JSON.parse(readFileSync(lockFile(), 'utf8')).token).toBe('theirs');
  });
});
