import type { Server, Socket } from 'node:net';
import { connect, createServer } from 'node:net';

export interface SwitchableProxy {
  url: string;
  /** Refuses connections and cuts the open ones: the network is gone. */
  off(): Promise<void>;
  on(): Promise<void>;
  close(): Promise<void>;
}

/** A TCP relay to `target` on a fixed loopback port that can be switched off and on: a real network loss. */
export async function startSwitchableProxy(target: string): Promise<SwitchableProxy> {
  const { hostname, port: targetPort } = new URL(target);
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const next = createServer((client) => {
        const upstream = connect(Number(targetPort), hostname);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => socket.destroy());
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        port = (next.address() as { port: number }).port;
        server = next;
        resolve();
      });
    });
  const off = async () => {
    const current = server;
    server = null;
    for (const socket of sockets) socket.destroy();
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  };
  await listen();
  return { url: `http://127.0.0.1:${port}`, off, on: listen, close: off };
}
