// Rate limits per client: /api/ask's questions, the web chat's new conversations per address and
// tries at the analytics token. One instance counts in memory (token buckets, rate-limit.ts);
// instances sharing Redis count there (redis-limiter.ts), so a client cannot multiply its
// allowance by the number of instances.
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
