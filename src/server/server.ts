// The HTTP surface: POST /api/messages (Bot Framework v3 protocol through CloudAdapter),
// GET /api/ask (src/server/ask.ts), GET /healthz. `createServer` takes any bot, so the benchmark starts a bare echo
// bot exactly the same way as the FAQ bot.
//
// GET /metrics and the request ids are src/server/metrics.ts; GET /readyz asks the state store.
//
// /api/messages reads and checks the request itself before botbuilder sees it: a body over the
// size limit is a 413, malformed JSON, a non-object body, a missing `type` or a bad `text` are a
// 400, each with a JSON `{"error": "..."}` body (CloudAdapter would answer a missing type with a
// 500). The checked activity then goes through CloudAdapter's own processing (authentication,
// turn context, middleware, the bot); see BotServerAdapter (adapter.ts) for why we call it below
// `process`.
import type { AddressInfo } from 'node:net';
import type { Activity, ActivityHandler, InvokeResponse, TurnContext } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import type { Request, Response, Server } from 'restify';
import type { BotServerAdapter } from './adapter';
import { TokenValidationUnavailableError } from './auth';
import { checkActivity } from './activity-check';
import { registerAsk } from './ask';
import { registerAdmin, type AdminOptions } from '../admin/routes';
import type { DecisionListener } from '../faq/decision';
import type { FaqApi } from '../faq/port';
import { instrument, type Metrics } from './metrics';
import { channelSendErrorIn } from '../outbound/channel-send-error';
import { readJson, sendError, sendJson, type Json } from '../lib/http';
import type { AskConfig, Config, DirectLineConfig, WebChatConfig } from '../config';
import { registerDirectLine, type DirectLine } from '../directline/routes';
import { outboundErrorOf, type OutboundError } from '../outbound/gate';
import type { TemplateData } from '../knowledge/templates';
import type { Logger } from '../lib/log';
import { registerWebChat } from '../web/routes';
import type { WebAssets } from '../web/pages';
import type { Limiter } from '../storage/limiter';
import type { ConversationLimits } from '../directline/conversations';
import type { ConversationRegistry } from '../directline/registry';

/**
 * restify 11 loads spdy, whose http-deceiver calls the deprecated process.binding('http_parser')
 * and prints a DEP0111 warning on every start. It is harmless (we do not use spdy), so that one
 * warning is muted while restify loads; every other warning still prints.
 */
function loadRestify(): typeof import('restify') {
  const emitWarning = process.emitWarning;
  process.emitWarning = function (warning: string | Error, ...rest: unknown[]) {
    const options = rest[0];
    const code = options && typeof options === 'object' ? (options as { code?: unknown }).code : rest[1];
    if (code === 'DEP0111') return;
    return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    // A require() here, not an import: the warning must be muted before restify loads.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('restify');
  } finally {
    process.emitWarning = emitWarning;
  }
}
// Loaded by the first server made, so a process that builds only the bot (the terminal chat) never pays for it.
let restify: typeof import('restify') | undefined;

export interface ServerOptions {
  /** The bot run for every activity: FaqBot, or a bare echo bot in the benchmark. */
  bot: Pick<ActivityHandler, 'run'>;
  adapter: BotServerAdapter;
  config: Pick<Config, 'maxBodyBytes' | 'maxTextChars'>;
  logger: Logger;
  /** The FAQ service behind /api/ask. Without it /api/ask answers 503. */
  faq?: Pick<FaqApi, 'ask'>;
  /** /api/ask's CORS origins and rate limit (ASK_*); without them, no CORS headers and no limit. */
  ask?: AskConfig;
  /** Number of knowledge base entries, reported by /healthz. */
  entries?: number;
  /** Request metrics and ids, and GET /metrics; without them, neither. */
  metrics?: Metrics;
  /** Told of every /api/ask decision (channel "api"). */
  onDecision?: DecisionListener;
  /** Where the per-client rate limits are counted, by limit (shared by instances on Redis); memory by default. */
  limiter?: (limit: 'ask' | 'new-conversations' | 'admin-login', perMinute: number) => Limiter;
  /** Whether the instance can serve conversations (its state store answers); GET /readyz. */
  ready?: () => Promise<Readiness>;
  /** The analytics page at /admin (src/admin/); without it, no /admin. */
  admin?: Omit<AdminOptions, 'logger' | 'limiter'>;
  /** The web chat: careers page, Web Chat files and the built-in Direct Line endpoint. */
  /** The web chat channel; `turnErrorReply` is what a failed web chat turn says. */
  webchat?: {
    webchat: WebChatConfig;
    directLine: DirectLineConfig;
    data: TemplateData;
    turnErrorReply: string;
    /** Where its conversations are kept (Redis, for instances behind one address); memory by default. */
    registry?: (limits: ConversationLimits) => ConversationRegistry;
  };
}

