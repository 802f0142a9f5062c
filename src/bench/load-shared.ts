// `npm run load:shared [-- --users N] [--seconds S] [--json FILE]`: the load test of running as
// a service. Virtual users hold real conversations over POST /api/messages (expectReplies): a
// question, the salary estimate (level, then market) and a follow-up question, each turn sent to
// the next instance in turn. Measured in the same run on two instances sharing one redis-server
// and on one instance with the file store. Every estimate must end with the heading its inputs
// imply, so lost or mixed-up state shows as wrong flows, not only as slow ones.
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

interface Scenario {
  name: string;
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

/** One turn: the texts of the replies, or why it failed. */
async function turn(target: Target, conversation: string, user: string, text: string, tally: Tally): Promise<string | undefined> {
  const body = JSON.stringify({
    type: 'message',
    channelId: 'emulator',
    deliveryMode: 'expectReplies',
    serviceUrl: 'http://127.0.0.1:9/',
    conversation: { id: conversation },
    from: { id: user, name: 'Load' },
    recipient: { id: 'bot' },
    text,
  });
  const started = performance.now();
  const result = await new Promise<{ status: number; raw: string }>((resolve, reject) => {
    const req = request(
      `${target.base}/api/messages`,
      { method: 'POST', agent: target.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let raw = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (raw += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, raw }));
      },
    );
    req.on('error', reject);
    req.end(body);
  }).catch((err: unknown) => ({ status: 0, raw: err instanceof Error ? err.message : String(err) }));
  tally.latenciesMs.push(performance.now() - started);
  tally.turns++;
  if (result.status !== 200) {
    tally.failedTurns++;
    if (tally.examples.length < 5) tally.examples.push(`HTTP ${result.status} for "${text}": ${result.raw.slice(0, 120)}`);
    return undefined;
  }
  const activities = (JSON.parse(result.raw) as { activities?: { type: string; text?: string }[] }).activities ?? [];
  return activities
    .filter((a) => a.type === 'message')
    .map((a) => a.text ?? '')
    .join('\n');
}

/** One virtual user: conversations one after another until the deadline, turns rotating over the targets. */
async function virtualUser(kb: KnowledgeBase, targets: Target[], id: number, deadline: number, tally: Tally): Promise<void> {
  const flows = kb.flows.salaryEstimate;
  for (let round = 0; performance.now() < deadline; round++) {
    const conversation = `load-${id}-${round}`;
    const user = `user-${id}-${round}`;
    const band = kb.salary.bands[(id + round) % kb.salary.bands.length];
    const market = MARKETS[(id * 7 + round) % MARKETS.length];
    let next = id % targets.length;
    const say = (text: string) => turn(targets[next++ % targets.length], conversation, user, text, tally);
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

async function run(kb: KnowledgeBase, name: string, store: string, servers: Started[], options: Options): Promise<Scenario> {
  const targets = servers.map((s) => ({ base: s.base, agent: new Agent({ keepAlive: true, maxSockets: options.users }) }));
  // A short warm-up on every instance, not counted.
  const warm: Tally = { latenciesMs: [], turns: 0, flows: 0, wrongFlows: 0, failedTurns: 0, examples: [] };
  await Promise.all(targets.map((_, i) => virtualUser(kb, targets, 10_000 + i, performance.now() + 1000, warm)));
  const tally: Tally = { latenciesMs: [], turns: 0, flows: 0, wrongFlows: 0, failedTurns: 0, examples: [] };
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  await Promise.all(Array.from({ length: options.users }, (_, id) => virtualUser(kb, targets, id, deadline, tally)));
  const elapsedSec = (performance.now() - started) / 1000;
  for (const target of targets) target.agent.destroy();
  const latency = summarize(tally.latenciesMs);
  return {
    name,
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

const bot = (env: Record<string, string>) => startServer({ args: [entry], cwd: repoRoot, env: { LOG_LEVEL: 'warn', ...env } });

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
    const pair = await Promise.all([bot(env), bot(env)]);
    try {
      scenarios.push(await run(kb, 'two instances, one Redis, turns alternating', 'redis', pair, options));
    } finally {
      await Promise.all(pair.map((s) => stopServer(s)));
    }
  } finally {
    await redis.dispose();
  }
  const single = await bot({ STATE_STORE: 'file' });
  try {
    scenarios.push(await run(kb, 'one instance, file store', 'file', [single], options));
  } finally {
    await stopServer(single);
  }
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
  const [shared, file] = scenarios;
  if (shared && file) console.log(`\nthroughput, two on Redis / one on files: ${(shared.turnsPerSecond / file.turnsPerSecond).toFixed(2)}`);
  for (const s of scenarios) for (const example of s.examples) console.log(`  ${s.store}: ${example}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 2;
});
