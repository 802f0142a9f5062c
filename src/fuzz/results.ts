// What a run found: counts per target, case and status, failures grouped by check and case with a
// few examples each, crashes with the request that caused them, and the figures of the summary.
import type { CheckName } from './checks';
import type { FuzzRequest, Target } from './gen/spec';
import type { Reply, Sent } from './transport';

export interface Example {
  index: number;
  request: string;
  response: string;
  detail: string;
}

export interface FailureGroup {
  check: CheckName;
  case: string;
  count: number;
  examples: Example[];
}

export interface Crash {
  exit: string;
  /** The request that brought the server down when sent alone, if one did. */
  culprit?: Example;
  /** Requests in flight or just broken when it went down, replayed in this order. */
  suspects: number[];
  logTail: string;
}

const EXAMPLES_PER_GROUP = 3;
const SHOWN = 400;

export function describeRequest(sent: Sent): string {
  if (sent.raw)
    return `raw ${JSON.stringify(sent.raw.toString('latin1').slice(0, SHOWN))}${sent.raw.length > SHOWN ? ` (${sent.raw.length} bytes)` : ''}`;
  const headers = Object.entries(sent.headers)
    .map(([k, v]) => `${k}: ${v.length > 80 ? `${v.slice(0, 80)}...(${v.length})` : v}`)
    .join('; ');
  const body = sent.body
    ? ` body ${JSON.stringify(sent.body.toString('utf8').slice(0, SHOWN))}${sent.body.length > SHOWN ? ` (${sent.body.length} bytes)` : ''}`
    : '';
  return `${sent.method} ${sent.path.length > 300 ? `${sent.path.slice(0, 300)}...(${sent.path.length})` : sent.path} [${headers}]${body}`;
}

export function describeReply(reply: Reply): string {
  if (reply.status === undefined) return `no response (${reply.error ?? 'closed'}) after ${Math.round(reply.ms)} ms`;
  const body = reply.body.toString('utf8');
  return `${reply.status} ${JSON.stringify(body.slice(0, SHOWN))}${body.length > SHOWN ? ` (${reply.body.length} bytes)` : ''}`;
}

export class Results {
  readonly perTarget = new Map<Target, { sent: number; statuses: Map<string, number> }>();
  readonly perCase = new Map<string, number>();
  /** Total and longest answer time per case, ms. */
  readonly caseTime = new Map<string, { total: number; max: number }>();
  readonly statuses = new Map<string, number>();
  readonly failures = new Map<string, FailureGroup>();
  readonly crashes: Crash[] = [];
  readonly canaryDiffs: string[] = [];
  sent = 0;
  skipped = 0;
  lostToCrash = 0;
  /** 5xx answers to requests whose replies the sink failed on purpose. */
  channelFailed5xx = 0;
  channelFailedRequests = 0;
  /** The slot's own, live token answered 403: the server revoked a token it had just issued. */
  ownTokenRefused = 0;

  record(req: FuzzRequest, reply: Reply): void {
    this.sent += 1;
    const status = reply.status === undefined ? `none:${reply.error ?? 'closed'}` : String(reply.status);
    const t = this.perTarget.get(req.target) ?? { sent: 0, statuses: new Map() };
    t.sent += 1;
    t.statuses.set(status, (t.statuses.get(status) ?? 0) + 1);
    this.perTarget.set(req.target, t);
    this.perCase.set(req.case, (this.perCase.get(req.case) ?? 0) + 1);
    const time = this.caseTime.get(req.case) ?? { total: 0, max: 0 };
    time.total += reply.ms;
    time.max = Math.max(time.max, reply.ms);
    this.caseTime.set(req.case, time);
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    if (req.channelFails) {
      this.channelFailedRequests += 1;
      if (reply.status !== undefined && reply.status >= 500) this.channelFailed5xx += 1;
    }
    if (req.ownToken && reply.status === 403) this.ownTokenRefused += 1;
  }

  fail(check: CheckName, kase: string, example: Example): void {
    const key = `${check} ${kase}`;
    const group = this.failures.get(key) ?? { check, case: kase, count: 0, examples: [] };
    group.count += 1;
    if (group.examples.length < EXAMPLES_PER_GROUP) group.examples.push(example);
    this.failures.set(key, group);
  }

  get failureCount(): number {
    let n = this.crashes.length + this.canaryDiffs.length;
    for (const g of this.failures.values()) n += g.count;
    return n;
  }
}
