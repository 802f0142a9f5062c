// The Direct Line conversations the fuzzer keeps open, so its requests can use live tokens: each
// slot has a conversation id, its newest token and an unused stream ticket. Answers that carry a
// newer token or ticket for a slot update it; a slot whose token was refused or whose
// conversation ended is opened again (setup requests, counted apart from the fuzzed ones).
import type http from 'node:http';
import type { FillValues } from './gen/spec';
import { sendHttp, type Reply } from './transport';

interface Slot {
  conversation: string;
  token: string;
  ticket: string;
}

const PREFIX = '/v3/directline';

export class DirectLinePool {
  private readonly slots: (Slot | undefined)[];
  private readonly opening = new Map<number, Promise<void>>();
  /** Setup requests sent (not part of the fuzzed count). */
  setupRequests = 0;
  /** Slots reopened because their token stopped working or their conversation ended. */
  reopened = 0;

  constructor(
    private readonly agent: http.Agent,
    private readonly host: string,
    private readonly port: number,
    size: number,
    private readonly sinkUrl: string,
  ) {
    this.slots = new Array(size).fill(undefined);
  }

  private async call(method: string, path: string, token?: string): Promise<Reply> {
    this.setupRequests += 1;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    return sendHttp(this.agent, this.host, this.port, { method, path, headers, body: Buffer.from('{}') }, 15_000);
  }

  private async open(i: number): Promise<void> {
    const generated = await this.call('POST', `${PREFIX}/tokens/generate`);
    if (generated.status !== 200) throw new Error(`Direct Line pool: tokens/generate answered ${generated.status ?? generated.error}`);
    const { conversationId, token } = JSON.parse(generated.body.toString()) as { conversationId: string; token: string };
    const started = await this.call('POST', `${PREFIX}/conversations`, token);
    const streamUrl =
      started.status === 201 || started.status === 200
        ? (JSON.parse(started.body.toString()) as { streamUrl?: string }).streamUrl
        : undefined;
    this.slots[i] = { conversation: conversationId, token, ticket: ticketOf(streamUrl) ?? 'none' };
  }

  /** Opens every slot (sequentially: the server limits new conversations per address). */
  async fill(): Promise<void> {
    for (let i = 0; i < this.slots.length; i++) await this.open(i);
  }

  /** Opens slot `i` again, once even when several requests ask at the same time. */
  reopen(i: number): Promise<void> {
    const pending = this.opening.get(i);
    if (pending) return pending;
    this.reopened += 1;
    const p = this.open(i)
      .catch(() => undefined)
      .finally(() => this.opening.delete(i));
    this.opening.set(i, p);
    return p;
  }

  /** Placeholder values for a request on slot `i`; "other" is the next slot's conversation. */
  values(i = 0): FillValues {
    const own = this.slots[i % this.slots.length];
    const other = this.slots[(i + 1) % this.slots.length];
    return {
      sink: this.sinkUrl,
      conversation: own?.conversation ?? 'none',
      otherConversation: other?.conversation ?? 'none',
      token: own?.token ?? 'none',
      otherToken: other?.token ?? 'none',
      ticket: own?.ticket ?? 'none',
    };
  }

  /** Learns newer tokens and tickets from an answer to a request on slot `i` that used its own token. */
  learn(i: number, reply: Reply): void {
    const slot = this.slots[i];
    if (!slot || reply.status === undefined || reply.status >= 300) return;
    if (!String(reply.headers['content-type'] ?? '').includes('json')) return;
    let body: { conversationId?: unknown; token?: unknown; streamUrl?: unknown };
    try {
      body = JSON.parse(reply.body.toString());
    } catch {
      return;
    }
    if (body.conversationId !== slot.conversation) return;
    if (typeof body.token === 'string') slot.token = body.token;
    const ticket = ticketOf(typeof body.streamUrl === 'string' ? body.streamUrl : undefined);
    if (ticket) slot.ticket = ticket;
  }

  /** The ticket in a request's URL was single-use: the slot needs a new one before the next stream. */
  spendTicket(i: number): void {
    const slot = this.slots[i];
    if (slot) slot.ticket = 'spent';
  }
}

function ticketOf(streamUrl: string | undefined): string | undefined {
  if (!streamUrl) return undefined;
  try {
    return new URL(streamUrl).searchParams.get('t') ?? undefined;
  } catch {
    return undefined;
  }
}
