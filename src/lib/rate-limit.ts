// Token buckets: N actions a minute, refilled continuously, so a burst of N is allowed and then
// one action every 60/N seconds. Used for posts per conversation and new conversations per client,
// and for /api/ask's questions per client (src/server/ask.ts).

export type Now = () => number;

export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly perMinute: number,
    now: number,
  ) {
    this.tokens = perMinute;
    this.at = now;
  }

  private refill(now: number): void {
    this.tokens = Math.min(this.perMinute, this.tokens + ((now - this.at) * this.perMinute) / 60_000);
    this.at = now;
  }

  /** Takes one action. Returns 0 when it is allowed, otherwise the seconds to wait (at least 1). */
  take(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil(((1 - this.tokens) * 60) / this.perMinute));
  }

  /** True when the bucket is full again (it can be forgotten without changing any answer). */
  isFull(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.perMinute;
  }
}

/** A token bucket per key (a client address), with at most `maxKeys` buckets kept. */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly perMinute: number,
    private readonly now: Now = Date.now,
    private readonly maxKeys = 10_000,
  ) {}

  take(key: string): number {
    const now = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= this.maxKeys) this.prune(now);
      bucket = new TokenBucket(this.perMinute, now);
      this.buckets.set(key, bucket);
    }
    return bucket.take(now);
  }

  get size(): number {
    return this.buckets.size;
  }

  /** Forgets full buckets; if that is not enough, the oldest ones. */
  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(key);
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}
