// STATE_STORE=redis against a real redis-server the test starts itself: the Storage semantics of
// RedisStorage, the question log in Redis, two bot instances on one Redis (a flow whose turns
// alternate between them, follow-ups and Slack's numbers read on the other instance, one rate
// limit for both, a declined question reported from either), and Redis going down and coming
// back while the bots run.
import { Redis } from 'ioredis';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/load';
import { TOKEN_ATTEMPTS_PER_MINUTE } from '../../src/admin/routes';
import { RedisQuestionLog } from '../../src/learning/redis-log';
import { StorageConflictError } from '../../src/storage/file-storage';
import { RedisStorage } from '../../src/storage/redis-storage';
import { activity, getJson, post, startBot, type Running } from '../support/bot';
import { sample } from '../support/metrics';
import { questionLogContract } from '../support/question-log-contract';
import { startRedisServer, type RedisServer } from '../../src/bench/redis-server';

const kb = loadKnowledge();
const report = path.resolve(__dirname, '../../dist/src/cli/report-unanswered.js');

let redis: RedisServer;
let client: Redis;
let prefixes = 0;
beforeAll(async () => {
  redis = await startRedisServer();
  client = new Redis(redis.url, { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  client?.disconnect();
  await redis?.dispose();
});

describe('RedisStorage', () => {
  const storage = () => new RedisStorage(client, { prefix: `t${++prefixes}:state:`, ttlSeconds: 3600 });

  it('reads back copies of what it wrote, under a new eTag, with a TTL, and deletes', async () => {
    const store = storage();
    const item = { step: 1, nested: { n: 1 } };
    await store.write({ 'conv/1': item, 'user/1': { name: 'x' } });
    const read = await store.read(['conv/1', 'user/1', 'missing']);
    expect(Object.keys(read).sort()).toEqual(['conv/1', 'user/1']);
    expect(read['conv/1']).toMatchObject(item);
    expect(read['conv/1'].eTag).toEqual(expect.any(String));
    read['conv/1'].nested.n = 2;
    expect((await store.read(['conv/1']))['conv/1'].nested.n).toBe(1);
    const ttl = await client.ttl(`t${prefixes}:state:conv/1`);
    expect(ttl).toBeGreaterThan(3500);
    await store.delete(['conv/1', 'never-written']);
    expect(await store.read(['conv/1'])).toEqual({});
  });

  it('refuses a stale eTag for its own key only; "*" and no eTag overwrite', async () => {
    const store = storage();
    await store.write({ a: { v: 1 }, b: { v: 1 } });
    const { a, b } = await store.read(['a', 'b']);
    await store.write({ a: { ...a, v: 2 } });
    await expect(store.write({ a: { ...a, v: 3 }, b: { ...b, v: 3 } })).rejects.toBeInstanceOf(StorageConflictError);
    const after = await store.read(['a', 'b']);
    expect([after.a.v, after.b.v]).toEqual([2, 3]);
    await store.write({ a: { v: 4, eTag: '*' } });
    await store.write({ a: { v: 5 } });
    expect((await store.read(['a'])).a.v).toBe(5);
  });

  it('skips a value that is not an item, and refuses bad keys and oversized items', async () => {
    const store = storage();
    await client.set(`t${prefixes}:state:broken`, '{not json');
    expect(await store.read(['broken'])).toEqual({});
    await expect(store.read([''])).rejects.toThrow(TypeError);
    await expect(store.write({ big: { text: 'x'.repeat(300 * 1024) } })).rejects.toThrow(/too large/);
  });
});

describe('RedisQuestionLog', () => {
  questionLogContract(async () => new RedisQuestionLog(client, `t${++prefixes}:`, 90));

  it('shares one salt between instances', async () => {
    const prefix = `t${++prefixes}:`;
    const salts = await Promise.all([new RedisQuestionLog(client, prefix, 90).salt(), new RedisQuestionLog(client, prefix, 90).salt()]);
    expect(salts[0]).toBe(salts[1]);
  });
});

/** One message of a fixed conversation and user; the message texts, the trace kind and the best entry. */
async function turn(url: string, text: string, conversation: string, channelId = 'emulator') {
  const res = await post(
    url,
    activity({ text, channelId, conversation: { id: conversation }, from: { id: `user-${conversation}`, name: 'User' } }),
  );
  expect(res.status, res.raw).toBe(200);
  const activities = res.body.activities as {
    type: string;
    text?: string;
    name?: string;
    value?: { kind: string; top: { id: string }[] };
  }[];
  const trace = activities.find((a) => a.type === 'trace' && a.name === 'FaqMatch')?.value;
  return {
    all: activities
      .filter((a) => a.type === 'message')
      .map((a) => a.text ?? '')
      .join('\n\n'),
    kind: trace?.kind,
    best: trace?.top[0]?.id,
  };
}

describe('two instances on one Redis', () => {
  let one: Running;
  let two: Running;
  let env: Record<string, string>;
  beforeAll(async () => {
    env = {
      STATE_STORE: 'redis',
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: `bots${++prefixes}:`,
      ASK_REQUESTS_PER_MINUTE: '4',
      ADMIN_TOKEN: 'a-shared-admin-token-for-two-instances',
    };
    [one, two] = await Promise.all([startBot(env), startBot(env)]);
  });
  afterAll(async () => {
    await Promise.all([one?.stop(), two?.stop()]);
  });

  it('runs a flow whose turns alternate between the instances', async () => {
    let t = await turn(one.url, 'estimate my salary', 'two-instances');
    expect(t.all).toContain(kb.flows.salaryEstimate.askLevel);
    t = await turn(two.url, 'Mid-level', 'two-instances');
    expect(t.kind).toBe('dialog');
    t = await turn(one.url, 'not sure', 'two-instances');
    expect(t.kind).toBe('dialog');
    expect(t.all).toContain(kb.salary.bands.find((b) => b.id === 'mid')!.label);
  });

  it("counts a client's /api/ask questions across both instances", async () => {
    const statuses: number[] = [];
    for (const url of [one.url, two.url, one.url, two.url, one.url]) {
      statuses.push((await getJson(url, '/api/ask?q=what+does+an+account+manager+do')).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });

  it('counts tries at the analytics token across both instances', async () => {
    const attempt = (url: string) => fetch(`${url}/admin`, { headers: { Authorization: 'Bearer not-the-token' } });
    const statuses: number[] = [];
    for (let i = 0; i < TOKEN_ATTEMPTS_PER_MINUTE + 1; i++) statuses.push((await attempt(i % 2 ? two.url : one.url)).status);
    expect(statuses.slice(0, -1).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('reads a follow-up in the context of an answer the other instance gave', async () => {
    expect((await turn(one.url, 'how much do account managers earn?', 'follow-up')).kind).toBe('answer');
    const t = await turn(two.url, 'and for seniors?', 'follow-up');
    expect([t.kind, t.best]).toEqual(['answer', 'salary-senior']);
  });

  it("picks Slack's numbered option offered by the other instance", async () => {
    const offered = await turn(one.url, 'how much do account managers earn?', 'slack-numbers', 'slack');
    const second = offered.all
      .split('\n')
      .filter((line) => /^\d+\. /.test(line))[1]
      ?.replace(/^\d+\. /, '');
    expect(second).toEqual(expect.any(String));
    const picked = await turn(two.url, '2', 'slack-numbers', 'slack');
    // Slack gets no trace: the answer's opening words show which entry answered.
    const expected = one.app.faq.ask(second!);
    expect(expected.kind).toBe('answer');
    expect(picked.all).toContain(expected.answer!.text.split('\n')[0].slice(0, 40));
  });

  it('reports a question declined on either instance, counts it in that one’s /metrics, and reads ready', async () => {
    const fallbacks = 'faq_decisions_total{kind="fallback",channel="emulator"}';
    const before = await Promise.all([sample(one.url, fallbacks), sample(two.url, fallbacks)]);
    expect((await turn(two.url, 'what is a fair salary for a dental hygienist?', 'declined-two')).kind).toBe('fallback');
    expect((await turn(one.url, 'dental hygienist salary', 'declined-one')).kind).toBe('fallback');
    expect([await sample(one.url, fallbacks), await sample(two.url, fallbacks)]).toEqual([before[0] + 1, before[1] + 1]);
    await Promise.all([one.app.recorder?.settled(), two.app.recorder?.settled()]);
    const { stdout } = await promisify(execFile)(process.execPath, [report, '--json'], { env: { PATH: process.env.PATH ?? '', ...env } });
    const groups = JSON.parse(stdout) as { count: number; examples: string[] }[];
    expect(groups.find((g) => g.examples.includes('dental hygienist salary'))?.count).toBe(2);
    expect((await getJson(two.url, '/readyz')).body).toMatchObject({ status: 'ready', store: { kind: 'redis', ok: true } });
  });

  it('answers while Redis is down, says once that a flow could not be saved, and recovers by itself', async () => {
    await redis.stop();
    try {
      const answered = await turn(one.url, 'how much does an account manager earn?', 'outage');
      expect(answered.kind).toBe('answer');
      // The shared limit is counted in this instance's memory meanwhile.
      expect((await getJson(two.url, '/api/ask?q=what+does+an+account+manager+do')).status).toBe(200);
      expect((await getJson(one.url, '/readyz')).status).toBe(503);
      const started = await turn(two.url, 'estimate my salary', 'outage-flow');
      expect(started.all).toContain(kb.flows.salaryEstimate.askLevel);
      expect(started.all).toContain(kb.flows.copy.stateTrouble);
      const next = await turn(two.url, 'Mid-level', 'outage-flow');
      expect(next.all).not.toContain(kb.flows.copy.stateTrouble);
    } finally {
      await redis.start();
    }
    for (const bot of [one, two]) await waitUntilReady(bot.url);
    let t = await turn(two.url, 'estimate my salary', 'after-outage');
    expect(t.all).not.toContain(kb.flows.copy.stateTrouble);
    t = await turn(one.url, 'Mid-level', 'after-outage');
    t = await turn(two.url, 'not sure', 'after-outage');
    expect(t.all).toContain(kb.salary.bands.find((b) => b.id === 'mid')!.label);
  });
});

async function waitUntilReady(url: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if ((await getJson(url, '/readyz')).status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become ready after Redis came back`);
}
