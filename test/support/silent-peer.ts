// A peer for outbound-timeout tests: a loopback listener that accepts connections, reads what
// it is sent and never answers (a hung channel, token endpoint or OpenID metadata host).
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';

export interface SilentPeer {
  url: string;
  /** Connections open now. */
  open: () => number;
  /** Connections accepted so far. */
  connections: () => number;
  close: () => Promise<void>;
}

/** A peer that accepts connections, reads what it is sent, and never answers. */
export async function silentPeer(): Promise<SilentPeer> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: TcpServer = createTcpServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.resume(); // read, so that the peer sees the other side closing
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    open: () => sockets.size,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Waits (at most `ms`) until `condition` holds. */
export async function eventually(condition: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!condition() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return condition();
}
