import type { Server } from 'node:http';
import { type ServerType, serve } from '@hono/node-server';
import type { Config } from './config.js';
import { createDeps, type RunningDeps } from './create-deps.js';
import { buildApp } from './http/app.js';
import { type DrainResult, drainable } from './http/drain.js';
import { OutboxWorker } from './modules/outbox/worker.js';

export interface RunningServer {
  deps: RunningDeps;
  server: ServerType;
  port: number;
  /** Graceful stop within `KLIPY_SHUTDOWN_TIMEOUT_MS`; see `stop` below. */
  stop(): Promise<StopResult>;
}

export interface StopResult extends DrainResult {
  /** Milliseconds from the call to everything closed. */
  totalMs: number;
}

/** How the shutdown budget is split: the HTTP drain gets all but this much (at most half). */
const CLOSE_RESERVE_MS = 2_000;

/** Node's slow-client timeouts, from the configuration (issue 10, item 8). */
function serverOptions(config: Config) {
  return {
    requestTimeout: config.KLIPY_REQUEST_TIMEOUT_MS,
    // Node refuses a headers timeout above the request timeout.
    headersTimeout: Math.min(config.KLIPY_HEADERS_TIMEOUT_MS, config.KLIPY_REQUEST_TIMEOUT_MS),
    keepAliveTimeout: config.KLIPY_KEEP_ALIVE_TIMEOUT_MS,
    // Node checks the two timeouts above only this often (30 s by default).
    connectionsCheckingInterval: Math.min(1_000, config.KLIPY_HEADERS_TIMEOUT_MS),
  };
}

/** Opens the dependencies, migrates, and listens. Used by `klipy serve` and the tests. */
export async function startServer(config: Config): Promise<RunningServer> {
  const deps = await createDeps(config, { purpose: `klipy serve (port ${config.PORT})` });
  const app = buildApp(deps);
  // Every node delivers webhooks and mail; `skip locked` keeps them from taking the same row.
  const worker = new OutboxWorker(deps).start();
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve(
      { fetch: app.fetch, port: config.PORT, hostname: config.HOST, serverOptions: serverOptions(config) },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  const http = server as Server;
  http.keepAliveTimeout = config.KLIPY_KEEP_ALIVE_TIMEOUT_MS;
  const drainer = drainable(http, config.KLIPY_KEEP_ALIVE_TIMEOUT_MS);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  let stopping: Promise<StopResult> | undefined;
  return {
    deps,
    server,
    port,
    /**
     * Stops accepting, lets in-flight requests finish (keep-alive clients are told to
     * close), then flushes batched writes (last-used, usage, request log) and closes the pools.
     * Requests still running when the drain share of the budget is spent are cut.
     */
    stop() {
      stopping ??= (async () => {
        const started = performance.now();
        const budget = config.KLIPY_SHUTDOWN_TIMEOUT_MS;
        const drained = await drainer.drain(Math.max(budget - CLOSE_RESERVE_MS, budget / 2));
        await worker.stop();
        await deps.close();
        const result = { ...drained, totalMs: Math.round(performance.now() - started) };
        if (result.cut > 0)
          deps.logger.warn(result, 'stopped; requests still running at the deadline were cut');
        else deps.logger.info(result, 'stopped');
        return result;
      })();
      return stopping;
    },
  };
}

/**
 * SIGTERM / SIGINT handling of a serving process (`klipy serve`, each `--workers`
 * worker): a graceful `stop()`, then exit 0. A second signal, or the stop overrunning
 * its budget by a second, exits 1 at once: a supervisor must never wait on us for ever.
 */
export function stopAndExit(running: RunningServer, reason: string): void {
  const { logger, config } = running.deps;
  logger.info({ reason, timeoutMs: config.KLIPY_SHUTDOWN_TIMEOUT_MS }, 'shutting down');
  setTimeout(() => {
    logger.error({ timeoutMs: config.KLIPY_SHUTDOWN_TIMEOUT_MS }, 'shutdown overran its deadline; exiting');
    process.exit(1);
  }, config.KLIPY_SHUTDOWN_TIMEOUT_MS + 1_000);
  running.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      logger.error({ err: err instanceof Error ? err.message : String(err) }, 'shutdown failed');
      process.exit(1);
    },
  );
}

/** Calls `onSignal` on the first SIGTERM / SIGINT; a second one exits 1 immediately. */
export function onStopSignal(onSignal: (signal: NodeJS.Signals) => void): void {
  let seen = false;
  const handler = (signal: NodeJS.Signals) => {
    if (seen) process.exit(1);
    seen = true;
    onSignal(signal);
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
}
