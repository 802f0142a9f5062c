// The WebSocket stream of the built-in Direct Line endpoint: the streamUrl returned when a
// conversation starts or reconnects. The socket first receives the activities after the
// watermark in its URL, then every new activity as it is added, as Direct Line activity sets.
// Messages from the client (Direct Line clients send empty keep-alives) are ignored.
// `ws` is loaded on the first upgrade, so start-up does not pay for it.
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../log';
import type { ConversationStore, Listener } from './conversations';
import type { TokenStore } from './tokens';

export const STREAM_PATH = /^\/v3\/directline\/conversations\/([A-Za-z0-9_-]{1,64})\/stream$/;
/** Sockets per conversation (tabs of one visitor); a new one closes the oldest beyond this. */
const SOCKETS_PER_CONVERSATION = 4;
const PING_EVERY_MS = 30_000;

export interface StreamOptions {
  store: ConversationStore;
  tokens: TokenStore;
  logger: Logger;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  const body = JSON.stringify({ error: reason });
  socket.end(
    `HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : status === 404 ? 'Not Found' : 'Bad Request'}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Serves the stream on `http`'s upgrade requests. Returns a function that closes every socket. */
export function attachStream(http: HttpServer, options: StreamOptions): () => void {
  const { store, tokens, logger } = options;
  let wss: WebSocketServer | undefined;
  let pinger: NodeJS.Timeout | undefined;
  const alive = new WeakMap<WebSocket, boolean>();

  const server = (): WebSocketServer => {
    if (wss) return wss;
    const { WebSocketServer: Wss } = require('ws') as typeof import('ws');
    wss = new Wss({ noServer: true, maxPayload: 4096, perMessageDeflate: false });
    // Drop sockets whose peer stopped answering pings.
    pinger = setInterval(() => {
      for (const ws of wss!.clients) {
        if (alive.get(ws) === false) {
          ws.terminate();
          continue;
        }
        alive.set(ws, false);
        ws.ping();
      }
    }, PING_EVERY_MS);
    pinger.unref();
    return wss;
  };

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => undefined);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match) return refuse(socket, 404, 'no WebSocket here');
    const conversationId = match[1];
    const auth = req.headers.authorization;
    const bearer = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7).trim() : undefined;
    const check = bearer
      ? tokens.check(bearer, 'conversation', conversationId)
      : tokens.check(url.searchParams.get('t') ?? undefined, 'stream', conversationId);
    if (!check.ok) return refuse(socket, 403, `the stream token is ${check.reason === 'expired' ? 'expired' : 'not valid for this conversation'}`);
    const conversation = store.get(conversationId);
    if (!conversation) return refuse(socket, 404, 'the conversation has ended');
    const w = url.searchParams.get('watermark');
    if (w && !/^\d{1,15}$/.test(w)) return refuse(socket, 400, 'the watermark must be a number');
    const watermark = w ? Number(w) : undefined;

    server().handleUpgrade(req, socket, head, (ws) => {
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      ws.on('error', () => undefined);
      const listener: Listener = {
        send: (message) => {
          if (ws.readyState === ws.OPEN) ws.send(message);
        },
        close: () => ws.close(1000, 'conversation ended'),
      };
      if (conversation.listeners.size >= SOCKETS_PER_CONVERSATION) {
        const oldest = conversation.listeners.values().next().value;
        if (oldest) {
          conversation.listeners.delete(oldest);
          oldest.close();
        }
      }
      conversation.listeners.add(listener);
      ws.on('close', () => conversation.listeners.delete(listener));
      const backlog = conversation.since(watermark);
      if (backlog.count) ws.send(backlog.json);
      logger.debug({ conversationId }, 'web chat stream opened');
    });
  };

  http.on('upgrade', onUpgrade);
  return () => {
    http.off('upgrade', onUpgrade);
    if (pinger) clearInterval(pinger);
    for (const ws of wss?.clients ?? []) ws.terminate();
    wss?.close();
  };
}
