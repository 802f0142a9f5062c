// The kept questions in Redis, for instances that share one (STATE_STORE=redis): a sorted set by
// time holds the records, one set per hashed user lists theirs for "forget me", one hash per day
// holds the day's counts (expiring with the retention), and the salt is made once by whichever
// instance comes first (SET NX), so every instance hashes alike.
import { randomBytes, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { checkReachable } from '../storage/redis-client';
import { dayOf, type QuestionLog, type QuestionRecord, type Tally, type TallyKind } from './records';

const DAY_MS = 24 * 60 * 60 * 1000;

export class RedisQuestionLog implements QuestionLog {
  private readonly recordsKey: string;
  private readonly saltKey: string;
  private saltValue?: Promise<string>;

  /** `prefix` is REDIS_KEY_PREFIX; `retentionDays` also bounds how long a user's index lives. */
  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    private readonly retentionDays: number,
    private readonly configuredSalt?: string,
  ) {
    this.recordsKey = `${prefix}questions`;
    this.saltKey = `${prefix}questions:salt`;
  }

  salt(): Promise<string> {
    if (this.configuredSalt) return Promise.resolve(this.configuredSalt);
    // A failed attempt is not kept, so the next question tries again once Redis is back.
    this.saltValue ??= this.sharedSalt().catch((err: unknown) => {
      this.saltValue = undefined;
      throw err;
    });
    return this.saltValue;
  }

  async add(records: readonly QuestionRecord[]): Promise<void> {
    if (!records.length) return;
    checkReachable(this.client);
    const multi = this.client.multi();
    for (const record of records) {
      // A unique id in the member, so two identical records at the same millisecond both count.
      const member = JSON.stringify({ ...record, id: randomUUID() });
      multi.zadd(this.recordsKey, Date.parse(record.at), member);
      if (record.userHash) {
        const userKey = this.userKey(record.userHash);
        multi.sadd(userKey, member).expire(userKey, this.retentionSeconds());
      }
    }
    await multi.exec();
  }

  async tally(counts: readonly Tally[]): Promise<void> {
    if (!counts.length) return;
    checkReachable(this.client);
    const batch = this.client.multi();
    for (const t of counts) batch.hincrby(this.dayKey(t.day), `${t.kind}|${t.entryId}`, t.count);
    for (const day of new Set(counts.map((t) => t.day))) batch.expire(this.dayKey(day), this.retentionSeconds());
    await batch.exec();
  }

  /** One HGETALL per kept day, in one pipeline. */
  async tallies(since?: Date): Promise<Tally[]> {
    checkReachable(this.client);
    const today = Date.now();
    const first = Math.max(since?.getTime() ?? 0, today - this.retentionSeconds() * 1000);
    const days: string[] = [];
    for (let t = first; dayOf(new Date(t)) <= dayOf(new Date(today)); t += DAY_MS) days.push(dayOf(new Date(t)));
    const pipeline = this.client.pipeline();
    for (const day of days) pipeline.hgetall(this.dayKey(day));
    const results = (await pipeline.exec()) ?? [];
    return days.flatMap((day, i) => {
      const counts = (results[i]?.[1] ?? {}) as Record<string, string>;
      return Object.entries(counts)
        .map(([field, count]) => {
          const bar = field.indexOf('|');
          return { day, kind: field.slice(0, bar) as TallyKind, entryId: field.slice(bar + 1), count: Number(count) };
        })
        .sort((a, b) => a.kind.localeCompare(b.kind) || a.entryId.localeCompare(b.entryId));
    });
  }

  async forget(userHash: string): Promise<number> {
    checkReachable(this.client);
    const userKey = this.userKey(userHash);
    const members = await this.client.smembers(userKey);
    if (!members.length) return 0;
    const [[, removed]] = (await this.client
      .multi()
      .zrem(this.recordsKey, ...members)
      .del(userKey)
      .exec()) as [[Error | null, number]];
    return removed;
  }

  /** Drops old records from the time index; a user's index expires on its own. */
  async prune(before: Date): Promise<number> {
    checkReachable(this.client);
    return this.client.zremrangebyscore(this.recordsKey, '-inf', `(${before.getTime()}`);
  }

  async since(since?: Date): Promise<QuestionRecord[]> {
    checkReachable(this.client);
    const members = await this.client.zrangebyscore(this.recordsKey, since ? since.getTime() : '-inf', '+inf');
    return members.flatMap((member) => {
      try {
        const { id: _id, ...record } = JSON.parse(member) as QuestionRecord & { id: string };
        return [record];
      } catch {
        return [];
      }
    });
  }

  /** The client is shared with the state store, which closes it. */
  async close(): Promise<void> {}

  private retentionSeconds(): number {
    return this.retentionDays * (DAY_MS / 1000);
  }

  private dayKey(day: string): string {
    return `${this.prefix}tallies:${day}`;
  }

  private userKey(userHash: string): string {
    return `${this.prefix}questions:user:${userHash}`;
  }

  private async sharedSalt(): Promise<string> {
    checkReachable(this.client);
    await this.client.set(this.saltKey, randomBytes(32).toString('hex'), 'NX');
    const salt = await this.client.get(this.saltKey);
    if (!salt) throw new Error('the salt of the question log could not be read from Redis');
    return salt;
  }
}
