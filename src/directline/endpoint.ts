// The state and the shared steps behind the built-in Direct Line endpoint's routes (routes.ts):
// the bounded conversation store, signed tokens, authorization, the per-conversation and
// per-address limits, and turns run in order. Turns reach the bot through `runTurn`; this module
// does not know botbuilder.
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { DirectLineConfig } from '../config';
import { sendError, type Json } from '../lib/http';
import type { Logger } from '../lib/log';
import { botActivity, conversationStart, type BotIdentity, type RunTurn } from './activities';
import { ConversationStore, GRANTS_PER_MINUTE, type Conversation } from './conversations';
import type { Now } from '../lib/rate-limit';
import type { Limiter } from '../storage/limiter';
import { bearerToken, clientAddress, hostOf, isHttps } from './request';
import { attachStream } from './stream';
import { TOKEN_REFUSALS, TokenIssuer } from './tokens';

export const PREFIX = '/v3/directline';
const SWEEP_EVERY_MS = 60_000;

export interface EndpointOptions {
  config: DirectLineConfig;
  bot: BotIdentity;
  runTurn: RunTurn;
  /** What the bot says when a turn fails so badly that even its own apology was lost. */
  turnErrorReply: string;
  logger: Logger;
  now: Now;
}

/** A token grant as Direct Line returns it. */
export interface Grant {
  conversationId: string;
  token: string;
  expires_in: number;
}

export class Endpoint {
  readonly store: ConversationStore;
  readonly tokens: TokenIssuer;
  private readonly sweeper: NodeJS.Timeout;
  private readonly stopStream: () => void;

  constructor(
    http: HttpServer,
    private readonly options: EndpointOptions,
    /** New conversations per client address (shared with the Azure token route). */
    private readonly newConversations: Limiter,
  ) {
    const { config, now, logger } = options;
    this.store = new ConversationStore(
      {
        maxConversations: config.maxConversations,
        maxPerAddress: config.maxConversationsPerAddress,
        maxActivities: config.maxActivities,
        maxBytes: config.maxConversationBytes,
        idleMs: config.conversationIdleMinutes * 60_000,
        postsPerMinute: config.postsPerMinute,
      },
      now,
    );
    // Used stream tickets: a conversation gets a few a minute at most (grants are rate-limited).
    this.tokens = new TokenIssuer(config.tokenKey, config.tokenTtlSeconds * 1000, config.maxConversations * 16, now);
    // A timer, outside restify's chain: a throw here would end the process.
    this.sweeper = setInterval(() => {
      try {
        const removed = this.store.sweep();
        this.tokens.sweep();
        if (removed) logger.debug({ removed, open: this.store.size }, 'web chat conversations expired');
      } catch (err) {
        logger.error({ err }, 'could not sweep the web chat conversations');
      }
    }, SWEEP_EVERY_MS);
    this.sweeper.unref();
    this.stopStream = attachStream(http, { store: this.store, tokens: this.tokens, logger });
  }

  /**
   * The conversation a request's token is for (the one in the path, when the route has one), with
   * the token, or undefined once the error response is sent.
   */
  authorize(
    req: IncomingMessage,
    res: ServerResponse,
  ): { conversation: Conversation; token: { token: string; expiresAt: number } } | undefined {
    const conversationId = (req as { params?: Record<string, string | undefined> }).params?.conversationId;
    const token = bearerToken(req);
    if (!token) {
      sendError(res, 401, 'a Direct Line token is required: Authorization: Bearer <token>', false, { 'WWW-Authenticate': 'Bearer' });
      return undefined;
    }
    const check = this.tokens.check(token, 'conversation', conversationId);
    if (!check.ok) {
      sendError(res, 403, `the token ${TOKEN_REFUSALS[check.reason]}`);
      return undefined;
    }
    const conversation = this.store.get(check.conversationId);
    if (!conversation) {
      sendError(res, 404, 'the conversation has ended');
      return undefined;
    }
    return { conversation, token: { token, expiresAt: check.expiresAt } };
  }

