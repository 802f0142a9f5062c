// The compiled entry point (what `npm start` runs): it starts with no .env and no cloud account,
// answers, shuts down cleanly on SIGTERM, and refuses to start with a broken knowledge base,
// naming the file and the line. Runs dist/src/index.js, so `npm test` builds first.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activity } from '../support/bot';

const root = path.resolve(__dirname, '../..');
const entry = path.join(root, 'dist/src/index.js');
let work: string;

beforeAll(() => {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" (npm test does) first`);
  work = mkdtempSync(path.join(tmpdir(), 'faq-bot-startup-'));
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The environment of a fresh machine: no bot settings at all (a developer's own are dropped),
 * except that the state store goes to the test's folder rather than the repository's data/. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of ['PATH', 'HOME', 'SYSTEMROOT', 'TMPDIR']) if (process.env[key]) env[key] = process.env[key];
  return { ...env, STATE_DIR: path.join(work, 'state'), ...extra };
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function run(env: Record<string, string>, onStdout?: (all: string, child: ReturnType<typeof spawn>) => void): Promise<Exit> {
  return new Promise((resolve, reject) => {
    // cwd is an empty folder, so no .env file is picked up.
    const child = spawn(process.execPath, [entry], { cwd: work, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, 15_000);
    child.stdout.on('data', (d) => {
      stdout += d;
      onStdout?.(stdout, child);
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** A copy of the real knowledge base with one deliberate problem. */
function brokenCopy(name: string, file: string, edit: (text: string) => string): string {
  const dir = path.join(work, name);
  cpSync(path.join(root, 'knowledge'), dir, { recursive: true });
  const target = path.join(dir, file);
  const before = readFileSync(target, 'utf8');
  const after = edit(before);
  expect(after).not.toBe(before);
  writeFileSync(target, after);
  return dir;
}

describe('npm start (dist/src/index.js)', () => {
  it('starts with embedded defaults, answers, and stops cleanly on SIGTERM', async () => {
    let checked: Promise<void> | undefined;
    const result = await run({ PORT: '0', HOST: '127.0.0.1' }, (all, child) => {
      const match = /listening on (http:\/\/[^"\s]+)/.exec(all);
      if (!match || checked) return;
      const url = match[1];
      checked = (async () => {
        try {
          const health = await fetch(`${url}/healthz`);
          expect(health.status).toBe(200);
          expect((await health.json()).status).toBe('ok');
          const res = await fetch(`${url}/api/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(activity({ text: 'hello' })),
          });
          expect(res.status).toBe(200);
          const body = await res.json();
          expect(body.activities.some((a: any) => a.type === 'message' && a.text)).toBe(true);
        } finally {
          child.kill('SIGTERM');
        }
      })();
    });
    expect(checked, `never logged a listening line:\n${result.stdout}\n${result.stderr}`).toBeDefined();
    await checked;
    expect(result.code, result.stderr).toBe(0);
    // Logs are JSON lines and never include a secret or a password field.
    const lines = result.stdout
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect(result.stdout).toContain('"auth":"off');
    expect(result.stdout.toLowerCase()).not.toContain('password');
    // Piped, as here, stderr is no terminal: no banner for people, only the JSON lines.
    expect(result.stderr).not.toContain('Careers page with the chat');
  });

  it('refuses to start on a YAML syntax error, naming the file and the line', async () => {
    const dir = brokenCopy('kb-broken-syntax', 'messages.yaml', (t) => `${t.trimEnd()}\nbroken: [unclosed, list\n`);
    const lineCount = readFileSync(path.join(dir, 'messages.yaml'), 'utf8').trimEnd().split('\n').length;
    const result = await run({ PORT: '0', HOST: '127.0.0.1', KNOWLEDGE_DIR: dir });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toMatch(/messages\.yaml:\d+/);
    const line = Number(/messages\.yaml:(\d+)/.exec(result.stderr)![1]);
    expect(line).toBeGreaterThanOrEqual(lineCount - 1);
    expect(result.stdout).not.toContain('listening');
  });

  it('refuses to start with an unknown follow-up id, naming the file, the line and the field', async () => {
    const file = path.join('entries', 'role.yaml');
    const dir = brokenCopy('kb-broken-startup', file, (t) => t.replace(/(\n\s+followUps:\n)(\s+- )/, '$1$2no-such-entry\n$2'));
    const text = readFileSync(path.join(dir, file), 'utf8').split('\n');
    const badLine = text.findIndex((l) => l.includes('no-such-entry')) + 1;
    const result = await run({ PORT: '0', HOST: '127.0.0.1', KNOWLEDGE_DIR: dir });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    expect(result.stderr).toContain(`role.yaml:${badLine}`);
    expect(result.stderr).toContain('followUps');
    expect(result.stderr).toContain('no-such-entry');
    expect(result.stdout).not.toContain('listening');
  });

  it('refuses to start with an invalid setting, naming it', async () => {
    const result = await run({ PORT: 'not-a-port' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('PORT');
  });
});
