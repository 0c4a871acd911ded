import { config as loadDotenv } from 'dotenv';
import { buildProgram } from './cli/program.js';
import { ConfigError, loadConfig } from './config.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { AppError } from './modules/errors.js';

// The only place that reads process.env: an optional .env, then the environment itself wins.
loadDotenv({ quiet: true });

// A person at a terminal gets readable logs; pipes and log collectors get JSON lines.
const program = buildProgram(() =>
  loadConfig({ LOG_FORMAT: process.stdout.isTTY ? 'pretty' : 'json', ...process.env }),
);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof ConfigError || err instanceof DataDirLockedError || err instanceof AppError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
