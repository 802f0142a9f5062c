// The state folder belongs to one running bot: a second instance on the same STATE_DIR refuses
// to start, naming it (the file store is not shared between processes; Redis comes for that), a
// restart after kill -9 is not blocked by the dead process's lock, and start-up sweeps the temp
// files a killed write left behind. Real processes: dist/src/index.js, as `npm start` runs it.
import { existsSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startServer, stopServer, type Started } from '../../src/bench/proc';
import { loadKnowledge } from '../../src/knowledge/load';
import { activity, post } from '../support/bot';

const root = path.resolve(__dirname, '../..');
const entry = path.join(root, 'dist/src/index.js');
const kb = loadKnowledge();

const dirs: string[] = [];
const servers: Started[] = [];
beforeAll(() => {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" (npm test does) first`);
});
afterEach(async () => {
  for (const s of servers.splice(0)) await stopServer(s);
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function stateDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'faq-state-dir-'));
  dirs.push(dir);
  return dir;
}

/** Starts the bot on `dir`; resolves with the server, or with the output of a process that exited. */
async function start(dir: string): Promise<Started | { exited: string }> {
  try {
    const s = await startServer({ args: [entry], cwd: root, env: { STATE_DIR: dir, LOG_LEVEL: 'info' }, timeoutMs: 20_000 });
    servers.push(s);
    return s;
  } catch (err) {
    return { exited: err instanceof Error ? err.message : String(err) };
  }
}

function started(s: Started | { exited: string }): Started {
  if ('exited' in s) throw new Error(`the bot did not start:\n${s.exited}`);
  return s;
}

async function say(base: string, text: string) {
  const res = await post(
    base,
    activity({ text, channelId: 'webchat', conversation: { id: 'shared-dir' }, from: { id: 'user-shared', name: 'U', role: 'user' } }),
  );
  expect(res.status, res.raw).toBe(200);
  return (res.body.activities as any[]).map((a) => a.text ?? '').join('\n');
}

describe('one bot per STATE_DIR', () => {
  it('refuses a second instance on the same folder, naming STATE_DIR; the first keeps serving', async () => {
    const dir = stateDir();
    const first = started(await start(dir));
    expect(await say(first.base, 'check my skills')).toContain(kb.skills.categories[0].summary);

    const second = await start(dir);
    expect('exited' in second, 'a second instance started on the same STATE_DIR').toBe(true);
    const output = (second as { exited: string }).exited;
    expect(output).toContain(`STATE_DIR ${dir}`);
    expect(output).toMatch(/in use by another instance/);
    expect(output).not.toMatch(/at .*\.js:\d+/);

    // The first instance is untouched and its flow goes on.
    expect(await say(first.base, '4')).toContain(kb.skills.categories[1].summary);
  });

  it('starts again right after a kill -9 (the dead process does not hold the folder), continuing the flow', async () => {
    const dir = stateDir();
    const first = started(await start(dir));
    await say(first.base, 'check my skills');
    const gone = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await gone;
    const again = started(await start(dir));
    expect(await say(again.base, '4')).toContain(kb.skills.categories[1].summary);
  });
});

describe('start-up', () => {
  it('sweeps every temp file a killed write left behind before it listens, however fresh', async () => {
    const dir = stateDir();
    // Writes cut short by a kill -9, one long ago and one just before the restart. The new
    // process holds the folder's lock, so no write of anyone else's can be in progress.
    const old = path.join(dir, `${'a'.repeat(64)}.json.1111.tmp`);
    const fresh = path.join(dir, `${'b'.repeat(64)}.json.2222.tmp`);
    writeFileSync(old, '{"key":');
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000);
    utimesSync(old, fiveMinutesAgo, fiveMinutesAgo);
    writeFileSync(fresh, '{"key":');

    started(await start(dir));
    expect(existsSync(old), 'an old temp file survived the start-up').toBe(false);
    expect(existsSync(fresh), 'a fresh temp file survived the start-up').toBe(false);
  });
});
