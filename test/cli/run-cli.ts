import { vi } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { loadConfig } from '../../src/config.js';
import { postgresUrl } from '../helpers/backend.js';

/**
 * The real CLI in process on `dataDir` (embedded), or on the suite's PostgreSQL server
 * unless `embeddedOnly`. Returns what it printed on stdout and its exit code; stderr
 * (progress bars) is swallowed.
 */
export function cliRunner(dataDir: string, opts: { embeddedOnly?: boolean } = {}) {
  const config = () =>
    loadConfig({
      KLIPY_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      ...(postgresUrl && !opts.embeddedOnly ? { DATABASE_URL: postgresUrl } : {}),
    });
  const run = async (...args: string[]): Promise<{ out: string; code: number }> => {
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void out.push(String(line)));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    process.exitCode = undefined;
    try {
      await buildProgram(config)
        .exitOverride()
        .parseAsync(['node', 'klipy', ...args]);
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
    return { out: out.join('\n'), code: Number(process.exitCode ?? 0) };
  };
  /** The same, for `--json` commands: the parsed output. */
  const json = async (...args: string[]): Promise<any> => JSON.parse((await run(...args)).out);
  return { config, run, json };
}
