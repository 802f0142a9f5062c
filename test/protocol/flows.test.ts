// Guided flows over HTTP against the real server: a flow spans several requests, each answered in
// its own response (expectReplies), and survives a restart of the server in the middle.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, stopServer } from '../../src/bench/proc';
import { loadKnowledge } from '../../src/knowledge/load';
import { activity, post, useBot } from '../support/bot';

const kb = loadKnowledge();
const root = path.resolve(__dirname, '../..');

/** Posts one message of a fixed conversation and user; returns the message texts and the trace kind. */
async function turn(url: string, text: string, conversation: string, channelId = 'emulator') {
  const res = await post(
    url,
    activity({ text, channelId, conversation: { id: conversation }, from: { id: `user-${conversation}`, name: 'User', role: 'user' } }),
  );
  expect(res.status, res.raw).toBe(200);
  const activities = res.body.activities as any[];
  return {
    all: activities
      .filter((a) => a.type === 'message')
      .map((a) => a.text ?? '')
      .join('\n\n'),
    kind: activities.find((a) => a.type === 'trace' && a.name === 'FaqMatch')?.value?.kind as string | undefined,
    buttons: (activities.filter((a) => a.type === 'message').pop()?.suggestedActions?.actions ?? []).map((a: any) => a.title),
  };
}

describe('a flow across requests to the real server', () => {
  const bot = useBot();

  it('runs the salary estimate over three requests, with the dialog trace on each', async () => {
    let t = await turn(bot.url, 'estimate my salary', 'http-salary');
    expect(t.kind).toBe('dialog');
    expect(t.all).toContain(kb.flows.salaryEstimate.askLevel);
    expect(t.buttons).toEqual(kb.salary.bands.map((b) => b.label));
    t = await turn(bot.url, 'Mid-level', 'http-salary');
    expect(t.kind).toBe('dialog');
    t = await turn(bot.url, 'not sure', 'http-salary');
    expect(t.kind).toBe('dialog');
    expect(t.all).toContain(kb.salary.bands.find((b) => b.id === 'mid')!.label);
    // Another conversation is not affected.
    const other = await turn(bot.url, 'Mid-level', 'http-other');
    expect(other.kind).not.toBe('dialog');
  });
});

describe('a restart in the middle of a flow', () => {
  let stateDir: string;
  beforeAll(() => {
    stateDir = mkdtempSync(path.join(tmpdir(), 'faq-restart-'));
  });
  afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

  it('continues the conversation where it was after the server restarts', async () => {
    const start = () =>
      startServer({ args: [path.join(root, 'dist/src/index.js')], cwd: root, env: { STATE_DIR: stateDir, LOG_LEVEL: 'silent' } });
    const categories = kb.skills.categories;
    let server = await start();
    try {
      let t = await turn(server.base, 'check my skills', 'restart-1', 'webchat');
      expect(t.all).toContain(categories[0].summary);
      t = await turn(server.base, '4', 'restart-1', 'webchat');
      expect(t.all).toContain(categories[1].summary);
    } finally {
      await stopServer(server);
    }
    server = await start();
    try {
      let t = await turn(server.base, 'pretty good', 'restart-1', 'webchat');
      expect(t.all).toContain(categories[2].summary);
      for (const reply of ['3', '2']) t = await turn(server.base, reply, 'restart-1', 'webchat');
      t = await turn(server.base, 'skip', 'restart-1', 'webchat');
      expect(t.buttons).toContain(kb.flows.skillsCheck.afterChoices.done);
    } finally {
      await stopServer(server);
    }
  });
});
