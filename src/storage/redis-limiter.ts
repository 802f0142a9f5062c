// Rate limits counted in Redis by rate-limiter-flexible (a fixed one-minute window), for instances
// that share one, so a client cannot multiply its allowance by the number of instances. While
// Redis is down each instance falls back to its own memory count rather than refusing or waiting.
import type { Redis } from 'ioredis';
import type { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { Limiter } from './limiter';

/** rate-limiter-flexible, loaded with the first limit on Redis: the file store never needs it. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const flexible = () => require('rate-limiter-flexible') as typeof import('rate-limiter-flexible');

export class RedisLimiter implements Limiter {
  private readonly shared: RateLimiterRedis;
  private readonly local: RateLimiterMemory;

  /** `prefix` names the limit in Redis (REDIS_KEY_PREFIX + "limit:ask"). */
  constructor(
    private readonly client: Redis,
    prefix: string,
    perMinute: number,
  ) {
    const { RateLimiterMemory, RateLimiterRedis } = flexible();
    this.local = new RateLimiterMemory({ points: perMinute, duration: 60 });
    this.shared = new RateLimiterRedis({
      storeClient: client,
      keyPrefix: prefix,
      points: perMinute,
      duration: 60,
      insuranceLimiter: this.local,
    });
  }

  async take(key: string): Promise<number> {
    // While reconnecting a Redis call would wait for its timeout: count locally at once.
    const limiter = this.client.status === 'ready' ? this.shared : this.local;
    try {
      await limiter.consume(key);
      return 0;
    } catch (refused) {
      if (refused instanceof flexible().RateLimiterRes) return Math.max(1, Math.ceil(refused.msBeforeNext / 1000));
      return 0; // neither store could count: let the request through rather than refuse everyone
    }
  }
}
