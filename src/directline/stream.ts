// The WebSocket stream of the built-in Direct Line endpoint: the streamUrl returned when a
// conversation starts or reconnects. The socket first receives the activities after the
// watermark in its URL, then every new activity as it is added, as Direct Line activity sets.
// Messages from the client (Direct Line clients send empty keep-alives) are ignored.
// `ws` is loaded on the first upgrade, so start-up does not pay for it.
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../lib/log';
import { ConversationsUnavailableError, type ConversationRef, type ConversationRegistry, type Listener } from './registry';
import { bearerToken, targetOf, watermarkOf } from '../lib/request';
import { TOKEN_REFUSALS, type TokenIssuer } from './tokens';

export const STREAM_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{1,64})\/stream$/;
/** Sockets per conversation (tabs of one visitor); a new one closes the oldest beyond this. */
const SOCKETS_PER_CONVERSATION = 4;
const PING_EVERY_MS = 30_000;
const STATUS_TEXT: Record<number, string> = { 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' };

export interface StreamOptions {
  conversations: ConversationRegistry;
  tokens: () => Promise<TokenIssuer>;
  logger: Logger;
}

/** Answers an upgrade with an HTTP error and destroys the socket once it is written. */
function refuse(socket: Duplex, status: number, reason: string): void {
  if (!socket.writable) return void socket.destroy();
  const body = JSON.stringify({ error: reason });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Bad Request'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}

/** Serves the stream on `http`'s upgrade requests. Returns a function that closes every socket. */
export function attachStream(http: HttpServer, options: StreamOptions): () => void {
  const streams = new StreamServer(options);
  // Outside restify's chain: a throw here would end the process, so nothing may escape.
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    streams.upgrade(req, socket, head).catch((err: unknown) => {
      try {
        if (err instanceof ConversationsUnavailableError) return refuse(socket, 503, 'the chat is not available right now');
        options.logger.warn({ err, url: req.url?.slice(0, 200) }, 'refused a WebSocket upgrade that failed');
        refuse(socket, 400, 'bad WebSocket request');
      } catch {
        socket.destroy();
      }
    });
  };
  http.on('upgrade', onUpgrade);
  return () => {
    http.off('upgrade', onUpgrade);
    streams.close();
  };
}

/** The conversations' sockets: checked upgrades, the backlog then live activities, pings. */
class StreamServer {
  private wss: WebSocketServer | undefined;
  private pinger: NodeJS.Timeout | undefined;
  private readonly alive = new WeakMap<WebSocket, boolean>();
  /** This instance's sockets by conversation, oldest first. */
  private readonly sockets = new Map<string, Set<WebSocket>>();

  constructor(private readonly options: StreamOptions) {}

  async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const target = targetOf(req);
    if (!target) return refuse(socket, 400, 'the request target must be a path');
    const match = STREAM_PATH.exec(target.path);
    if (!match) return refuse(socket, 404, 'no WebSocket here');
    const conversationId = match[1];
    const bearer = bearerToken(req);
    const { conversations } = this.options;
    const tokens = await this.options.tokens();
    const check = bearer
      ? tokens.check(bearer, 'conversation', conversationId)
      : tokens.check(target.query.get('t') ?? undefined, 'stream', conversationId);
    if (!check.ok) return refuse(socket, 403, `the stream token ${TOKEN_REFUSALS[check.reason]}`);
    const ticket = bearer ? undefined : target.query.get('t');
    if (ticket && !(await conversations.claimTicket(ticket, check.expiresAt))) {
      return refuse(socket, 403, `the stream token ${TOKEN_REFUSALS.used}`);
    }
    const conversation = await conversations.get(conversationId);
    if (!conversation) return refuse(socket, 404, 'the conversation has ended');
    const watermark = watermarkOf(target.query);
    if (Number.isNaN(watermark)) return refuse(socket, 400, 'the watermark must be a number');
    this.server().handleUpgrade(req, socket, head, (ws) => void this.open(ws, conversation, watermark));
  }

  close(): void {
    if (this.pinger) clearInterval(this.pinger);
    for (const ws of this.wss?.clients ?? []) ws.terminate();
    this.wss?.close();
  }

  private server(): WebSocketServer {
    if (this.wss) return this.wss;
    // Loaded when the first web chat opens a stream, not on every start.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { WebSocketServer: Wss } = require('ws') as typeof import('ws');
    this.wss = new Wss({ noServer: true, maxPayload: 4096, perMessageDeflate: false });
    this.pinger = setInterval(() => this.pingAll(), PING_EVERY_MS);
    this.pinger.unref();
    return this.wss;
  }

  /** Drops sockets whose peer stopped answering pings (a timer: a throw here would end the process). */
  private pingAll(): void {
    for (const ws of this.wss!.clients) {
      try {
        if (this.alive.get(ws) === false) {
          ws.terminate();
          continue;
        }
        this.alive.set(ws, false);
        ws.ping();
      } catch (err) {
        this.options.logger.warn({ err }, 'could not ping a web chat stream');
        ws.terminate();
      }
    }
  }

  /**
   * Listens first, then sends the backlog: an activity added in between is held back until the
   * backlog has gone, and one the backlog already holds is not sent twice.
   */
  private async open(ws: WebSocket, conversation: ConversationRef, watermark: number | undefined): Promise<void> {
    this.alive.set(ws, true);
    ws.on('pong', () => this.alive.set(ws, true));
    ws.on('error', () => undefined);
    this.keepFewSockets(conversation.id, ws);
    let sentUpTo: number | undefined;
    const held: [string, number][] = [];
    const send = (message: string, seq: number) => {
      if (ws.readyState === ws.OPEN && seq > sentUpTo!) ws.send(message);
    };
    const listener: Listener = {
      send: (message, seq) => (sentUpTo === undefined ? held.push([message, seq]) : send(message, seq)),
      close: () => ws.close(1000, 'conversation ended'),
    };
    try {
      const stop = await this.options.conversations.listen(conversation.id, listener);
      ws.on('close', stop);
      if (ws.readyState !== ws.OPEN) return stop();
      const backlog = await this.options.conversations.since(conversation, watermark);
      if (backlog.count && ws.readyState === ws.OPEN) ws.send(backlog.json);
      sentUpTo = backlog.watermark;
      for (const [message, seq] of held.splice(0)) send(message, seq);
      this.options.logger.debug({ conversationId: conversation.id }, 'web chat stream opened');
    } catch (err) {
      this.options.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'could not open a web chat stream');
      ws.close(1011, 'the chat is not available right now');
    }
  }

  /** A visitor's tabs share a conversation; a new socket beyond a few closes the oldest. */
  private keepFewSockets(conversationId: string, ws: WebSocket): void {
    const mine = this.sockets.get(conversationId) ?? new Set<WebSocket>();
    this.sockets.set(conversationId, mine.add(ws));
    if (mine.size > SOCKETS_PER_CONVERSATION) {
      const oldest = mine.values().next().value!;
      mine.delete(oldest);
      oldest.close(1000, 'conversation opened elsewhere');
    }
    ws.on('close', () => {
      mine.delete(ws);
      if (!mine.size && this.sockets.get(conversationId) === mine) this.sockets.delete(conversationId);
    });
  }
}

/** With the built-in endpoint off (Azure mode): every upgrade is a 404, so no socket is left hanging. */
export function refuseUpgrades(http: HttpServer, logger: Logger): () => void {
  const onUpgrade = (_req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => undefined);
    try {
      refuse(socket, 404, 'no WebSocket here');
    } catch (err) {
      logger.warn({ err }, 'could not refuse a WebSocket upgrade');
      socket.destroy();
    }
  };
  http.on('upgrade', onUpgrade);
  return () => http.off('upgrade', onUpgrade);
}
