import type { Command } from 'commander';
import { isClusterWorker, parseWorkers, runPrimary, superviseWorker } from '../cluster.js';
import type { Config } from '../config.js';
import { applyEmbeddedWasmTier } from '../db/lean-wasm.js';
import { createLogger } from '../infra/logger.js';
import { onStopSignal, startServer, stopAndExit } from '../server.js';
import type { ConfigLoader } from './program.js';

function banner(config: Config, port: number, where: string, workers?: number) {
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const url = config.KLIPY_PUBLIC_URL ?? `http://${host}:${port}`;
  const procs = workers ? `, ${workers} workers` : '';
  console.log(
    `\nKlipy is running at ${url} (${where}${procs}).\n  Sign up:   ${url}/signup\n  API docs:  ${url}/docs\n  Health:    ${url}/healthz\n`,
  );
}

export function registerServe(program: Command, loadConfig: ConfigLoader) {
  program
    .command('serve', { isDefault: true })
    .description('Start the HTTP server (API, console, docs); migrates the database first')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .option('-w, --workers <n>', 'run N worker processes on the port (PostgreSQL only; node:cluster)')
    .action(async (opts: { port?: string; workers?: string }) => {
      const config = loadConfig();
      if (opts.port !== undefined) config.PORT = Number(opts.port);
      const workers = parseWorkers(opts.workers);
      if (workers !== undefined && !isClusterWorker()) {
        const logger = createLogger(config.LOG_LEVEL, undefined, config.LOG_FORMAT);
        await runPrimary(config, {
          workers,
          logger,
          onListening: (port) => banner(config, port, 'PostgreSQL', workers),
        });
        return;
      }
      const wasmTier = applyEmbeddedWasmTier(config);
      const running = await startServer(config);
      const { logger, database } = running.deps;
      // The banner says it on a terminal.
      logger[config.LOG_FORMAT === 'pretty' ? 'debug' : 'info'](
        { port: running.port, database: database.kind, ...(database.kind === 'pglite' ? { wasmTier } : {}) },
        'listening',
      );
      if (isClusterWorker()) {
        superviseWorker(running, logger);
        return;
      }
      banner(
        config,
        running.port,
        database.kind === 'postgres'
          ? 'PostgreSQL'
          : database.dataDir
            ? `embedded database in ${database.dataDir}`
            : 'in-memory database (data is lost on exit)',
      );
      onStopSignal((signal) => stopAndExit(running, signal));
    });
}
