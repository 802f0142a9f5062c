// The state and the shared steps behind the built-in Direct Line endpoint's routes (routes.ts):
// the conversations (registry.ts: in memory, or in Redis for every instance), signed tokens,
// authorization, the per-conversation and per-address limits, and turns run in order. Turns
// reach the bot through `runTurn`; this module does not know botbuilder.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { DirectLineConfig } from '../config';
import { sendError, type Json } from '../lib/http';
import type { Logger } from '../lib/log';
import { botActivity, conversationStart, type BotIdentity, type RunTurn } from './activities';
import { GRANTS_PER_MINUTE } from './conversations';
import type { ConversationRef, ConversationRegistry } from './registry';
import type { Now } from '../lib/rate-limit';
import type { Limiter } from '../storage/limiter';
import { bearerToken, clientAddress, hostOf, isHttps } from '../lib/request';
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
  private readonly sweeper: NodeJS.Timeout;
  private readonly stopStream: () => void;
  /** The tail of each conversation's turns on this instance: they run one after another. */
  private readonly turnTails = new Map<string, Promise<void>>();
  private issuer: Promise<TokenIssuer> | undefined;
  /** The key the issuer signs with. */
  private tokenKey: string | undefined;

  constructor(
    http: HttpServer,
    private readonly options: EndpointOptions,
    /** Where the conversations are kept: this instance's memory, or Redis for every instance. */
    readonly conversations: ConversationRegistry,
    /** New conversations per client address (shared with the Azure token route). */
    private readonly newConversations: Limiter,
  ) {
    const { logger } = options;
    // A timer, outside restify's chain: a throw here would end the process.
    this.sweeper = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
    this.stopStream = attachStream(http, { conversations, tokens: () => this.tokens(), logger });
  }

  /**
   * The token issuer, once its key is known: DIRECT_LINE_TOKEN_KEY, else the key the instances
   * share through Redis, else a random one for this process. Asked again after a failure.
   */
  tokens(): Promise<TokenIssuer> {
    this.issuer ??= this.makeIssuer().catch((err: unknown) => {
      this.issuer = undefined;
      throw err;
    });
    return this.issuer;
  }

  /**
   * The conversation a request's token is for (the one in the path, when the route has one), with
   * the token, or undefined once the error response is sent.
   */
  async authorize(
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<{ conversation: ConversationRef; token: { token: string; expiresAt: number } } | undefined> {
    const conversationId = (req as { params?: Record<string, string | undefined> }).params?.conversationId;
    const token = bearerToken(req);
    if (!token) {
      sendError(res, 401, 'a Direct Line token is required: Authorization: Bearer <token>', false, { 'WWW-Authenticate': 'Bearer' });
      return undefined;
    }
    const check = (await this.tokens()).check(token, 'conversation', conversationId);
    if (!check.ok) {
      sendError(res, 403, `the token ${TOKEN_REFUSALS[check.reason]}`);
      return undefined;
    }
    const conversation = await this.conversations.get(check.conversationId);
    if (!conversation) {
      sendError(res, 404, 'the conversation has ended');
      return undefined;
    }
    return { conversation, token: { token, expiresAt: check.expiresAt } };
  }

  /** `issued` (a new conversation token by default) as Direct Line returns it. */
  async grant(conversation: ConversationRef, issued?: { token: string; expiresAt: number }): Promise<Grant> {
    const tokens = await this.tokens();
    const { token, expiresAt } = issued ?? tokens.issue(conversation.id);
    return { conversationId: conversation.id, token, expires_in: tokens.expiresIn(expiresAt) };
  }

  /** The WebSocket URL of the conversation, with a fresh stream ticket, on the host the client used. */
  async streamUrl(req: IncomingMessage, conversation: ConversationRef, watermark?: number): Promise<string> {
    const params = new URLSearchParams();
    if (watermark !== undefined) params.set('watermark', String(watermark));
    params.set('t', (await this.tokens()).issue(conversation.id, 'stream').token);
    return `${isHttps(req) ? 'wss' : 'ws'}://${hostOf(req)}${PREFIX}/conversations/${conversation.id}/stream?${params}`;
  }

  /** Counts a start, refresh or reconnect against the conversation's budget; false once a 429 has been sent. */
  async mayGrant(conversation: ConversationRef, res: ServerResponse): Promise<boolean> {
    const wait = await this.conversations.takeGrant(conversation);
    if (wait) sendError(res, 429, `too many token requests; at most ${GRANTS_PER_MINUTE} a minute`, false, { 'Retry-After': wait });
    return !wait;
  }

  /** A new conversation and its first token, or undefined once a 429 has been sent. */
  async newConversation(req: IncomingMessage, res: ServerResponse): Promise<Grant | undefined> {
    if (!(await mayStartConversation(this.newConversations, req, res))) return undefined;
    const { conversation, closed } = await this.conversations.create(clientAddress(req));
    const { logger, config } = this.options;
    if (closed === 'store-full') logger.warn('web chat is full: closed the least recently active conversation');
    if (closed === 'address-cap') {
      logger.info(
        { perAddress: config.maxConversationsPerAddress },
        'web chat: an address at its cap gave up its least recently active conversation',
      );
    }
    return this.grant(conversation);
  }

  /**
   * Starts a conversation: the user joins and the bot's welcome turn is queued (later turns run
   * after it). False when the conversation had already started, on any instance.
   */
  async start(conversation: ConversationRef, locale?: string): Promise<boolean> {
    if (!(await this.conversations.markStarted(conversation))) return false;
    await this.conversations.touch(conversation);
    void this.enqueueTurn(conversation, async () => conversationStart(conversation, this.options.bot, locale));
    return true;
  }

  /**
   * Runs a turn after the conversation's earlier turns have finished (on this instance, then on
   * any: the registry's lock), so each message's echo and answer stay together and state is never
   * read by two turns at once. `begin`
   * makes the turn's activity (and adds the user's echo) when the turn's time comes. Never rejects.
   */
  enqueueTurn(conversation: ConversationRef, begin: () => Promise<Json>): Promise<void> {
    const { runTurn, logger, turnErrorReply } = this.options;
    const tail = this.turnTails.get(conversation.id) ?? Promise.resolve();
    const turn = tail
      .then(() => this.conversations.exclusive(conversation.id, async () => this.addReplies(conversation, await runTurn(await begin()))))
      .catch(async (err: unknown) => {
        logger.error({ err, conversationId: conversation.id }, 'web chat turn failed');
        await this.addReplies(conversation, [{ type: 'message', text: turnErrorReply, textFormat: 'plain' }]);
      })
      .catch((err: unknown) => logger.error({ err, conversationId: conversation.id }, 'could not add the apology of a failed turn'));
    this.turnTails.set(conversation.id, turn);
    void turn.then(() => {
      if (this.turnTails.get(conversation.id) === turn) this.turnTails.delete(conversation.id);
    });
    return turn;
  }

  /** Closes the streams and stops the housekeeping timer. */
  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.stopStream();
    await this.conversations.close();
  }

  private async makeIssuer(): Promise<TokenIssuer> {
    const { config, now } = this.options;
    const ownKey = randomBytes(32).toString('base64url');
    this.tokenKey = config.tokenKey ?? (await this.conversations.sharedTokenKey(ownKey)) ?? ownKey;
    // Used stream tickets: a conversation gets a few a minute at most (grants are rate-limited).
    return new TokenIssuer(this.tokenKey, config.tokenTtlSeconds * 1000, config.maxConversations * 16, now);
  }

  /**
   * Puts the shared token key back if Redis lost it (a restart without persistence), so that an
   * instance starting later signs with the same key as the running ones.
   */
  private async keepSharedKey(): Promise<void> {
    if (this.options.config.tokenKey || this.tokenKey === undefined) return;
    const shared = await this.conversations.sharedTokenKey(this.tokenKey);
    if (shared !== undefined && shared !== this.tokenKey) this.issuer = undefined; // another instance's key won
  }

  private async sweep(): Promise<void> {
    try {
      const removed = await this.conversations.sweep();
      await this.keepSharedKey();
      (await this.tokens()).sweep();
      if (removed) this.options.logger.debug({ removed }, 'web chat conversations expired');
    } catch (err) {
      this.options.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not sweep the web chat conversations');
    }
  }

  /**
   * Adds the bot's replies to the conversation. Traces are for the Emulator, and a typing indicator
   * would arrive together with the answer it announces (an in-process turn returns all its replies
   * at once), so both are dropped.
   */
  private async addReplies(conversation: ConversationRef, replies: Json[]): Promise<void> {
    for (const reply of replies) {
      if (!reply || reply.type === 'trace' || reply.type === 'typing') continue;
      await this.conversations.add(conversation, (id) =>
        botActivity(reply, conversation, this.options.bot, id, new Date(this.options.now())),
      );
    }
  }
}

/** Counts a new conversation against the client's address; false once a 429 has been sent. */
export async function mayStartConversation(limiter: Limiter, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  const wait = await limiter.take(clientAddress(req));
  if (wait) sendError(res, 429, 'too many new conversations from this address; try again shortly', false, { 'Retry-After': wait });
  return !wait;
}
