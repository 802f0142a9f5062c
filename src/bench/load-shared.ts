// `npm run load:shared [-- --users N] [--seconds S] [--json FILE]`: the load test of running as
// a service. Virtual users hold real conversations: a question, the salary estimate (level, then
// market) and a follow-up question, each turn sent to the next instance in turn. Two ways in: POST
// /api/messages (expectReplies), and the web chat's Direct Line endpoint (the message posted to
// one instance, the answer polled from the next). Measured in the same run on two instances
// sharing one redis-server and on one instance with the file store. Every estimate must end with
// the heading its inputs imply, so lost or mixed-up state shows as wrong flows, not only as slow ones.
import { Agent, request } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadKnowledge, type KnowledgeBase } from '../knowledge/load';
import { integerOption, parseOrExplain } from '../lib/command-line';
import { repoRoot } from '../lib/paths';
import { fmtMs, summarize, table } from '../lib/stats';
import { writeJsonReport } from '../lib/write-json';
import { startServer, stopServer, type Started } from './proc';
import { startRedisServer } from './redis-server';

interface Options {
  users: number;
  seconds: number;
  json?: string;
}

interface Target {
  base: string;
  agent: Agent;
}

interface Tally {
  latenciesMs: number[];
  turns: number;
  flows: number;
  wrongFlows: number;
  failedTurns: number;
  examples: string[];
}

type Way = 'messages' | 'webchat';

interface Scenario {
  name: string;
  way: Way;
  instances: number;
  store: string;
  turnsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  turns: number;
  flows: number;
  wrongFlows: number;
  failedTurns: number;
  examples: string[];
}

const USAGE = 'usage: npm run load:shared -- [--users N] [--seconds S] [--json FILE]';
const entry = path.join(repoRoot, 'dist/src/index.js');
const QUESTIONS = ['how much do account managers earn?', 'what skills does an account manager need?', 'who do account managers report to?'];
const MARKETS = [
  { say: 'yes', where: 'whereMajor' },
  { say: 'no', where: 'whereOther' },
  { say: 'not sure', where: 'whereUnknown' },
] as const;

/** A JSON request on a keep-alive agent; status 0 when it could not be made. */
function call(target: Target, method: string, route: string, payload?: unknown, token?: string): Promise<{ status: number; raw: string }> {
  const body = payload === undefined ? '' : JSON.stringify(payload);
  const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
  if (token) headers.authorization = `Bearer ${token}`;
  return new Promise<{ status: number; raw: string }>((resolve, reject) => {
    const req = request(`${target.base}${route}`, { method, agent: target.agent, headers }, (res) => {
      let raw = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (raw += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, raw }));
    });
    req.on('error', reject);
    req.end(body);
  }).catch((err: unknown) => ({ status: 0, raw: err instanceof Error ? err.message : String(err) }));
}

/** Every text of activities: their own, and their cards' (the web chat shows answers as cards). */
function textsOf(activities: unknown[]): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'text' && typeof value === 'string') texts.push(value);
      else walk(value);
    }
  };
  walk(activities.filter((a) => (a as { type?: string }).type === 'message'));
  return texts.join('\n');
}

/** A conversation as a virtual user holds it: say a text to an instance, get the bot's texts back. */
type Say = (target: Target, text: string) => Promise<{ status: number; raw: string; texts?: string }>;

/** POST /api/messages with expectReplies: the replies come back in the response. */
function messagesConversation(conversation: string, user: string): Say {
  return async (target, text) => {
    const result = await call(target, 'POST', '/api/messages', {
      type: 'message',
      channelId: 'emulator',
      deliveryMode: 'expectReplies',
      serviceUrl: 'http://127.0.0.1:9/',
      conversation: { id: conversation },
      from: { id: user, name: 'Load' },
      recipient: { id: 'bot' },
      text,
    });
    if (result.status !== 200) return result;
    return { ...result, texts: textsOf((JSON.parse(result.raw) as { activities?: unknown[] }).activities ?? []) };
  };
}

/**
 * The web chat's Direct Line: a token from one instance, the message posted to `target` (its
 * response comes once the turn has run), and the answer polled from the instance after it.
 */
