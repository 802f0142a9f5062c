// Keeps the questions worth an editor's look (records.ts) in the question log, off the turn's
// critical path: writes are batched every two seconds and not awaited by the turn, and a log that fails (a full disk, a broken
// file, Redis down) is reported once per outage and never fails or delays an answer.
import type { DecisionEvent } from '../faq/decision';
import type { Logger } from '../lib/log';
import { dayOf, hashUser, reasonToKeep, recordOf, type QuestionLog, type QuestionRecord, type Tally, type TallyKind } from './records';

/** "Was this helpful?" answered, about the answer from `entryId` to `query`. */
export interface Feedback {
  helpful: boolean;
  entryId: string;
  query: string;
  /** The answer's confidence, when the channel sent it back. */
  score?: number;
  channel: string;
  userId?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * Counts and kept questions wait in memory and are written together this often: a write per turn
 * cost a tenth of the server's time under load. A crash loses at most these last seconds.
 */
const FLUSH_EVERY_MS = 2000;
/** More kept questions than this waiting are written at once (a burst of questions declined). */
const MAX_WAITING_RECORDS = 200;
const PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;

export class QuestionRecorder {
  private failing = false;
  /** Writes not yet settled, so a shutdown (or a test) can wait for them. */
  private readonly pending = new Set<Promise<void>>();
  /** Counts not yet written, by day, kind and entry. */
  private readonly counts = new Map<string, Tally>();
  /** Questions kept but not yet written, oldest first. */
  private records: QuestionRecord[] = [];
  private flushTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly log: QuestionLog,
    private readonly logger?: Logger,
    /** Called for every failed write, for the metrics. */
    private readonly onError?: () => void,
  ) {}

  /** A DecisionListener: counts the decision, and keeps the question if it is worth keeping. */
  readonly record = (event: DecisionEvent): void => {
    const { decision } = event;
    const now = new Date();
    this.count(now, decision.kind, decision.kind === 'answer' ? decision.answer?.id : undefined);
    if (!reasonToKeep(decision)) return;
    this.track(
      this.guard('could not keep a question for the unanswered report', async () => {
        const record = recordOf(event, await this.log.salt(), now);
        if (record) this.keep(record);
      }),
    );
  };

  /**
   * A person said whether an answer helped: counted, and the question kept with the verdict (an
   * unhelpful one for the report). Written at once, not with the next batch of counts: feedback
   * is rare, and each one is worth keeping.
   */
  readonly feedback = (feedback: Feedback): void => {
    this.count(new Date(), feedback.helpful ? 'helpful' : 'unhelpful', feedback.entryId);
    if (!feedback.query.trim()) return this.flush();
    this.track(
      this.guard('could not keep feedback on an answer', async () => {
        const salt = await this.log.salt();
        this.keep({
          at: new Date().toISOString(),
          channel: feedback.channel,
          query: feedback.query,
          reason: feedback.helpful ? 'helpful' : 'unhelpful',
          top: [{ id: feedback.entryId, score: feedback.score ?? 0 }],
          userHash: feedback.userId ? hashUser(salt, feedback.userId) : undefined,
        });
        this.flush();
      }),
    );
  };

  /** "Forget me": deletes the person's kept questions too. */
  readonly forget = (userId: string | undefined): void => {
    if (!userId) return;
    const inFlight = [...this.pending];
    this.track(
      this.guard("could not delete a person's kept questions", async () => {
        const userHash = hashUser(await this.log.salt(), userId);
        // Their questions not written yet are forgotten here, before the log's are; again once the
        // writes in flight have settled, as a batch that failed is put back.
        const dropWaiting = () => (this.records = this.records.filter((r) => r.userHash !== userHash));
        dropWaiting();
        await Promise.all(inFlight);
        dropWaiting();
        const removed = await this.log.forget(userHash);
        if (removed) this.logger?.info({ removed }, "deleted a person's kept questions on request");
      }),
    );
  };

  /** Deletes questions older than `retentionDays`, now and every few hours; returns a stop function. */
  startPruning(retentionDays: number): () => void {
    const prune = () =>
      this.track(
        this.guard('could not delete expired questions', async () => {
          const removed = await this.log.prune(new Date(Date.now() - retentionDays * DAY_MS));
          if (removed) this.logger?.info({ removed }, 'deleted questions past their retention');
        }),
      );
    prune();
    const timer = setInterval(prune, PRUNE_EVERY_MS);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Writes the counts so far, and resolves once every write started so far has settled. */
  async settled(): Promise<void> {
    // The salt is read before a question is kept: let those reads finish, then write.
    await Promise.all([...this.pending]);
    this.flush();
    await Promise.all([...this.pending]);
  }

  /** Waits for the writes in flight, then closes the log. */
  async close(): Promise<void> {
    await this.settled();
    await this.log.close();
  }

  /** Adds one to a day's count in memory; the counts are written together, every few seconds. */
  private count(at: Date, kind: TallyKind, entryId = ''): void {
    this.addCount({ day: dayOf(at), kind, entryId, count: 1 });
    this.flushSoon();
  }

  /** Keeps a question in memory until the next write (sooner when many are waiting). */
  private keep(record: QuestionRecord): void {
    this.records.push(record);
    if (this.records.length >= MAX_WAITING_RECORDS) this.flush();
    else this.flushSoon();
  }

  private flushSoon(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => this.flush(), FLUSH_EVERY_MS);
    this.flushTimer.unref();
  }

  private addCount(tally: Tally): void {
    const key = `${tally.day}|${tally.kind}|${tally.entryId}`;
    const counted = this.counts.get(key);
    if (counted) counted.count += tally.count;
    else this.counts.set(key, { ...tally });
  }

  /**
   * Writes the counts and questions kept in memory. What a failed write could not keep is put
   * back for the next (the questions up to MAX_WAITING_RECORDS: an outage must not fill memory).
   */
  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.counts.size) {
      const batch = [...this.counts.values()];
      this.counts.clear();
      this.track(
        this.guard('could not count decisions for the analytics page', async () => {
          try {
            await this.log.tally(batch);
          } catch (err) {
            for (const tally of batch) this.addCount(tally);
            throw err;
          }
        }),
      );
    }
    if (this.records.length) {
      const batch = this.records;
      this.records = [];
      this.track(
        this.guard('could not keep questions for the unanswered report', async () => {
          try {
            await this.log.add(batch);
          } catch (err) {
            this.records = [...batch, ...this.records].slice(-MAX_WAITING_RECORDS);
            throw err;
          }
        }),
      );
    }
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  /** Runs `work`, never rejecting: a failure is counted, and logged once per outage. */
  private async guard(failure: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      this.onError?.();
      if (!this.failing) this.logger?.error({ err: err instanceof Error ? err.message : String(err) }, failure);
      this.failing = true;
      return;
    }
    if (this.failing) this.logger?.info('the question log takes writes again');
    this.failing = false;
  }
}
