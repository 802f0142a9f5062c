// `npm run report:unanswered [-- --days N] [--json]`: the questions the bot declined, asked back
// about, or answered with a close runner-up, similar ones grouped, most frequent first, each with
// the entry it came closest to, so an editor knows which alternate or entry to add. It reads the
// record the bot keeps with its state (STATE_STORE with STATE_DIR or REDIS_URL, as the bot is configured).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, loadDotEnv, type Config } from '../config';
import { redactedUrl } from '../lib/redacted-url';
import { loadKnowledge } from '../knowledge/load';
import { integerOption, parseOrExplain } from '../lib/command-line';
import { titledGroups, type TitledGroup } from '../learning/group';
import type { QuestionLog } from '../learning/records';
import { RedisQuestionLog } from '../learning/redis-log';
import { QUESTION_LOG_FILE, SqliteQuestionLog } from '../learning/sqlite-log';
import { closeRedis, connectRedis } from '../storage/redis-client';

const USAGE = 'usage: npm run report:unanswered -- [--days N] [--json]';
const DAY_MS = 24 * 60 * 60 * 1000;

async function main(): Promise<number> {
  const { values } = parseOrExplain(
    () => parseArgs({ options: { days: { type: 'string' }, json: { type: 'boolean', default: false } } }),
    USAGE,
  );
  const days = integerOption('days', values.days, 1);
  loadDotEnv();
  const config = loadConfig();
  const opened = await openLog(config);
  if (typeof opened === 'string') {
    console.error(opened);
    return config.stateStore === 'memory' ? 1 : values.json ? emit([], true) : 0;
  }
  try {
    const records = await opened.log.since(days ? new Date(Date.now() - days * DAY_MS) : undefined);
    return emit(titledGroups(records, entryTitles(config.knowledgeDir)), values.json, days);
  } finally {
    await opened.close();
  }
}

/** The log the bot writes, or why there is nothing to read. */
async function openLog(config: Config): Promise<{ log: QuestionLog; close: () => Promise<void> } | string> {
  if (config.stateStore === 'memory') return 'STATE_STORE=memory keeps the questions only while the bot runs: there is nothing to read.';
  if (config.stateStore === 'redis') {
    const client = connectRedis(config.redis.url);
    client.on('error', () => undefined);
    try {
      await client.ping();
    } catch {
      client.disconnect();
      throw new Error(`Redis did not answer at ${redactedUrl(config.redis.url)}`);
    }
    const log = new RedisQuestionLog(client, config.redis.keyPrefix, config.learning.retentionDays);
    return { log, close: () => closeRedis(client) };
  }
  const file = path.join(config.stateDir, QUESTION_LOG_FILE);
  if (!existsSync(file)) return `No questions kept yet (${file} does not exist).`;
  const log = new SqliteQuestionLog(file, { readOnly: true });
  return { log, close: () => log.close() };
}

function emit(groups: TitledGroup[], json: boolean, days?: number): number {
  if (json) {
    console.log(JSON.stringify(groups, null, 2));
    return 0;
  }
  const total = groups.reduce((n, g) => n + g.count, 0);
  console.log(`${total} question(s) worth a look in ${groups.length} group(s)${days ? ` over the last ${days} day(s)` : ''}:\n`);
  for (const group of groups) {
    const reasons = Object.entries(group.reasons).map(([reason, n]) => `${reason} ${n}`);
    console.log(`${String(group.count).padStart(4)} x  "${group.examples[0]}"   (${reasons.join(', ')}; ${group.channels.join(', ')})`);
    for (const other of group.examples.slice(1)) console.log(`        also "${other}"`);
    const closest = group.closest;
    const title = group.closestTitle ?? 'no longer in the knowledge base';
    console.log(closest ? `        closest: ${closest.id} (${title}), score ${closest.score.toFixed(2)}` : '        closest: none');
  }
  return 0;
}

/** Entry titles for the report; ids alone when the knowledge base does not load. */
function entryTitles(dir: string): Map<string, string> {
  try {
    return new Map(loadKnowledge(dir).entries.map((e) => [e.id, e.title]));
  } catch {
    return new Map();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
