import { randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { SqlRunner } from '../../db/client.js';
import {
  type BusOptions,
  decode,
  encode,
  type Invalidation,
  type InvalidationBus,
  Subscribers,
} from './types.js';

/** Channel names are lower-case identifiers so LISTEN/NOTIFY need no quoting games. */
const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

function checkChannel(channel: string): string {
  if (!CHANNEL.test(channel)) throw new RangeError(`invalid channel name: ${channel}`);
  return channel;
}

export interface PgBusOptions extends BusOptions {
  /** `postgres://…` for the dedicated listening connection. */
  connectionString: string;
  /** Runs `pg_notify` (the app's pool); a small pool of its own when omitted. */
  sql?: SqlRunner;
  channel?: string;
}

/**
 * PostgreSQL LISTEN/NOTIFY, for several nodes without Redis. A dedicated `pg.Client`
 * listens (a pooled connection would be handed to others and lose the LISTEN); when it
 * drops, it reconnects with backoff and LISTENs again, then calls `onReconnect`.
 */
export class PgBus implements InvalidationBus {
  private readonly id = randomUUID();
  private readonly subs: Subscribers;
  private readonly channel: string;
  private readonly ownPool: pg.Pool | undefined;
  private readonly sql: SqlRunner;
  private client: pg.Client | undefined;
  private closed = false;
  private attempts = 0;
  private retry: NodeJS.Timeout | undefined;
  private pid: number | undefined;

  private constructor(private readonly opts: PgBusOptions) {
    this.channel = checkChannel(opts.channel ?? 'klipy_invalidate');
    this.subs = new Subscribers(opts.logger);
    if (opts.sql) this.sql = opts.sql;
    else {
      this.ownPool = new pg.Pool({ connectionString: opts.connectionString, max: 2 });
      this.ownPool.on('error', () => {});
      this.sql = this.ownPool;
    }
  }

  /** Connects the listener (and keeps retrying in the background if that first attempt fails). */
  static async create(opts: PgBusOptions): Promise<PgBus> {
    const bus = new PgBus(opts);
    try {
      await bus.listen();
    } catch (err) {
      opts.logger.warn(
        { err: (err as Error).message },
        'invalidation bus: PostgreSQL listener not connected, retrying',
      );
      bus.scheduleReconnect();
    }
    return bus;
  }

  /** Backend pid of the listening connection (tests terminate it to simulate a drop). */
  get listenerPid(): number | undefined {
    return this.pid;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.opts.connectionString });
    const lost = (err?: Error) => {
      if (this.client !== client) return; // already replaced
      this.client = undefined;
      this.pid = undefined;
      client.removeAllListeners('notification');
      client.end().catch(() => {});
      if (!this.closed) {
        this.opts.logger.warn(
          { err: err?.message },
          'invalidation bus: PostgreSQL listener lost, reconnecting',
        );
        this.scheduleReconnect();
      }
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (n) => {
      if (n.channel !== this.channel || !n.payload) return;
      const msg = decode(this.id, n.payload);
      if (msg) this.subs.deliver(msg);
    });
    await client.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await client.query(`LISTEN ${this.channel}`);
    if (this.closed) {
      await client.end();
      return;
    }
    this.client = client;
    this.pid = rows[0]?.pid;
    this.attempts = 0;
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retry) return;
    const delay = Math.min(100 * 2 ** this.attempts, 2_000);
    this.attempts++;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.listen().then(
        () => {
          if (this.closed) return;
          this.opts.logger.info('invalidation bus: PostgreSQL listener reconnected');
          this.opts.onReconnect?.();
        },
        () => this.scheduleReconnect(),
      );
    }, delay);
    this.retry.unref();
  }

  async publish(msg: Invalidation): Promise<void> {
    this.subs.deliver(msg);
    try {
      await this.sql.query('SELECT pg_notify($1, $2)', [this.channel, encode(this.id, msg)]);
    } catch (err) {
      this.opts.logger.warn(
        { err: err instanceof Error ? err.message : String(err), kind: msg.kind },
        'invalidation bus: NOTIFY failed; other nodes rely on their cache TTL',
      );
    }
  }

  subscribe(handler: (msg: Invalidation) => void): () => void {
    return this.subs.add(handler);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    this.subs.clear();
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
    await this.ownPool?.end();
  }
}

/**
 * The same bus on an embedded PGlite (one process): PGlite's `listen()` plus
 * `pg_notify`. Useful to exercise the NOTIFY path without a server.
 */
export class PgliteBus implements InvalidationBus {
  private readonly id = randomUUID();
  private readonly subs: Subscribers;
  private readonly channel: string;
  private unlisten: (() => Promise<void>) | undefined;

  private constructor(
    private readonly db: PGlite,
    private readonly opts: BusOptions & { channel?: string },
  ) {
    this.channel = checkChannel(opts.channel ?? 'klipy_invalidate');
    this.subs = new Subscribers(opts.logger);
  }

  static async create(db: PGlite, opts: BusOptions & { channel?: string }): Promise<PgliteBus> {
    const bus = new PgliteBus(db, opts);
    bus.unlisten = await db.listen(bus.channel, (payload) => {
      const msg = decode(bus.id, payload);
      if (msg) bus.subs.deliver(msg);
    });
    return bus;
  }

  async publish(msg: Invalidation): Promise<void> {
    this.subs.deliver(msg);
    try {
      await this.db.query('SELECT pg_notify($1, $2)', [this.channel, encode(this.id, msg)]);
    } catch (err) {
      this.opts.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'invalidation bus: NOTIFY failed',
      );
    }
  }

  subscribe(handler: (msg: Invalidation) => void): () => void {
    return this.subs.add(handler);
  }

  async close(): Promise<void> {
    this.subs.clear();
    if (!this.db.closed) await this.unlisten?.();
  }
}
