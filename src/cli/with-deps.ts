import { createDeps, type RunningDeps } from '../create-deps.js';
import { createLogger } from '../infra/logger.js';
import type { ConfigLoader } from './program.js';

/**
 * Runs a CLI command with its own connection. On the embedded database this takes the
 * data-folder lock, so a command refuses clearly while a server holds the folder.
 */
export async function withDeps<T>(
  loadConfig: ConfigLoader,
  run: (deps: RunningDeps) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const deps = await createDeps(config, {
    purpose: 'klipy cli',
    logger: createLogger('warn', undefined, config.LOG_FORMAT),
  });
  try {
    return await run(deps);
  } finally {
    await deps.close();
  }
}
