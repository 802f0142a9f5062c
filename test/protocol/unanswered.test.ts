// Learning from traffic over HTTP on the real server with the file store: a declined question is
// counted in /metrics and kept in STATE_DIR's questions.sqlite, where `npm run report:unanswered`
// (the built CLI, as a separate process) finds it; "forget me" deletes the person's questions; a
// corrupt question log does not stop the bot from starting and answering.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUESTION_LOG_FILE } from '../../src/learning/sqlite-log';
import { getJson, say, startBot, type Running } from '../support/bot';
import { useTempDirs } from '../support/temp-dirs';

const report = path.resolve(__dirname, '../../dist/src/cli/report-unanswered.js');
const tempDir = useTempDirs('faq-unanswered-');

async function runReport(env: Record<string, string>, ...args: string[]) {
  if (!existsSync(report)) throw new Error(`${report} is missing: run "npm run build" first`);
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [report, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      cwd: tempDir(),
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function metric(url: string, key: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${key} `));
  return line ? Number(line.slice(key.length + 1)) : 0;
}

const from = (id: string) => ({ from: { id, name: 'Visitor' } });

describe('the record of unanswered questions', () => {
  let bot: Running;
  let env: Record<string, string>;
  beforeAll(async () => {
    env = { STATE_STORE: 'file', STATE_DIR: path.join(tempDir(), 'state') };
    bot = await startBot(env);
  });
  afterAll(() => bot.stop());

  it('counts a declined question in /metrics and lists it, grouped, in the report', async () => {
    const fallbacks = 'faq_decisions_total{kind="fallback",channel="emulator"}';
    const before = await metric(bot.url, fallbacks);
    const declined = await say(bot.url, 'What is a fair salary for a dental hygienist?', from('visitor-a'));
    expect(declined.traces[0].value.kind).toBe('fallback');
    await say(bot.url, 'dental hygienist salary', from('visitor-b'));
    await say(bot.url, 'how much does an account manager earn?', from('visitor-a'));
    expect(await metric(bot.url, fallbacks)).toBe(before + 2);

    // Kept questions are written in batches every two seconds: wait for this instance's writes.
    await bot.app.recorder!.settled();
    const json = await runReport(env, '--json');
    expect(json.code).toBe(0);
    const groups = JSON.parse(json.stdout);
    const dental = groups.find((g: { examples: string[] }) => g.examples.includes('What is a fair salary for a dental hygienist?'));
    expect(dental).toMatchObject({ count: 2, reasons: { fallback: 2 }, channels: ['emulator'] });
    expect(dental.closest.id).toEqual(expect.any(String));
    expect(JSON.stringify(groups)).not.toContain('how much does an account manager earn');
    expect(JSON.stringify(groups)).not.toContain('visitor-a');

    const text = await runReport(env, '--days', '7');
    expect(text.stdout).toMatch(/2 x {2}"(What is a fair salary for a dental hygienist\?|dental hygienist salary)"/);
    expect(text.stdout).toContain('closest: ');
  });

  it('keeps questions from /api/ask, and explains a bad option', async () => {
    expect((await getJson(bot.url, '/api/ask?q=is+plumbing+a+good+trade')).body.kind).toBe('fallback');
    await bot.app.recorder!.settled();
    const groups = JSON.parse((await runReport(env, '--json')).stdout);
    expect(groups.find((g: { examples: string[] }) => g.examples.includes('is plumbing a good trade'))?.channels).toEqual(['api']);
    const bad = await runReport(env, '--days', 'soon');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--days must be an integer');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('"forget me" deletes the questions that person asked, and only theirs', async () => {
    await say(bot.url, 'should I learn the bagpipes?', from('visitor-c'));
    await say(bot.url, 'should I learn the bagpipes or the violin?', from('visitor-d'));
    const forgot = await say(bot.url, 'forget me', from('visitor-c'));
    expect(forgot.messages.map((m) => m.text).join(' ')).toContain('questions of yours');
    await bot.app.recorder!.settled();
    const groups = JSON.parse((await runReport(env, '--json')).stdout);
    const bagpipes = groups.find((g: { examples: string[] }) => g.examples.some((e) => e.includes('bagpipes')));
    expect(bagpipes).toMatchObject({ count: 1, examples: ['should I learn the bagpipes or the violin?'] });
  });
});

describe('a question log that cannot be used', () => {
  it('does not stop the bot from starting and answering; /metrics and the report say so', async () => {
    const stateDir = path.join(tempDir(), 'state');
    mkdirSync(stateDir);
    writeFileSync(path.join(stateDir, QUESTION_LOG_FILE), 'not a database, '.repeat(500));
    const env = { STATE_STORE: 'file', STATE_DIR: stateDir };
    const bot = await startBot(env);
    try {
      const declined = await say(bot.url, 'is plumbing a good trade?');
      expect(declined.messages.length).toBeGreaterThan(0);
      const answered = await say(bot.url, 'how much does an account manager earn?');
      expect(answered.traces[0].value.kind).toBe('answer');
      expect(await metric(bot.url, 'question_log_errors_total')).toBeGreaterThanOrEqual(1);
    } finally {
      await bot.stop();
    }
    const broken = await runReport(env);
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toMatch(/not a database/i);
    expect(broken.stderr).not.toMatch(/\n\s+at /);
  });

  it('says there is nothing to read with the memory store', async () => {
    const memory = await runReport({ STATE_STORE: 'memory' });
    expect(memory.code).toBe(1);
    expect(memory.stderr).toContain('nothing to read');
  });
});
