// The channel the fuzzed activities' replies go to: a listener on 127.0.0.1 standing in for a
// Bot Framework channel (serviceUrl), so nothing leaves the machine. Replies under /fail are
// answered 500 on purpose, to exercise the bot's send-failure path; both kinds are counted.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Sink {
  url: string;
  /** Activities received and answered 200. */
  delivered: number;
  /** Activities received on the failing path (answered 500). */
  failed: number;
  /** POSTs per conversation on the failing path: more than one per message shows re-sends. */
  failedPerConversation: Map<string, number>;
  close(): Promise<void>;
}

export async function startSink(): Promise<Sink> {
  let n = 0;
  const sink: Sink = {
    url: '',
    delivered: 0,
    failed: 0,
    failedPerConversation: new Map(),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const failing = req.url?.startsWith('/fail/') ?? false;
      if (failing) {
        sink.failed += 1;
        const conversation = /\/v3\/conversations\/([^/]+)/.exec(req.url ?? '')?.[1] ?? '?';
        sink.failedPerConversation.set(conversation, (sink.failedPerConversation.get(conversation) ?? 0) + 1);
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end('{"error":{"code":"ServiceError","message":"fuzz sink fails on purpose"}}');
        return;
      }
      sink.delivered += 1;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ id: `sink-${++n}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return sink;
}
