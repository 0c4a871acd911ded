/**
 * A TCP proxy in this process in front of a real server (PostgreSQL or Redis, which the
 * tests must never stop) that misbehaves on demand, the three ways a network does:
 *
 *   const proxy = await new ChaosProxy('127.0.0.1', 5432).start();
 *   proxy.reset();          // RST every open connection; new ones pass
 *   await proxy.refuse();   // RST every connection and stop listening (ECONNREFUSED)
 *   proxy.blackhole();      // nothing moves either way; new connections hang unanswered
 *   await proxy.heal();     // back to normal on the same port; held bytes are delivered
 *
 * A black hole delays bytes, it does not drop them (TCP retransmits after a partition
 * heals): sockets are paused, so data waits in the kernel buffers until `heal()`.
 * No vitest import: bench/ uses it too.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

type Mode = 'pass' | 'blackhole' | 'refuse';

export class ChaosProxy {
  private server: Server | undefined;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket | undefined }>();
  private mode: Mode = 'pass';
  port = 0;
  /** Connections accepted so far (tests check that a client reconnected). */
  accepted = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(port = 0): Promise<this> {
    const server = createServer({ pauseOnConnect: true }, (client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
    return this;
  }

  /** `scheme://user@127.0.0.1:<proxy port>/db` for a URL of the real server. */
  url(target: string): string {
    const u = new URL(target);
    u.hostname = '127.0.0.1';
    u.port = String(this.port);
    return u.toString();
  }

  private accept(client: Socket): void {
    this.accepted++;
    const pair: { client: Socket; upstream: Socket | undefined } = { client, upstream: undefined };
    this.pairs.add(pair);
    const drop = () => {
      client.destroy();
      pair.upstream?.destroy();
      this.pairs.delete(pair);
    };
    client.on('error', drop);
    client.on('close', drop);
    if (this.mode === 'pass') this.link(pair);
    // In a black hole the client stays paused and unlinked until heal().
  }

  private link(pair: { client: Socket; upstream: Socket | undefined }): void {
    if (pair.upstream) return;
    const upstream = connect(this.targetPort, this.targetHost);
    pair.upstream = upstream;
    const drop = () => {
      pair.client.destroy();
      upstream.destroy();
      this.pairs.delete(pair);
    };
    upstream.on('error', drop);
    upstream.on('close', drop);
    pair.client.pipe(upstream).pipe(pair.client);
    pair.client.resume();
  }

  /** Resets every open connection (RST, as a crashed server or a firewall would). */
  reset(): void {
    for (const pair of [...this.pairs]) {
      pair.client.resetAndDestroy();
      pair.upstream?.resetAndDestroy();
      this.pairs.delete(pair);
    }
  }

  /** Resets every connection and stops listening: connects fail with ECONNREFUSED. */
  async refuse(): Promise<void> {
    this.mode = 'refuse';
    const server = this.server;
    this.server = undefined;
    this.reset();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  /** Stops every byte in both directions; new connections are accepted and never answered. */
  blackhole(): void {
    this.mode = 'blackhole';
    for (const { client, upstream } of this.pairs) {
      client.unpipe();
      upstream?.unpipe();
      client.pause();
      upstream?.pause();
    }
  }

  /** Back to a working network on the same port. */
  async heal(): Promise<void> {
    const was = this.mode;
    this.mode = 'pass';
    if (was === 'refuse') {
      await this.start(this.port);
      return;
    }
    for (const pair of this.pairs) {
      if (!pair.upstream) this.link(pair);
      else {
        pair.client.pipe(pair.upstream).pipe(pair.client);
        pair.client.resume();
        pair.upstream.resume();
      }
    }
  }

  async close(): Promise<void> {
    await this.refuse();
  }
}