async function webchatConversation(targets: Target[], first: number): Promise<Say> {
  const generated = await call(targets[first % targets.length], 'POST', '/v3/directline/tokens/generate');
  if (generated.status !== 200) throw new Error(`tokens/generate answered ${generated.status}: ${generated.raw.slice(0, 120)}`);
  const { conversationId, token } = JSON.parse(generated.raw) as { conversationId: string; token: string };
  const route = `/v3/directline/conversations/${conversationId}/activities`;
  let watermark = '';
  return async (target, text) => {
    const posted = await call(target, 'POST', route, { type: 'message', text, from: { id: 'load' } }, token);
    if (posted.status !== 200) return posted;
    const other = targets[(targets.indexOf(target) + 1) % targets.length];
    const polled = await call(other, 'GET', `${route}${watermark ? `?watermark=${watermark}` : ''}`, undefined, token);
    if (polled.status !== 200) return polled;
    const page = JSON.parse(polled.raw) as { activities: { from: { role?: string }; replyToId?: string }[]; watermark: string };
    watermark = page.watermark;
    const { id } = JSON.parse(posted.raw) as { id: string };
    return { ...polled, texts: textsOf(page.activities.filter((a) => a.from.role === 'bot' && a.replyToId === id)) };
  };
}

/** One turn, timed and counted: the texts of the replies, or undefined when it failed. */
async function turn(say: Say, target: Target, text: string, tally: Tally): Promise<string | undefined> {
  const started = performance.now();
  const result = await say(target, text);
  tally.latenciesMs.push(performance.now() - started);
  tally.turns++;
  if (result.texts !== undefined) return result.texts;
  tally.failedTurns++;
  if (tally.examples.length < 5) tally.examples.push(`HTTP ${result.status} for "${text}": ${result.raw.slice(0, 120)}`);
  return undefined;
}

/** One virtual user: conversations one after another until the deadline, turns rotating over the targets. */
async function virtualUser(kb: KnowledgeBase, way: Way, targets: Target[], id: number, deadline: number, tally: Tally): Promise<void> {
  const flows = kb.flows.salaryEstimate;
  for (let round = 0; performance.now() < deadline; round++) {
    const band = kb.salary.bands[(id + round) % kb.salary.bands.length];
    const market = MARKETS[(id * 7 + round) % MARKETS.length];
    let next = id % targets.length;
    const conversation =
      way === 'messages' ? messagesConversation(`load-${id}-${round}`, `user-${id}-${round}`) : await webchatConversation(targets, next);
    const say = (text: string) => turn(conversation, targets[next++ % targets.length], text, tally);
    await say(QUESTIONS[round % QUESTIONS.length]);
    await say('estimate my salary');
    await say(band.label);
    const result = await say(market.say);
    tally.flows++;
    const heading = `Estimated pay, ${band.label}, ${flows[market.where]}`;
    if (!result?.includes(heading)) {
      tally.wrongFlows++;
      if (tally.examples.length < 5) tally.examples.push(`expected "${heading}", got: ${(result ?? '(failed)').slice(0, 160)}`);
    }
    await say('start over');
    await say(QUESTIONS[(round + 1) % QUESTIONS.length]);
  }
}

async function run(kb: KnowledgeBase, way: Way, name: string, store: string, servers: Started[], options: Options): Promise<Scenario> {
  const targets = servers.map((s) => ({ base: s.base, agent: new Agent({ keepAlive: true, maxSockets: options.users }) }));
  // A short warm-up on every instance, not counted.
  const warm: Tally = { latenciesMs: [], turns: 0, flows: 0, wrongFlows: 0, failedTurns: 0, examples: [] };
  await Promise.all(targets.map((_, i) => virtualUser(kb, way, targets, 10_000 + i, performance.now() + 1000, warm)));
  const tally: Tally = { latenciesMs: [], turns: 0, flows: 0, wrongFlows: 0, failedTurns: 0, examples: [] };
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  await Promise.all(Array.from({ length: options.users }, (_, id) => virtualUser(kb, way, targets, id, deadline, tally)));
  const elapsedSec = (performance.now() - started) / 1000;
  for (const target of targets) target.agent.destroy();
  const latency = summarize(tally.latenciesMs);
  return {
    name,
    way,
    instances: servers.length,
    store,
    turnsPerSecond: tally.turns / elapsedSec,
    p50Ms: latency.p50,
    p99Ms: latency.p99,
    turns: tally.turns,
    flows: tally.flows,
    wrongFlows: tally.wrongFlows,
    failedTurns: tally.failedTurns,
    examples: tally.examples,
  };
}

