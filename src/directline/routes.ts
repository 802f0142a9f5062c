// The Direct Line v3-compatible endpoint built into the server, for the web chat:
//
//   POST /v3/directline/tokens/generate                      a new conversation and its token
//   POST /v3/directline/tokens/refresh                       a fresh token for the same conversation
//   POST /v3/directline/conversations                        start the token's conversation (the bot welcomes)
//   GET  /v3/directline/conversations/:id?watermark=N        reconnect: a new token and streamUrl
//   POST /v3/directline/conversations/:id/activities         post an activity; the bot's turn runs
//   GET  /v3/directline/conversations/:id/activities?watermark=N   poll
//   GET  /v3/directline/conversations/:id/stream?t=...       WebSocket (the streamUrl; src/directline/stream.ts)
//   POST /api/webchat/token                                  what the careers page calls: a token and the
//                                                            Direct Line domain to use (this server, or Azure
//                                                            when DIRECT_LINE_SECRET is set)
//
// Every call but the token routes needs `Authorization: Bearer <token>`: missing is a 401, a wrong,
// expired or other conversation's token a 403, an ended conversation a 404. Errors are JSON
// `{"error": "..."}`. Turns reach the bot through `runTurn` (CloudAdapter in-process, see
// src/server.ts); this module does not know botbuilder.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'restify';
import type { DirectLineConfig } from '../config';
import { readJson, sendError, sendJson, sendJsonText, type Json } from '../http';
import type { Logger } from '../log';
import {
  LOCALE,
  botActivity,
  checkClientActivity,
  conversationStart,
  turnActivity,
  userEcho,
  type BotIdentity,
  type RunTurn,
} from './activities';
import { generateAzureToken, TokenExchangeError } from './azure-token';
import { ConversationStore, GRANTS_PER_MINUTE, type Conversation } from './conversations';
import { RateLimiter, type Now } from './rate-limit';
import { bearerToken, clientAddress, hostOf, isHttps, queryOf, watermarkOf } from './request';
import { attachStream } from './stream';
import { TokenIssuer } from './tokens';

export interface DirectLineOptions {
  config: DirectLineConfig;
  /** Longest message text accepted (MAX_TEXT_CHARS); longer is a 400. */
  maxTextChars: number;
  bot: BotIdentity;
  runTurn: RunTurn;
  /** What the bot says when a turn fails so badly that even its own apology was lost. */
  turnErrorReply: string;
  logger: Logger;
  now?: Now;
}

export interface DirectLine {
  store: ConversationStore;
  tokens: TokenIssuer;
  /** Closes the streams and stops the housekeeping timer. */
  close(): void;
}

const PREFIX = '/v3/directline';
const SWEEP_EVERY_MS = 60_000;
const NO_STORE = { 'Cache-Control': 'no-store' };
/** A start or reconnect body is tiny ({"user": {...}, "locale": "en-US"}). */
const START_BODY_BYTES = 4096;