/** What GET /readyz reports: 200 when `ready`, else 503. */
export interface Readiness {
  ready: boolean;
  store: { kind: string; ok: boolean; error?: string };
}

/** The web chat channel of a server (its Direct Line endpoint and page files). */
export interface WebChannel {
  directLine: DirectLine;
  assets: WebAssets;
}

/** The bot's id in web chat conversations. */
export const WEBCHAT_BOT_ID = 'careers-faq-bot';

const webChannels = new WeakMap<Server, WebChannel>();

/** The web chat channel registered on `server`, if any. */
export const webChannelOf = (server: Server): WebChannel | undefined => webChannels.get(server);

/** A reply that could not be delivered because an outbound call was refused or timed out
 * (src/outbound/gate.ts): 503 when over the cap, else 504. */
function sendOutboundFailure(res: Response, err: OutboundError): void {
  if (err.kind === 'busy') sendError(res, 503, 'the bot is busy sending replies; try again shortly');
  else sendError(res, 504, 'a Bot Framework service did not answer in time; the reply was not delivered');
}

/** Whether the request target has a path restify can route ("http://" and "*" do not). */
function hasPath(req: Request): boolean {
  try {
    return req.getPath()?.startsWith('/') ?? false;
  } catch {
    return false; // url.parse throws on some targets
  }
}

export function createServer(options: ServerOptions): Server {
  const server = restifyServer(options.logger, options.metrics);
  const logic = (context: TurnContext) => options.bot.run(context);
  routeMessages(server, options, logic);
  const { faq, config, logger, ask, onDecision, limiter } = options;
  const askLimiter = limiter && ((perMinute: number) => limiter('ask', perMinute));
  registerAsk(server, { faq, maxTextChars: config.maxTextChars, logger, onDecision, limiter: askLimiter, ...ask });
  server.get('/healthz', async (_req, res) => {
    sendJson(res, 200, { status: 'ok', entries: options.entries ?? 0 });
  });
  const ready = options.ready;
  server.get('/readyz', async (_req, res) => {
    const readiness = ready ? await ready() : { ready: true, store: { kind: 'none', ok: true } };
    sendJson(res, readiness.ready ? 200 : 503, { status: readiness.ready ? 'ready' : 'not ready', ...readiness }, false, {
      'Cache-Control': 'no-store',
    });
  });
  if (options.admin)
    registerAdmin(server, { ...options.admin, logger, limiter: limiter && ((perMinute) => limiter('admin-login', perMinute)) });
  if (options.webchat) routeWebChat(server, options, options.webchat, logic);
  const conversations = webChannelOf(server)?.directLine.conversations;
  if (conversations) options.metrics?.countOpenConversations(() => conversations.open());
  return server;
}

/** A restify server whose own errors and malformed targets answer in this server's JSON shape. */
function restifyServer(logger: Logger, metrics: Metrics | undefined): Server {
  restify ??= loadRestify();
  const server = restify.createServer({
    name: 'careers-faq-bot',
    log: logger.child({ component: 'restify' }) as never,
    ignoreTrailingSlash: true,
    handleUncaughtExceptions: false,
  });
  if (metrics) instrument(server, metrics);
  // restify's own errors (404, 405, 415 ...) in the shape and type of ours: {"error": "..."} as
  // UTF-8 JSON; a 405 says which methods the route takes.
  server.on('restifyError', (req: Request, res: Response, err: Error & { toJSON?: () => unknown }, callback: () => void) => {
    const allow = err.name === 'MethodNotAllowedError' ? res.getHeader('Allow') : undefined;
    const message = typeof allow === 'string' ? `${req.method} is not allowed on ${req.getPath()}; use ${allow}` : err.message;
    err.toJSON = () => ({ error: message });
    res.charSet('utf-8');
    return callback();
  });
  server.pre((req, res, next) => {
    // Every response, restify's own 404s and 405s included: browsers must not guess another type.
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // restify's router asserts that a target has a path and would throw outside any handler.
    if (!hasPath(req)) {
      sendError(res, 400, 'the request target must be a path, such as /api/ask');
      return next(false);
    }
    return next();
  });
  return server;
}

