// The run: `concurrency` workers take request indexes in turn until the count or the time is
// reached, in phases with the canaries checked between them. When the server dies, the requests
// in flight are replayed one by one against a fresh server to find the one that killed it; its
// case is then left out for the rest of the run (so one known crash does not hide the rest) and
// the run goes on, up to `maxCrashes` crashes.
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { compareCanaries, takeCanaries, type CanarySnapshot } from './canary';
import { checkReply, type ServedSet } from './checks';
import { POOL_SIZE } from './gen/directline';
import { generate } from './gen';
import { DirectLinePool } from './pool';
import { describeReply, describeRequest, Results, type Example } from './results';
import { fill, type FuzzRequest } from './gen/spec';
import type { ServerUnderTest } from './target';
import { sendHttp, sendRaw, type Reply, type Sent } from './transport';

export interface RunOptions {
  seed: number;
  count: number;
  deadline: number;
  concurrency: number;
  timeoutMs: number;
  maxCrashes: number;
  /** Canaries every this many requests. */
  phase: number;
  sinkUrl: string;
  served: ServedSet;
}

export class Runner {
  readonly results = new Results();
  private readonly agent: http.Agent;
  private pool!: DirectLinePool;
  private next = 0;
  private readonly inFlight = new Map<number, FuzzRequest>();
  /** The last requests whose connection broke without an answer: a killer's socket closes before the exit event. */
  private readonly recentBroken: FuzzRequest[] = [];
  private inFlightAtExit: FuzzRequest[] = [];
  private crashed = false;
  private readonly blocked = new Set<string>();
  private baseline?: CanarySnapshot;
  private setupBefore = 0;

