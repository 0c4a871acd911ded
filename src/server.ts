import { type ServerType, serve } from '@hono/node-server';
import type { Config } from './config.js';
import { createDeps, type RunningDeps } from './create-deps.js';
import { buildApp } from './http/app.js';
import { OutboxWorker } from './modules/outbox/worker.js';

export interface RunningServer {
  deps: RunningDeps;
  server: ServerType;
  port: number;
  stop(): Promise<void>;
}

/** Opens the dependencies, migrates, and listens. Used by `klipy serve` and the tests. */
export async function startServer(config: Config): Promise<RunningServer> {
  const deps = await createDeps(config, { purpose: `klipy serve (port ${config.PORT})` });
  const app = buildApp(deps);
  // Every node delivers webhooks and mail; `skip locked` keeps them from taking the same row.
  const worker = new OutboxWorker(deps).start();
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  let stopping: Promise<void> | undefined;
  return {
    deps,
    server,
    port,
    stop() {
      stopping ??= (async () => {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await worker.stop();
        await deps.close();
      })();
      return stopping;
    },
  };
}
