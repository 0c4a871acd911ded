/**
 * A pg Pool whose every wait is bounded, and whose connections can never crash the
 * process. Why each piece:
 *
 * - `connectTimeoutMs`: opening a TCP + startup handshake (a black-holed server never
 *   answers the SYN or the startup message).
 * - `acquireTimeoutMs`: waiting for a pooled connection, including opening one (pg-pool's
 *   `connectionTimeoutMillis`). When every connection is stuck this is what fails first.
 * - `statementTimeoutMs`: PostgreSQL's own `statement_timeout`; the server cancels a slow
 *   statement and the connection stays usable (SQLSTATE 57014).
 * - `queryTimeoutMs`: the client's read timeout, for when the server cannot even cancel
 *   (packets dropped). Longer than the statement timeout so a merely slow query is
 *   cancelled by the server first. When it fires the connection's socket is destroyed:
 *   its protocol state is unknown and it must not go back into the pool.
 * - `idle_in_transaction_session_timeout`: a node that vanished mid-transaction does not
 *   hold row locks for ever.
 * - An `'error'` listener on every client for its whole life: pg-pool listens only while
 *   a client is idle, so a connection reset while checked out (mid-transaction) emitted
 *   an unhandled `'error'` and killed the process (issue 10, item 1). The query in flight
 *   fails with the error anyway; the listener only keeps the process alive.
 */
import pg from 'pg';

export interface PoolTimeouts {
  connectTimeoutMs: number;
  acquireTimeoutMs: number;
  statementTimeoutMs: number;
  queryTimeoutMs: number;
  idleTimeoutMs: number;
}

/** Defaults match config.ts; tests and the CLI use them when no config is at hand. */
export const DEFAULT_POOL_TIMEOUTS: PoolTimeouts = {
  connectTimeoutMs: 2_000,
  acquireTimeoutMs: 3_000,
  statementTimeoutMs: 5_000,
  queryTimeoutMs: 6_000,
  idleTimeoutMs: 10_000,
};

/** The message pg gives a query whose read timeout fired. */
export const QUERY_READ_TIMEOUT = 'Query read timeout';

type Queryable = { query: (...args: unknown[]) => unknown };

/** Destroys a client's socket when one of its queries hits the read timeout. */
export function guardClient(client: pg.Client | pg.PoolClient, onError: (err: Error) => void): void {
  client.on('error', onError);
  const c = client as unknown as Queryable & { connection?: { stream?: { destroy(): void } } };
  const query = c.query.bind(client);
  c.query = (...args: unknown[]) => {
    const result = query(...args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(undefined, (err: unknown) => {
        if (err instanceof Error && err.message === QUERY_READ_TIMEOUT) c.connection?.stream?.destroy();
      });
    }
    return result;
  };
}

/** Connection settings every Klipy connection to PostgreSQL carries. */
export function clientConfig(connectionString: string, t: PoolTimeouts): pg.ClientConfig {
  return {
    connectionString,
    connectionTimeoutMillis: t.connectTimeoutMs,
    statement_timeout: t.statementTimeoutMs,
    query_timeout: t.queryTimeoutMs,
    idle_in_transaction_session_timeout: Math.max(t.queryTimeoutMs * 2, 10_000),
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  };
}

/** A Pool with the timeouts above; `onError` hears about every dropped connection. */
export function createPool(
  connectionString: string,
  opts: { max: number; timeouts: PoolTimeouts; onError?: (err: Error) => void },
): pg.Pool {
  const t = opts.timeouts;
  const base = clientConfig(connectionString, t);
  const connectTimeout = t.connectTimeoutMs;
  // pg-pool passes its own options (acquire timeout) to each Client: override with the connect one.
  class BoundedClient extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connectionTimeoutMillis: connectTimeout });
    }
  }
  const pool = new pg.Pool({
    ...base,
    max: opts.max,
    connectionTimeoutMillis: t.acquireTimeoutMs,
    idleTimeoutMillis: t.idleTimeoutMs,
    Client: BoundedClient,
  });
  const onError = opts.onError ?? (() => {});
  // An idle client losing its server: pg-pool removes it; the next query reconnects.
  pool.on('error', onError);
  pool.on('connect', (client) => guardClient(client, onError));
  return pool;
}