  constructor(
    private readonly server: ServerUnderTest,
    private readonly o: RunOptions,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: o.concurrency });
    server.onExit(() => {
      this.crashed = true;
      this.inFlightAtExit = [...this.inFlight.values()];
    });
  }

  /** Resolves placeholders: the request exactly as it goes on the wire. */
  materialize(req: FuzzRequest): Sent {
    const v = this.pool.values(req.slot);
    const headers: Record<string, string> = {};
    for (const [k, val] of Object.entries(req.headers)) headers[k] = fill(val, v);
    const body = typeof req.body === 'string' ? Buffer.from(fill(req.body, v), 'utf8') : req.body;
    const raw = req.raw === undefined ? undefined : Buffer.from(fill(Buffer.from(req.raw).toString('latin1'), v), 'latin1');
    return { method: req.method, path: fill(req.path, v), headers, body, raw };
  }

  private send(sent: Sent): Promise<Reply> {
    const { host, port } = this.server;
    return sent.raw ? sendRaw(host, port, sent.raw, this.o.timeoutMs) : sendHttp(this.agent, host, port, sent, this.o.timeoutMs);
  }

  async prepare(): Promise<void> {
    this.setupBefore += this.pool?.setupRequests ?? 0;
    this.pool = new DirectLinePool(this.agent, this.server.host, this.server.port, POOL_SIZE, this.o.sinkUrl);
    await this.pool.fill();
    this.baseline ??= await takeCanaries(this.agent, this.server.host, this.server.port, 'baseline');
  }

  /** Sends one request, records and checks its answer. */
  private async execute(req: FuzzRequest): Promise<void> {
    const sent = this.materialize(req);
    this.inFlight.set(req.index, req);
    const reply = await this.send(sent);
    const lost = reply.status === undefined && (await this.diedWith(req, reply));
    this.inFlight.delete(req.index);
    if (lost) {
      this.results.lostToCrash += 1;
      return;
    }
    this.results.record(req, reply);
    if (req.slot !== undefined) this.followSlot(req, reply);
    const sentText = (sent.raw ?? sent.body ?? Buffer.alloc(0)).toString('latin1') + sent.path;
    for (const f of checkReply(req, reply, this.o.served, sentText)) {
      this.results.fail(f.check, req.case, {
        index: req.index,
        request: describeRequest(sent),
        response: describeReply(reply),
        detail: f.detail,
      });
    }
  }

  /** Keeps the Direct Line pool usable: newer tokens, spent tickets, reopened conversations. */
  private followSlot(req: FuzzRequest, reply: Reply): void {
    const slot = req.slot!;
    if (req.target === 'websocket' && reply.status === 101) this.pool.spendTicket(slot);
    if (!req.ownToken) return;
    if (reply.status === 403 || reply.status === 404) void this.pool.reopen(slot);
    else this.pool.learn(slot, reply);
  }

  /** Whether a request without an answer went down with the server (and so is not its own result). */
  private async diedWith(req: FuzzRequest, reply: Reply): Promise<boolean> {
    // Refused connections came after the crash; only broken ones can be its cause.
    if (reply.error !== 'ECONNREFUSED') this.recentBroken.push(req);
    if (this.recentBroken.length > 2 * this.o.concurrency) this.recentBroken.shift();
    if (this.server.pid === undefined) return this.externalDown(reply);
    if (!this.crashed) await sleep(250); // the exit event follows the closed sockets
    return this.crashed;
  }

  /** With --url there is no exit event: a refused connection plus a dead /healthz means it died. */
  private async externalDown(reply: Reply): Promise<boolean> {
    if (this.server.pid !== undefined || reply.error !== 'ECONNREFUSED') return false;
    const health = await sendHttp(this.agent, this.server.host, this.server.port, { method: 'GET', path: '/healthz', headers: {} }, 5000);
    if (health.status !== undefined) return false;
    this.server.exited ??= 'stopped accepting connections';
    if (!this.crashed) {
      this.crashed = true;
      this.inFlightAtExit = [...this.inFlight.values()];
    }
    return true;
  }

  private async worker(until: number): Promise<void> {
    while (!this.crashed && this.results.sent + this.inFlight.size < this.o.count && this.next < until && Date.now() < this.o.deadline) {
      const req = generate(this.o.seed, this.next++);
      if (this.blocked.has(req.case)) {
        this.results.skipped += 1;
        continue;
      }
      await this.execute(req);
    }
  }

  private done(): boolean {
    return this.results.sent >= this.o.count || Date.now() >= this.o.deadline;
  }

  async run(): Promise<void> {
    while (!this.done()) {
      const until = this.next + this.o.phase;
      await Promise.all(Array.from({ length: this.o.concurrency }, () => this.worker(until)));
      if (this.crashed) {
        if (!(await this.recover())) return;
        continue;
      }
      await this.checkCanaries();
    }
  }

  private async checkCanaries(): Promise<void> {
    if (!this.baseline || this.crashed) return;
    const now = await takeCanaries(this.agent, this.server.host, this.server.port, `after-${this.next}`);
    for (const diff of compareCanaries(this.baseline, now)) this.results.canaryDiffs.push(`after request ${this.next}: ${diff}`);
  }

  /** Records the crash, finds its request, starts a fresh server. False when the run must stop. */
  private async recover(): Promise<boolean> {
    await sleep(200); // let the process's last words reach the log
    // Latest broken connections first, then whatever was still in flight.
    const seen = new Set<number>();
    const candidates = [...this.recentBroken.reverse(), ...this.inFlightAtExit.sort((a, b) => a.index - b.index)].filter(
      (r) => !seen.has(r.index) && seen.add(r.index),
    );
    this.recentBroken.length = 0;
    const crash = {
      exit: this.server.exited ?? 'exited',
      suspects: candidates.map((r) => r.index),
      logTail: this.server.logTail(),
      culprit: undefined as Example | undefined,
    };
    this.results.crashes.push(crash);
    if (!(await this.restart())) return false;
    crash.culprit = await this.findCulprit(candidates);
    if (crash.culprit) this.blocked.add(generate(this.o.seed, crash.culprit.index).case);
    if (this.server.exited && !(await this.restart())) return false;
    return this.results.crashes.length < this.o.maxCrashes;
  }

  private async restart(): Promise<boolean> {
    if (!(await this.server.restart())) return false;
    this.crashed = false;
    this.inFlightAtExit = [];
    await this.prepare();
    return true;
  }

  /** Sends each candidate alone; the first after which the server is gone is the culprit. */
  private async findCulprit(candidates: FuzzRequest[]): Promise<Example | undefined> {
    for (const req of candidates) {
      const sent = this.materialize(req);
      const reply = await this.send(sent);
      await sleep(100);
      if (this.server.exited) {
        return {
          index: req.index,
          request: describeRequest(sent),
          response: describeReply(reply),
          detail: `case ${req.case}: killed a fresh server when sent alone`,
        };
      }
    }
    return undefined;
  }

  /** Replays one request alone (--only) and prints what came back. */
  async replay(index: number): Promise<{ sent: Sent; reply: Reply }> {
    const sent = this.materialize(generate(this.o.seed, index));
    return { sent, reply: await this.send(sent) };
  }

  async health(): Promise<Reply> {
    return sendHttp(this.agent, this.server.host, this.server.port, { method: 'GET', path: '/healthz', headers: {} }, 10_000);
  }

  get setupRequests(): number {
    return this.setupBefore + (this.pool?.setupRequests ?? 0);
  }

  get reopenedSlots(): number {
    return this.pool?.reopened ?? 0;
  }

  close(): void {
    this.agent.destroy();
  }
}
