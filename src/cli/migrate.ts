import type { Command } from 'commander';
import { createDeps } from '../create-deps.js';
import { createLogger } from '../infra/logger.js';
import type { ConfigLoader } from './program.js';

export function registerMigrate(program: Command, loadConfig: ConfigLoader) {
  program
    .command('migrate')
    .description('Apply pending database migrations (serve also does this on start)')
    .action(async () => {
      const config = loadConfig();
      const deps = await createDeps(config, {
        purpose: 'klipy migrate',
        logger: createLogger('warn', undefined, config.LOG_FORMAT),
      });
      await deps.close();
      console.log(`Migrations applied (${deps.database.kind}).`);
    });
}
