import { randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { SqlRunner } from '../../db/client.js';
import { clientConfig, createPool, DEFAULT_POOL_TIMEOUTS, type PoolTimeouts } from '../../db/pg-pool.js';
import {
  type BusOptions,
  decode,
  encode,
  Health,
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
  /** How long `publish` waits for the other nodes to confirm (ms); 500 by default. */
  ackTimeoutMs?: number;
  /** Connect / statement / query timeouts of the bus's own connections. */
  timeouts?: PoolTimeouts;
}

/** Wire envelope: `m` message, `a` ack requested under this id, `k` an ack of that id. */
type Envelope = { o?: unknown; m?: unknown; a?: unknown; k?: unknown };

const parseEnvelope = (raw: string): Envelope | null => {
  try {
    const v = JSON.parse(raw) as unknown;
    return typeof v === 'object' && v !== null ? (v as Envelope) : null;
  } catch {
    return null;
  }
};

/**
 * PostgreSQL LISTEN/NOTIFY, for several nodes without Redis. A dedicated `pg.Client`
 * listens (a pooled connection would be handed to others and lose the LISTEN); when it
 * drops, it reconnects with backoff and LISTENs again, then calls `onReconnect`.
 *
 * Confirmed delivery: PostgreSQL hands a NOTIFY to the listening backends after the
 * notifier's commit has already returned, so a revoke's response could reach the client
 * before another node had dropped the key, and the client's very next request to that
 * node still passed (seen in test/multinode: ~1 trial in 20). So `publish` counts the
 * listening nodes (their connections carry a known `application_name`), asks for an ack,
 * and resolves once every other node has applied the invalidation and answered, or after
 * `ackTimeoutMs` (then it logs: a node that does not answer falls back on its cache TTL).
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
  private seq = 0;
  private readonly health: Health;
  private readonly waiting = new Map<string, { got: number; need: number; resolve: () => void }>();

  private constructor(private readonly opts: PgBusOptions) {
    this.channel = checkChannel(opts.channel ?? 'klipy_invalidate');
    this.subs = new Subscribers(opts.logger);
    this.health = new Health(false, opts.onHealthChange);
    if (opts.sql) this.sql = opts.sql;
    else {
      this.ownPool = createPool(opts.connectionString, {
        max: 2,
        timeouts: opts.timeouts ?? DEFAULT_POOL_TIMEOUTS,
      });
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

  /** False while the listening connection is down (NOTIFYs to this node are lost). */
  get healthy(): boolean {
    return this.health.healthy;
  }

  /** Backend pid of the listening connection (tests terminate it to simulate a drop). */
  get listenerPid(): number | undefined {
    return this.pid;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      ...clientConfig(this.opts.connectionString, this.opts.timeouts ?? DEFAULT_POOL_TIMEOUTS),
      application_name: this.appName,
    });
    const lost = (err?: Error) => {
      if (this.client !== client) return; // already replaced
      this.client = undefined;
      this.pid = undefined;
      this.health.set(false);
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
      const env = parseEnvelope(n.payload);
      if (typeof env?.k === 'string') return this.acked(env.k);
      const msg = decode(this.id, n.payload);
      if (!msg) return;
      this.subs.deliver(msg);
      // Delivery above is synchronous: the cache is clean before the publisher hears back.
      if (typeof env?.a === 'string') void this.notify(JSON.stringify({ o: this.id, k: env.a }));
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
    this.health.set(true);
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

  /** Marks listening connections so a publisher can count the nodes it waits for. */
  private get appName(): string {
    return `klipy_bus ${this.channel}`.slice(0, 63);
  }

  private acked(ackId: string): void {
    const w = this.waiting.get(ackId);
    if (!w) return; // another publisher's ack
    w.got++;
    if (w.got >= w.need) w.resolve();
  }

  private async notify(payload: string): Promise<void> {
    try {
      await this.sql.query('SELECT pg_notify($1, $2)', [this.channel, payload]);
    } catch (err) {
      this.opts.logger.warn(
        { err: err instanceof Error ? err.message : String(err) },
        'invalidation bus: ack NOTIFY failed',
      );
    }
  }

  /** Delivers here at once, then to every node; resolves once they confirmed (or the timeout). */
  async publish(msg: Invalidation): Promise<void> {
    this.subs.deliver(msg);
    const ackId = `${this.id}:${++this.seq}`;
    let resolve = () => {};
    const confirmed = new Promise<void>((r) => {
      resolve = r;
    });
    // Registered before the NOTIFY: an ack may arrive before the query's own result.
    const waiter = { got: 0, need: Number.POSITIVE_INFINITY, resolve };
    this.waiting.set(ackId, waiter);
    let timer: NodeJS.Timeout | undefined;
    try {
      const { rows } = await this.sql.query<{ listeners: number }>(
        `SELECT pg_notify($1, $2), (SELECT count(*)::int FROM pg_stat_activity
           WHERE application_name = $3 AND datname = current_database()) AS listeners`,
        [this.channel, JSON.stringify({ o: this.id, m: msg, a: ackId }), this.appName],
      );
      const others = Number(rows[0]?.listeners ?? 0) - (this.client ? 1 : 0);
      waiter.need = Math.max(0, others);
      if (waiter.got >= waiter.need) return;
      const timeoutMs = this.opts.ackTimeoutMs ?? 500;
      const timedOut = await Promise.race([
        confirmed.then(() => false),
        new Promise<boolean>((r) => {
          timer = setTimeout(() => r(true), timeoutMs);
        }),
      ]);
      if (timedOut) {
        this.opts.logger.warn(
          { kind: msg.kind, confirmed: waiter.got, expected: waiter.need, timeoutMs },
          'invalidation bus: not every node confirmed in time; those rely on their cache TTL',
        );
      }
    } catch (err) {
      this.opts.logger.warn(
        { err: err instanceof Error ? err.message : String(err), kind: msg.kind },
        'invalidation bus: NOTIFY failed; other nodes rely on their cache TTL',
      );
    } finally {
      clearTimeout(timer);
      this.waiting.delete(ackId);
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
  /** One process: nothing to miss. */
  readonly healthy = true;
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
