import type { Command } from 'commander';
import { startServer } from '../server.js';
import type { ConfigLoader } from './program.js';

export function registerServe(program: Command, loadConfig: ConfigLoader) {
  program
    .command('serve', { isDefault: true })
    .description('Start the HTTP server (API, console, docs); migrates the database first')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .action(async (opts: { port?: string }) => {
      const config = loadConfig();
      if (opts.port !== undefined) config.PORT = Number(opts.port);
      const running = await startServer(config);
      const { logger, database } = running.deps;
      const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
      const url = config.KLIPY_PUBLIC_URL ?? `http://${host}:${running.port}`;
      const where =
        database.kind === 'postgres'
          ? 'PostgreSQL'
          : database.dataDir
            ? `embedded database in ${database.dataDir}`
            : 'in-memory database (data is lost on exit)';
      logger.info({ port: running.port, database: database.kind }, 'listening');
      console.log(
        `\nKlipy is running at ${url} (${where}).\n  Sign up:   ${url}/signup\n  API docs:  ${url}/docs\n  Health:    ${url}/healthz\n`,
      );
      const shutdown = (signal: string) => {
        logger.info({ signal }, 'shutting down');
        running.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGINT', () => shutdown('SIGINT'));
      process.once('SIGTERM', () => shutdown('SIGTERM'));
    });
}