export function registerDirectLine(server: Server, options: DirectLineOptions): DirectLine {
  const { config, bot, runTurn, logger, maxTextChars } = options;
  const now = options.now ?? Date.now;
  const store = new ConversationStore(
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
  // Used stream tickets: a conversation gets a few a minute at most (reconnects are rate-limited).
  const tokens = new TokenIssuer(config.tokenKey, config.tokenTtlSeconds * 1000, config.maxConversations * 16, now);
  const newConversations = new RateLimiter(config.newConversationsPerMinute, now);

  // A timer, outside restify's chain: a throw here would end the process.
  const sweeper = setInterval(() => {
    try {
      const removed = store.sweep();
      tokens.sweep();
      if (removed) logger.debug({ removed, open: store.size }, 'web chat conversations expired');
    } catch (err) {
      logger.error({ err }, 'could not sweep the web chat conversations');
    }
  }, SWEEP_EVERY_MS);
  sweeper.unref();
  const stopStream = attachStream(server.server, { store, tokens, logger });

  /**
   * The conversation a request's token is for (the one in the path, when the route has one), with
   * the token, or undefined once the error response is sent.
   */
  function authorize(req: IncomingMessage, res: ServerResponse) {
    const conversationId = (req as { params?: Record<string, string | undefined> }).params?.conversationId;
    const token = bearerToken(req);
    if (!token) {
      sendError(res, 401, 'a Direct Line token is required: Authorization: Bearer <token>', false, { 'WWW-Authenticate': 'Bearer' });
      return undefined;
    }
    const check = tokens.check(token, 'conversation', conversationId);
    if (!check.ok) {
      sendError(res, 403, check.reason === 'expired' ? 'the token has expired' : 'the token is not valid for this conversation');
      return undefined;
    }
    const conversation = store.get(check.conversationId);
    if (!conversation) {
      sendError(res, 404, 'the conversation has ended');
      return undefined;
    }
    return { conversation, token: { token, expiresAt: check.expiresAt } };
  }

  /** A token grant as Direct Line returns it. */
  const grant = (conversation: Conversation, issued: { token: string; expiresAt: number }) => ({
    conversationId: conversation.id,
    token: issued.token,
    expires_in: tokens.expiresIn(issued.expiresAt),
  });

  const streamUrl = (req: IncomingMessage, conversation: Conversation, watermark?: number) => {
    const params = new URLSearchParams();
    if (watermark !== undefined) params.set('watermark', String(watermark));
    params.set('t', tokens.issue(conversation.id, 'stream').token);
    return `${isHttps(req) ? 'wss' : 'ws'}://${hostOf(req)}${PREFIX}/conversations/${conversation.id}/stream?${params}`;
  };

  /** Adds the bot's replies to the conversation (traces are for the Emulator and are dropped). */
  const addReplies = (conversation: Conversation, replies: Json[]) => {
    for (const reply of replies) {
      if (!reply || reply.type === 'trace') continue;
      conversation.add((id) => botActivity(reply, conversation, bot, id, new Date(now())));
    }
  };

  /**
   * Runs a turn after the conversation's earlier turns have finished, so each message's echo and
   * answer stay together and state is never read by two turns at once. `begin` makes the turn's
   * activity (and adds the user's echo) when the turn's time comes. Never rejects.
   */
  const enqueueTurn = (conversation: Conversation, begin: () => Json): Promise<void> => {
    const turn = conversation.turns
      .then(() => runTurn(begin()))
      .then(
        (replies) => addReplies(conversation, replies),
        (err: unknown) => {
          logger.error({ err, conversationId: conversation.id }, 'web chat turn failed');
          addReplies(conversation, [{ type: 'message', text: options.turnErrorReply, textFormat: 'plain' }]);
        },
      );
    conversation.turns = turn;
    return turn;
  };

  /**
   * Starts a conversation: the user joins and the bot's welcome is added. Returns the welcome
   * turn, or undefined when the conversation had already started.
   */
  const start = (conversation: Conversation, locale?: string): Promise<void> | undefined => {
    if (conversation.started) return undefined;
    conversation.started = true;
    store.touch(conversation);
    return enqueueTurn(conversation, () => conversationStart(conversation, bot, locale));
  };

  /** Counts a token grant against the conversation's budget; false once a 429 has been sent. */
  function mayGrant(conversation: Conversation, res: ServerResponse): boolean {
    const wait = conversation.grants.take(now());
    if (wait) sendError(res, 429, `too many token requests; at most ${GRANTS_PER_MINUTE} a minute`, false, { 'Retry-After': wait });
    return !wait;
  }

  /** Counts a new conversation against the client's address; false once a 429 has been sent. */
  function mayStartConversation(req: IncomingMessage, res: ServerResponse): boolean {
    const wait = newConversations.take(clientAddress(req));
    if (wait) sendError(res, 429, 'too many new conversations from this address; try again shortly', false, { 'Retry-After': wait });
    return !wait;
  }

  /** A new conversation and its first token, or undefined once a 429 has been sent. */
  function newConversation(req: IncomingMessage, res: ServerResponse) {
    if (!mayStartConversation(req, res)) return undefined;
    const { conversation, closed } = store.create(clientAddress(req));
    if (closed === 'store-full') logger.warn({ open: store.size }, 'web chat is full: closed the least recently active conversation');
    if (closed === 'address-cap') logger.info({ perAddress: config.maxConversationsPerAddress }, 'web chat: an address at its cap gave up its least recently active conversation');
    return grant(conversation, tokens.issue(conversation.id));
  }

  const handle =
    (route: (req: IncomingMessage, res: ServerResponse) => Promise<void>) =>
    async (req: IncomingMessage, res: ServerResponse) => {
      try {
        await route(req, res);
      } catch (err) {
        logger.error({ err, url: req.url?.split('?')[0] }, 'unexpected error on the Direct Line endpoint');
        if (!res.headersSent) sendError(res, 500, 'internal error');
      }
    };

  server.post(`${PREFIX}/tokens/generate`, handle(async (req, res) => {
    if (!(await readJson(req, res, START_BODY_BYTES, {}))) return;
    const granted = newConversation(req, res);
    if (granted) sendJson(res, 200, granted, false, NO_STORE);
  }));

  server.post(`${PREFIX}/tokens/refresh`, handle(async (req, res) => {
    const { conversation } = authorize(req, res) ?? {};
    if (!conversation || !mayGrant(conversation, res)) return;
    sendJson(res, 200, grant(conversation, tokens.issue(conversation.id)), false, NO_STORE);
  }));

  server.post(`${PREFIX}/conversations`, handle(async (req, res) => {
    const { conversation, token } = authorize(req, res) ?? {};
    if (!conversation || !token || !mayGrant(conversation, res)) return;
    const read = await readJson(req, res, START_BODY_BYTES, {});
    if (!read) return;
    const locale = (read.body as { locale?: unknown } | null)?.locale;
    // The welcome arrives on its own (poll or stream); the client does not wait for it.
    const started = start(conversation, typeof locale === 'string' && LOCALE.test(locale) ? locale : undefined) !== undefined;
    sendJson(res, started ? 201 : 200, { ...grant(conversation, token), streamUrl: streamUrl(req, conversation) }, false, NO_STORE);
  }));

  server.get(`${PREFIX}/conversations/:conversationId`, handle(async (req, res) => {
    const { conversation } = authorize(req, res) ?? {};
    if (!conversation) return;
    const watermark = watermarkOf(queryOf(req));
    if (Number.isNaN(watermark)) return sendError(res, 400, 'the watermark must be a number');
    if (!mayGrant(conversation, res)) return;
    const issued = tokens.issue(conversation.id);
    sendJson(res, 200, { ...grant(conversation, issued), streamUrl: streamUrl(req, conversation, watermark) }, false, NO_STORE);
  }));

  server.get(`${PREFIX}/conversations/:conversationId/activities`, handle(async (req, res) => {
    const { conversation } = authorize(req, res) ?? {};
    if (!conversation) return;
    const watermark = watermarkOf(queryOf(req));
    if (Number.isNaN(watermark)) return sendError(res, 400, 'the watermark must be a number');
    sendJsonText(res, 200, conversation.since(watermark).json, false, NO_STORE);
  }));

  server.post(`${PREFIX}/conversations/:conversationId/activities`, handle(async (req, res) => {
    const { conversation } = authorize(req, res) ?? {};
    if (!conversation) return;
    const wait = conversation.posts.take(now());
    if (wait) {
      req.resume();
      return sendError(res, 429, `too many messages; at most ${config.postsPerMinute} a minute`, false, { 'Retry-After': wait });
    }
    const read = await readJson(req, res, config.maxMessageBytes);
    if (!read) return;
    const checked = checkClientActivity(read.body, maxTextChars);
    if (!checked.ok) return sendError(res, 400, checked.error);
    // Typing indicators from the user are acknowledged, not kept: there is no one to show them to.
    if (checked.activity.type === 'typing') return sendJson(res, 200, { id: '' });
    // A client that posts without starting gets the welcome first.
    start(conversation);
    store.touch(conversation);
    let echo: Json | undefined;
    await enqueueTurn(conversation, () => {
      echo = conversation.add((id) => userEcho(checked.activity, conversation, bot, id, new Date(now())));
      return turnActivity(echo);
    });
    sendJson(res, 200, { id: echo?.id });
  }));

  // What the careers page calls first: a conversation token and the Direct Line domain to use it with.
  server.post('/api/webchat/token', handle(async (req, res) => {
    if (!(await readJson(req, res, START_BODY_BYTES, {}))) return;
    if (!config.secret) {
      const granted = newConversation(req, res);
      if (granted) sendJson(res, 200, { ...granted, domain: `${isHttps(req) ? 'https' : 'http'}://${hostOf(req)}${PREFIX}` }, false, NO_STORE);
      return;
    }
    if (!mayStartConversation(req, res)) return;
    try {
      const azure = await generateAzureToken(config.endpoint, config.secret);
      sendJson(res, 200, { ...azure, domain: `${config.endpoint}${PREFIX}` }, false, NO_STORE);
    } catch (err) {
      const reason = err instanceof TokenExchangeError ? err.message : 'unexpected error';
      logger.error({ reason, status: err instanceof TokenExchangeError ? err.status : undefined }, 'Direct Line token exchange failed');
      sendError(res, 502, 'the chat is not available right now; try again later');
    }
  }));

  return {
    store,
    tokens,
    close() {
      clearInterval(sweeper);
      stopStream();
      store.clear();
    },
  };
}
