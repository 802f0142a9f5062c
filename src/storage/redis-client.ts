// One ioredis connection for everything the bot keeps in Redis, set up so that Redis being down
// costs a turn at most a second: a command waits for the first connection, but while the client
// is reconnecting it fails at once instead of queueing, and reconnecting goes on until Redis is back.
import type { Redis } from 'ioredis';
import { redactedUrl } from '../lib/redacted-url';
import type { Logger } from '../lib/log';

/** Longest wait for one command before it fails. */
const COMMAND_TIMEOUT_MS = 1000;
/** Longest pause between reconnection attempts. */
const MAX_RECONNECT_DELAY_MS = 2000;

export class RedisUnavailableError extends Error {
  constructor() {
    super('Redis is not reachable (reconnecting)');
    this.name = 'RedisUnavailableError';
  }
}

export function connectRedis(url: string, logger?: Logger): Redis {
  // Loaded here, not at start-up (~19 MB): only STATE_STORE=redis and its report need it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Redis: Client } = require('ioredis') as typeof import('ioredis');
  const client = new Client(url, {
    commandTimeout: COMMAND_TIMEOUT_MS,
    connectTimeout: COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(100 * attempt, MAX_RECONNECT_DELAY_MS),
  });
  let down = false;
  client.on('error', (err: Error) => {
    if (down) return;
    down = true;
    logger?.error({ err: err.message, redis: redactedUrl(url) }, 'Redis is not reachable; retrying');
  });
  client.on('ready', () => {
    if (down) logger?.info({ redis: redactedUrl(url) }, 'Redis is reachable again');
    down = false;
  });
  return client;
}

/** Throws at once while the client is reconnecting, rather than queueing the command. */
export function checkReachable(client: Redis): void {
  if (client.status === 'reconnecting' || client.status === 'end' || client.status === 'close') throw new RedisUnavailableError();
}

/** Sends QUIT when connected (pending replies arrive first), else drops the connection at once. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status !== 'ready') return client.disconnect();
  await client.quit().catch(() => client.disconnect());
}
