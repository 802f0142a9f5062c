// Keeps the questions worth an editor's look (records.ts) in the question log, off the turn's
// critical path in effect: a log that fails (a full disk, a broken file) is reported once and
// never fails or delays an answer beyond the failed insert itself.
import type { DecisionEvent } from '../faq/decision';
import type { Logger } from '../lib/log';
import { hashUser, recordOf, type QuestionLog } from './records';

const DAY_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;

export class QuestionRecorder {
  private failing = false;

  constructor(
    readonly log: QuestionLog,
    private readonly logger?: Logger,
    /** Called for every failed write, for the metrics. */
    private readonly onError?: () => void,
  ) {}

  /** A DecisionListener: keeps the question if it is worth keeping. */
  readonly record = (event: DecisionEvent): void => {
    this.guard('could not keep a question for the unanswered report', () => {
      const record = recordOf(event, this.log.salt);
      if (record) this.log.add(record);
    });
  };

  /** "Forget me": deletes the person's kept questions too. */
  readonly forget = (userId: string | undefined): void => {
    if (!userId) return;
    this.guard("could not delete a person's kept questions", () => {
      const removed = this.log.forget(hashUser(this.log.salt, userId));
      if (removed) this.logger?.info({ removed }, "deleted a person's kept questions on request");
    });
  };

  /** Deletes questions older than `retentionDays`, now and every few hours; returns a stop function. */
  startPruning(retentionDays: number): () => void {
    const prune = () =>
      this.guard('could not delete expired questions', () => {
        const removed = this.log.prune(new Date(Date.now() - retentionDays * DAY_MS));
        if (removed) this.logger?.info({ removed }, 'deleted questions past their retention');
      });
    prune();
    const timer = setInterval(prune, PRUNE_EVERY_MS);
    timer.unref();
    return () => clearInterval(timer);
  }

  private guard(failure: string, run: () => void): void {
    try {
      run();
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
