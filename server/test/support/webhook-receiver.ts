/**
 * A webhook receiver for tests and the bench: a real HTTP server on 127.0.0.1 keeping every POST
 * (raw body, headers, when it came), which can go down (closed: connections refused) and come back
 * up on the same port. Not imported by the server.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  raw: string;
  headers: IncomingHttpHeaders;
  atMs: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Called with each POST as it arrives (the bench measures latency with it). */
  onPost: ((r: Received) => void) | null;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(path = '/hook'): Promise<Receiver> {
  const received: Received[] = [];
  let server: Server | null = null;
  let port = 0;
  const self: Receiver = {
    url: '',
    received,
    onPost: null,
    async up() {
      const s = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const r = { raw: Buffer.concat(chunks).toString('utf8'), headers: req.headers, atMs: Date.now() };
          received.push(r);
          self.onPost?.(r);
          res.writeHead(204).end();
        });
      });
      await new Promise<void>((resolve) => s.listen(port, '127.0.0.1', resolve));
      port = (s.address() as AddressInfo).port;
      self.url = `http://127.0.0.1:${port}${path}`;
      server = s;
    },
    async down() {
      const s = server;
      server = null;
      if (!s) return;
      s.closeAllConnections();
      await new Promise<void>((resolve) => s.close(() => resolve()));
    },
    close: () => self.down(),
  };
  await self.up();
  return self;
}
