// Rate limits per client that hold across instances: /api/ask's questions and the web chat's new
// conversations per address. One instance counts in memory (token buckets, rate-limit.ts); with
// instances sharing Redis, rate-limiter-flexible counts there (a fixed one-minute window), so a
// client cannot multiply its allowance by the number of instances. While Redis is down each
// instance falls back to its own memory count rather than refusing or waiting.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimiter, type Now } from '../lib/rate-limit';

export interface Limiter {
  /** Counts one action of `key`: 0 when it is allowed, otherwise the seconds to wait (at least 1). */
  take(key: string): Promise<number>;
}

export class MemoryLimiter implements Limiter {
  private readonly buckets: RateLimiter;

  constructor(perMinute: number, now?: Now) {
    this.buckets = new RateLimiter(perMinute, now);
  }

  async take(key: string): Promise<number> {
    return this.buckets.take(key);
  }
}

export class RedisLimiter implements Limiter {
  private readonly shared: RateLimiterRedis;
  private readonly local: RateLimiterMemory;

  /** `prefix` names the limit in Redis (REDIS_KEY_PREFIX + "limit:ask"). */
  constructor(
    private readonly client: Redis,
    prefix: string,
    perMinute: number,
  ) {
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
      if (refused instanceof RateLimiterRes) return Math.max(1, Math.ceil(refused.msBeforeNext / 1000));
      return 0; // neither store could count: let the request through rather than refuse everyone
    }
  }
}
