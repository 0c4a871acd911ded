import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the receiver does with the next request. */
export type Behaviour = number | 'reset' | 'silent' | { status: number; body: string };

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * A real HTTP server on 127.0.0.1 that records every webhook it gets and answers from
 * a script (`plan`), then `fallback`: a status, a connection reset, silence, or a body.
 */
export async function startReceiver(fallback: Behaviour = 200) {
  const received: Received[] = [];
  const plan: Behaviour[] = [];
  const silent = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const what = plan.shift() ?? fallback;
      if (what === 'reset') return req.socket.destroy();
      if (what === 'silent') return void silent.add(res);
      if (typeof what === 'number') return res.writeHead(what).end(what < 300 ? 'ok' : 'nope');
      res.writeHead(what.status).end(what.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    received,
    plan,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of silent) res.socket?.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