  /** `issued` (a new conversation token by default) as Direct Line returns it. */
  grant(conversation: Conversation, issued = this.tokens.issue(conversation.id)): Grant {
    return { conversationId: conversation.id, token: issued.token, expires_in: this.tokens.expiresIn(issued.expiresAt) };
  }

  /** The WebSocket URL of the conversation, with a fresh stream ticket, on the host the client used. */
  streamUrl(req: IncomingMessage, conversation: Conversation, watermark?: number): string {
    const params = new URLSearchParams();
    if (watermark !== undefined) params.set('watermark', String(watermark));
    params.set('t', this.tokens.issue(conversation.id, 'stream').token);
    return `${isHttps(req) ? 'wss' : 'ws'}://${hostOf(req)}${PREFIX}/conversations/${conversation.id}/stream?${params}`;
  }

  /** Counts a start, refresh or reconnect against the conversation's budget; false once a 429 has been sent. */
  mayGrant(conversation: Conversation, res: ServerResponse): boolean {
    const wait = conversation.grants.take(this.options.now());
    if (wait) sendError(res, 429, `too many token requests; at most ${GRANTS_PER_MINUTE} a minute`, false, { 'Retry-After': wait });
    return !wait;
  }

  /** A new conversation and its first token, or undefined once a 429 has been sent. */
  async newConversation(req: IncomingMessage, res: ServerResponse): Promise<Grant | undefined> {
    if (!(await mayStartConversation(this.newConversations, req, res))) return undefined;
    const { conversation, closed } = this.store.create(clientAddress(req));
    const { logger, config } = this.options;
    if (closed === 'store-full') logger.warn({ open: this.store.size }, 'web chat is full: closed the least recently active conversation');
    if (closed === 'address-cap') {
      logger.info(
        { perAddress: config.maxConversationsPerAddress },
        'web chat: an address at its cap gave up its least recently active conversation',
      );
    }
    return this.grant(conversation);
  }

  /**
   * Starts a conversation: the user joins and the bot's welcome is added. Returns the welcome
   * turn, or undefined when the conversation had already started.
   */
  start(conversation: Conversation, locale?: string): Promise<void> | undefined {
    if (conversation.started) return undefined;
    conversation.started = true;
    this.store.touch(conversation);
    return this.enqueueTurn(conversation, () => conversationStart(conversation, this.options.bot, locale));
  }

  /**
   * Runs a turn after the conversation's earlier turns have finished, so each message's echo and
   * answer stay together and state is never read by two turns at once. `begin` makes the turn's
   * activity (and adds the user's echo) when the turn's time comes. Never rejects.
   */
  enqueueTurn(conversation: Conversation, begin: () => Json): Promise<void> {
    const { runTurn, logger, turnErrorReply } = this.options;
    const turn = conversation.turns
      .then(() => runTurn(begin()))
      .then(
        (replies) => this.addReplies(conversation, replies),
        (err: unknown) => {
          logger.error({ err, conversationId: conversation.id }, 'web chat turn failed');
          this.addReplies(conversation, [{ type: 'message', text: turnErrorReply, textFormat: 'plain' }]);
        },
      );
    conversation.turns = turn;
    return turn;
  }

  /** Closes the streams and stops the housekeeping timer. */
  close(): void {
    clearInterval(this.sweeper);
    this.stopStream();
    this.store.clear();
  }

  /**
   * Adds the bot's replies to the conversation. Traces are for the Emulator, and a typing indicator
   * would arrive together with the answer it announces (an in-process turn returns all its replies
   * at once), so both are dropped.
   */
  private addReplies(conversation: Conversation, replies: Json[]): void {
    for (const reply of replies) {
      if (!reply || reply.type === 'trace' || reply.type === 'typing') continue;
      conversation.add((id) => botActivity(reply, conversation, this.options.bot, id, new Date(this.options.now())));
    }
  }
}

/** Counts a new conversation against the client's address; false once a 429 has been sent. */
export async function mayStartConversation(limiter: Limiter, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const wait = await limiter.take(clientAddress(req));
  if (wait) sendError(res, 429, 'too many new conversations from this address; try again shortly', false, { 'Retry-After': wait });
  return !wait;
}