type TurnLogic = (context: TurnContext) => Promise<void>;

/** POST /api/messages: the Bot Framework's activities, checked, authenticated and run as turns. */
function routeMessages(server: Server, { adapter, config, logger }: ServerOptions, logic: TurnLogic): void {
  server.post('/api/messages', async (req, res) => {
    try {
      const read = await readJson(req, res, config.maxBodyBytes);
      if (!read) return;
      const checked = checkActivity(read.body, config.maxTextChars);
      if (!checked.ok) {
        sendError(res, 400, checked.error);
        return;
      }
      let result: InvokeResponse | undefined;
      try {
        result = await adapter.handle(req.headers.authorization ?? '', checked.activity, logic);
      } catch (err) {
        sendTurnFailure(res, err, logger);
        return;
      }
      if (result?.body !== undefined) {
        sendJson(res, result.status ?? 200, result.body);
      } else {
        res.writeHead(result?.status ?? 200);
        res.end();
      }
    } catch (err) {
      logger.error({ err }, 'unexpected error on /api/messages');
      if (!res.headersSent) sendError(res, 500, 'internal error');
    }
  });
}

/** The status and error for a turn that failed: whose fault it was decides. */
function sendTurnFailure(res: Response, err: unknown, logger: Logger): void {
  // A send that timed out is a ChannelSendError too: the timeout decides the status.
  const refused = channelSendErrorIn(err);
  const outbound = outboundErrorOf(err);
  if (err instanceof TokenValidationUnavailableError) {
    logger.error({ reason: err.message }, 'refused a request whose token could not be validated');
    sendError(res, 401, 'unauthorized');
  } else if (outbound) {
    // A refused send was logged by onTurnError already.
    if (!refused) logger.error({ peer: outbound.origin, reason: outbound.message }, 'the reply could not be delivered');
    sendOutboundFailure(res, outbound);
  } else if (refused) {
    // Logged by onTurnError; the channel, not this server, failed.
    sendError(res, 502, 'the channel did not accept the reply (its serviceUrl failed); it was not answered again');
  } else if (err instanceof AuthenticationError) {
    logger.warn({ reason: err.message }, 'refused an unauthenticated request');
    sendError(res, 401, 'unauthorized');
  } else {
    logger.error({ err }, 'could not process the activity');
    sendError(res, 500, 'the bot could not process this activity');
  }
}

/** The web chat's Direct Line endpoint and page; its turns go through CloudAdapter in-process. */
function routeWebChat(
  server: Server,
  { adapter, config, logger, limiter }: ServerOptions,
  { webchat, directLine, data, turnErrorReply, registry }: NonNullable<ServerOptions['webchat']>,
  logic: TurnLogic,
): void {
  const channel: WebChannel = {
    directLine: registerDirectLine(server, {
      config: directLine,
      maxTextChars: config.maxTextChars,
      bot: { id: WEBCHAT_BOT_ID, name: webchat.botName },
      runTurn: async (activity) => (await adapter.runInProcess(activity as unknown as Activity, logic)) as Json[],
      turnErrorReply,
      logger,
      limiter: limiter && ((perMinute) => limiter('new-conversations', perMinute)),
      registry,
    }),
    assets: registerWebChat(server, { webchat, data, azureEndpoint: directLine.secret ? directLine.endpoint : undefined, logger }),
  };
  webChannels.set(server, channel);
}

/** Starts listening; resolves with the bound port (useful with port 0) and a base URL. */
export function listen(server: Server, port: number, host?: string): Promise<{ port: number; url: string }> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    const done = () => {
      server.off('error', onError);
      const address = server.address() as AddressInfo;
      const shownHost = !host || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      resolve({ port: address.port, url: `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${address.port}` });
    };
    if (host) server.listen(port, host, done);
    else server.listen(port, done);
  });
}

/** Stops accepting connections and waits (at most `timeoutMs`) for open requests to finish. */
export function close(server: Server, timeoutMs = 5000): Promise<void> {
  // WebSocket streams are not HTTP requests: end them, or the server would wait for them.
  void webChannelOf(server)?.directLine.close();
  return new Promise((resolve) => {
    const http = server.server;
    const timer = setTimeout(() => {
      http.closeAllConnections?.();
      resolve();
    }, timeoutMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    http.closeIdleConnections?.();
  });
}
