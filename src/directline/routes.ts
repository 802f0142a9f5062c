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
// With DIRECT_LINE_SECRET set the page talks to Azure, so only /api/webchat/token is served: the
// /v3/directline routes and the stream are 404s (nothing would use them but someone probing).
//
// Every call but the token routes needs `Authorization: Bearer <token>`: missing is a 401, a wrong,
// expired or other conversation's token a 403, an ended conversation a 404. Errors are JSON
// `{"error": "..."}`. The state and shared steps are in endpoint.ts.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Server } from 'restify';
import type { DirectLineConfig } from '../config';
import { readJson, sendError, sendJson, sendJsonText, type Json } from '../lib/http';
import type { Logger } from '../lib/log';
import { LOCALE, checkClientActivity, turnActivity, userEcho, type BotIdentity, type RunTurn } from './activities';
import { OutboundGate } from '../outbound/gate';
import { generateAzureToken, TokenExchangeError } from './azure-token';
import type { ConversationLimits, ConversationStore } from './conversations';
import { MemoryRegistry } from './memory-registry';
import { ConversationsUnavailableError, type ConversationRegistry } from './registry';
import { Endpoint, PREFIX, mayStartConversation } from './endpoint';
import type { Now } from '../lib/rate-limit';
import { MemoryLimiter, type Limiter } from '../storage/limiter';
import { hostOf, isHttps, queryOf, watermarkOf } from '../lib/request';
import { refuseUpgrades } from './stream';

export interface DirectLineOptions {
  config: DirectLineConfig;
  /** Longest message text accepted (MAX_TEXT_CHARS); longer is a 400. */
  maxTextChars: number;
  bot: BotIdentity;
  runTurn: RunTurn;
  /** What the bot says when a turn fails so badly that even its own apology was lost. */
  turnErrorReply: string;
  logger: Logger;
  /** Where new conversations per address are counted (shared by instances on Redis); memory by default. */
  limiter?: (perMinute: number) => Limiter;
  /** Where the conversations are kept (Redis, for instances behind one address); this instance's memory by default. */
  registry?: (limits: ConversationLimits) => ConversationRegistry;
  now?: Now;
}

export interface DirectLine {
  /** The built-in endpoint's conversations; undefined when the page uses Azure Direct Line. */
  conversations?: ConversationRegistry;
  /** The same, when they are in this instance's memory. */
  store?: ConversationStore;
  /** Closes the streams and stops the housekeeping timer. */
  close(): Promise<void>;
}

type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

const NO_STORE = { 'Cache-Control': 'no-store' };
/** A start or reconnect body is tiny ({"user": {...}, "locale": "en-US"}). */
const START_BODY_BYTES = 4096;

export function registerDirectLine(server: Server, options: DirectLineOptions): DirectLine {
  const { config, logger } = options;
  const now = options.now ?? Date.now;
  const perMinute = config.newConversationsPerMinute;
  const newConversations = options.limiter?.(perMinute) ?? new MemoryLimiter(perMinute, now);
  const handle =
    (route: Route) =>
    async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
      try {
        await route(req, res);
      } catch (err) {
        if (err instanceof ConversationsUnavailableError) {
          logger.warn({ reason: (err.cause as Error | undefined)?.message }, 'web chat: the conversations could not be reached');
          if (!res.headersSent) sendUnavailable(res);
          return;
        }
        logger.error({ err, url: req.url?.split('?')[0] }, 'unexpected error on the Direct Line endpoint');
        if (!res.headersSent) sendError(res, 500, 'internal error');
      }
    };

  if (config.secret) {
    server.post('/api/webchat/token', handle(azureTokenRoute(config, newConversations, logger)));
    const stop = refuseUpgrades(server.server, logger);
    return { close: async () => stop() };
  }
  const limits = conversationLimits(config);
  const registry = options.registry?.(limits) ?? new MemoryRegistry(limits, now);
  const endpoint = new Endpoint(server.server, { ...options, now }, registry, newConversations);
  registerTokenRoutes(server, endpoint, handle);
  registerConversationRoutes(server, endpoint, options, handle);
  const store = registry instanceof MemoryRegistry ? registry.store : undefined;
  return { conversations: registry, store, close: () => endpoint.close() };
}

function conversationLimits(config: DirectLineConfig): ConversationLimits {
  return {
    maxConversations: config.maxConversations,
    maxPerAddress: config.maxConversationsPerAddress,
    maxActivities: config.maxActivities,
    maxBytes: config.maxConversationBytes,
    idleMs: config.conversationIdleMinutes * 60_000,
    postsPerMinute: config.postsPerMinute,
  };
}

/** The conversations' store is down (Redis): Web Chat tries again by itself. */
function sendUnavailable(res: ServerResponse): void {
  sendError(res, 503, 'the chat is not available right now; try again shortly', false, { 'Retry-After': 5 });
}

