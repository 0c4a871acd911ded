import { Command } from 'commander';
import type { Config } from '../config.js';
import { registerAudit } from './audit.js';
import { registerImport } from './import.js';
import { registerKeys } from './keys.js';
import { registerMigrate } from './migrate.js';
import { registerOrgs } from './orgs.js';
import { registerServe } from './serve.js';
import { registerUsers } from './users.js';

/** Lazily parsed configuration: `--help` works even with a broken environment. */
export type ConfigLoader = () => Config;

/** The `klipy` command line. Each command lives in its own file. */
export function buildProgram(loadConfig: ConfigLoader): Command {
  const program = new Command('klipy')
    .description('Klipy: a self-hostable CRM backend with a public REST API and workspace-scoped API keys')
    .version('0.1.0')
    .showHelpAfterError();
  for (const register of [
    registerServe,
    registerMigrate,
    registerOrgs,
    registerUsers,
    registerKeys,
    registerImport,
    registerAudit,
  ])
    register(program, loadConfig);
  return program;
}