/** Every virtual user's conversations come from one address: the per-address web chat limits would refuse them. */
const LOAD_LIMITS = {
  DIRECT_LINE_MAX_CONVERSATIONS: '100000',
  DIRECT_LINE_MAX_CONVERSATIONS_PER_ADDRESS: '100000',
  DIRECT_LINE_NEW_CONVERSATIONS_PER_MINUTE: '100000',
};
const WAYS: Way[] = ['messages', 'webchat'];
const WAY_NAMES: Record<Way, string> = { messages: '/api/messages', webchat: 'web chat (Direct Line)' };

const bot = (env: Record<string, string>) =>
  startServer({ args: [entry], cwd: repoRoot, env: { LOG_LEVEL: 'warn', ...LOAD_LIMITS, ...env } });

/** Runs both ways in on the servers `start` starts, then stops them. */
async function runSetup(
  kb: KnowledgeBase,
  setup: string,
  store: string,
  start: () => Promise<Started[]>,
  options: Options,
): Promise<Scenario[]> {
  const servers = await start();
  try {
    const scenarios: Scenario[] = [];
    for (const way of WAYS) scenarios.push(await run(kb, way, `${setup}, ${WAY_NAMES[way]}`, store, servers, options));
    return scenarios;
  } finally {
    await Promise.all(servers.map((s) => stopServer(s)));
  }
}

async function main(): Promise<void> {
  const { values } = parseOrExplain(
    () => parseArgs({ options: { users: { type: 'string' }, seconds: { type: 'string' }, json: { type: 'string' } } }),
    USAGE,
  );
  const options: Options = {
    users: integerOption('users', values.users, 1, 32),
    seconds: integerOption('seconds', values.seconds, 1, 10),
    json: values.json,
  };
  const kb = loadKnowledge();
  const scenarios: Scenario[] = [];
  const redis = await startRedisServer();
  try {
    const env = { STATE_STORE: 'redis', REDIS_URL: redis.url };
    scenarios.push(...(await runSetup(kb, 'two instances, one Redis', 'redis', () => Promise.all([bot(env), bot(env)]), options)));
  } finally {
    await redis.dispose();
  }
  scenarios.push(...(await runSetup(kb, 'one instance, file store', 'file', async () => [await bot({ STATE_STORE: 'file' })], options)));
  report(scenarios, options);
  if (options.json) writeJsonReport(options.json, { options, scenarios });
  if (scenarios.some((s) => s.wrongFlows || s.failedTurns)) process.exitCode = 1;
}

function report(scenarios: Scenario[], options: Options): void {
  console.log(
    `${options.users} virtual users, ${options.seconds} s per scenario; a conversation is 7 turns (3 questions, a 3-step estimate, start over)\n`,
  );
  const rows = scenarios.map((s) => [
    s.name,
    `${s.turnsPerSecond.toFixed(0)}/s`,
    fmtMs(s.p50Ms),
    fmtMs(s.p99Ms),
    String(s.flows),
    String(s.wrongFlows),
    String(s.failedTurns),
  ]);
  console.log(table(['scenario', 'turns', 'p50', 'p99', 'estimates', 'wrong', 'failed turns'], rows));
  for (const way of WAYS) {
    const [shared, file] = ['redis', 'file'].map((store) => scenarios.find((s) => s.way === way && s.store === store));
    if (shared && file) {
      console.log(
        `\nthroughput, ${WAY_NAMES[way]}, two on Redis / one on files: ${(shared.turnsPerSecond / file.turnsPerSecond).toFixed(2)}`,
      );
    }
  }
  for (const s of scenarios) for (const example of s.examples) console.log(`  ${s.name}: ${example}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 2;
});