/** What the careers page calls first with DIRECT_LINE_SECRET set: an Azure token and domain. */
function azureTokenRoute(config: DirectLineConfig, newConversations: Limiter, logger: Logger): Route {
  const outbound = new OutboundGate(config.outbound);
  return async (req, res) => {
    if (!(await readJson(req, res, START_BODY_BYTES, {}))) return;
    if (!(await mayStartConversation(newConversations, req, res))) return;
    try {
      const azure = await generateAzureToken(config.endpoint, config.secret!, outbound);
      sendJson(res, 200, { ...azure, domain: `${config.endpoint}${PREFIX}` }, false, NO_STORE);
    } catch (err) {
      const reason = err instanceof TokenExchangeError ? err.message : 'unexpected error';
      logger.error({ reason, status: err instanceof TokenExchangeError ? err.status : undefined }, 'Direct Line token exchange failed');
      sendError(res, 502, 'the chat is not available right now; try again later');
    }
  };
}

function registerTokenRoutes(server: Server, endpoint: Endpoint, handle: (route: Route) => Route): void {
  server.post(
    `${PREFIX}/tokens/generate`,
    handle(async (req, res) => {
      if (!(await readJson(req, res, START_BODY_BYTES, {}))) return;
      const granted = await endpoint.newConversation(req, res);
      if (granted) sendJson(res, 200, granted, false, NO_STORE);
    }),
  );

  // What the careers page calls first: a conversation token and the Direct Line domain to use it with.
  server.post(
    '/api/webchat/token',
    handle(async (req, res) => {
      if (!(await readJson(req, res, START_BODY_BYTES, {}))) return;
      const granted = await endpoint.newConversation(req, res);
      if (granted)
        sendJson(res, 200, { ...granted, domain: `${isHttps(req) ? 'https' : 'http'}://${hostOf(req)}${PREFIX}` }, false, NO_STORE);
    }),
  );

  server.post(
    `${PREFIX}/tokens/refresh`,
    handle(async (req, res) => {
      const { conversation } = (await endpoint.authorize(req, res)) ?? {};
      if (!conversation || !(await endpoint.mayGrant(conversation, res))) return;
      sendJson(res, 200, await endpoint.grant(conversation), false, NO_STORE);
    }),
  );
}

function registerConversationRoutes(server: Server, endpoint: Endpoint, options: DirectLineOptions, handle: (route: Route) => Route): void {
  const { config, bot, maxTextChars } = options;
  const now = options.now ?? Date.now;

  server.post(
    `${PREFIX}/conversations`,
    handle(async (req, res) => {
      const { conversation, token } = (await endpoint.authorize(req, res)) ?? {};
      if (!conversation || !token || !(await endpoint.mayGrant(conversation, res))) return;
      const read = await readJson(req, res, START_BODY_BYTES, {});
      if (!read) return;
      const locale = (read.body as { locale?: unknown } | null)?.locale;
      // The welcome arrives on its own (poll or stream); the client does not wait for it.
      const started = await endpoint.start(conversation, typeof locale === 'string' && LOCALE.test(locale) ? locale : undefined);
      const body = { ...(await endpoint.grant(conversation, token)), streamUrl: await endpoint.streamUrl(req, conversation) };
      sendJson(res, started ? 201 : 200, body, false, NO_STORE);
    }),
  );

  server.get(
    `${PREFIX}/conversations/:conversationId`,
    handle(async (req, res) => {
      const { conversation } = (await endpoint.authorize(req, res)) ?? {};
      if (!conversation) return;
      const watermark = watermarkOf(queryOf(req));
      if (Number.isNaN(watermark)) return sendError(res, 400, 'the watermark must be a number');
      if (!(await endpoint.mayGrant(conversation, res))) return;
      const streamUrl = await endpoint.streamUrl(req, conversation, watermark);
      sendJson(res, 200, { ...(await endpoint.grant(conversation)), streamUrl }, false, NO_STORE);
    }),
  );

  server.get(
    `${PREFIX}/conversations/:conversationId/activities`,
    handle(async (req, res) => {
      const { conversation } = (await endpoint.authorize(req, res)) ?? {};
      if (!conversation) return;
      const watermark = watermarkOf(queryOf(req));
      if (Number.isNaN(watermark)) return sendError(res, 400, 'the watermark must be a number');
      sendJsonText(res, 200, (await endpoint.conversations.since(conversation, watermark)).json, false, NO_STORE);
    }),
  );

  server.post(
    `${PREFIX}/conversations/:conversationId/activities`,
    handle(async (req, res) => {
      const { conversation } = (await endpoint.authorize(req, res)) ?? {};
      if (!conversation) return;
      const wait = await endpoint.conversations.takePost(conversation);
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
      await endpoint.start(conversation);
      await endpoint.conversations.touch(conversation);
      let echo: Json | undefined;
      await endpoint.enqueueTurn(conversation, async () => {
        echo = await endpoint.conversations.add(conversation, (id) => userEcho(checked.activity, conversation, bot, id, new Date(now())));
        return turnActivity(echo);
      });
      // No echo: the message could not be kept (the shared store is down), so no turn ran.
      if (!echo) return sendUnavailable(res);
      sendJson(res, 200, { id: echo.id });
    }),
  );
}
