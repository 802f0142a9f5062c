// STATE_STORE=redis: everything instances share, on one ioredis connection. Flow state, follow-up
// notes, rate limits, the web chat's conversations and the record of unanswered questions.
// ioredis and rate-limiter-flexible (~25 MB) load with the first connection or limit made, so the
// embedded default (the file store) never loads them.
import type { Stores } from './stores';
import type { Config } from '../config';
import { RedisRegistry } from '../directline/redis-registry';
import { RedisQuestionLog } from '../learning/redis-log';
import type { Logger } from '../lib/log';
import type { Metrics } from './metrics';
import { RedisLimiter } from '../storage/redis-limiter';
import { RedisNotes } from '../storage/notes';
import { closeRedis, connectRedis } from '../storage/redis-client';
import { RedisStorage } from '../storage/redis-storage';

/** Follow-up context and offered options are worth keeping for a day at most. */
const NOTE_TTL_SECONDS = 24 * 60 * 60;

export function openRedisStores(config: Config, logger: Logger, metrics: Metrics): Stores {
  const client = connectRedis(config.redis.url, logger);
  const { keyPrefix } = config.redis;
  const notes = (name: string) => new RedisNotes(client, `${keyPrefix}notes:${name}:`, NOTE_TTL_SECONDS, metrics.recordStoreError);
  return {
    limiter: (limit, perMinute) => new RedisLimiter(client, `${keyPrefix}limit:${limit}:`, perMinute),
    conversations: (limits) => new RedisRegistry(client, `${keyPrefix}dl:`, limits),
    notes: { lastAnswers: notes('last-answer'), offeredOptions: notes('offered'), awaitingFeedback: notes('feedback') },
    storage: new RedisStorage(client, { prefix: `${keyPrefix}state:`, ttlSeconds: config.stateTtlDays * 24 * 60 * 60 }),
    questions: () => new RedisQuestionLog(client, keyPrefix, config.learning.retentionDays, config.learning.salt),
    close: () => closeRedis(client),
  };
}
