/**
 * A TCP proxy for outage tests: forwards to a target (PostgreSQL) and can, on command, cut every
 * connection and refuse new ones (`down`), or hold them open without passing bytes (`stall`), then
 * come back (`up`).
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export type ProxyMode = 'up' | 'down' | 'stall';

export interface TcpProxy {
  port: number;
  mode: ProxyMode;
  set(mode: ProxyMode): void;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream: Socket;
  /** Bytes held back while stalled, per direction. */
  held: Array<{ to: Socket; chunk: Buffer }>;
}

export async function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let mode: ProxyMode = 'up';
  const server: Server = createServer((client) => {
    if (mode === 'down') {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    const pair: Pair = { client, upstream, held: [] };
    pairs.add(pair);
    const end = () => {
      client.destroy();
      upstream.destroy();
      pairs.delete(pair);
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    const forward = (to: Socket) => (chunk: Buffer) => {
      if (mode === 'up') to.write(chunk);
      else pair.held.push({ to, chunk });
    };
    client.on('data', forward(upstream));
    upstream.on('data', forward(client));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    get mode() {
      return mode;
    },
    set(next: ProxyMode) {
      mode = next;
      for (const pair of [...pairs]) {
        if (next === 'down') {
          pair.client.destroy();
          pair.upstream.destroy();
        } else if (next === 'up') {
          for (const h of pair.held.splice(0)) h.to.write(h.chunk);
        }
      }
    },
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
