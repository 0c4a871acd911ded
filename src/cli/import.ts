import { existsSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { operatorActor } from '../modules/audit/actor.js';
import { AppError } from '../modules/errors.js';
import {
  IMPORT_RESOURCES,
  type ImportProgress,
  type ImportResource,
  importFile,
} from '../modules/import/import-file.js';
import { formatOf, type ImportFormat } from '../modules/import/read-records.js';
import { printObject } from './output.js';
import type { ConfigLoader } from './program.js';
import { resolveOrg } from './resolve-org.js';
import { withDeps } from './with-deps.js';

/** `[#########-----------]  45%  45,000 rows  3,210/s  12 failed`, redrawn in place on a terminal. */
function progressBar(started: number) {
  const tty = process.stderr.isTTY;
  let lastLine = 0;
  return (p: ImportProgress) => {
    const share = p.totalBytes ? Math.min(1, p.bytes / p.totalBytes) : 1;
    const width = 24;
    const filled = Math.round(share * width);
    const rate = (p.rows - p.resumedAfter) / Math.max(0.001, (performance.now() - started) / 1000);
    const text = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}%  ${p.rows.toLocaleString('en')} rows  ${Math.round(rate).toLocaleString('en')}/s  ${p.failed.toLocaleString('en')} failed`;
    if (tty) process.stderr.write(`\r${text}`);
    else if (performance.now() - lastLine > 5_000) {
      lastLine = performance.now();
      process.stderr.write(`${text}\n`);
    }
  };
}

/** `klipy import people|companies|interactions <file>` (platform operator, audited as `cli`). */
export function registerImport(program: Command, loadConfig: ConfigLoader) {
  program
    .command('import')
    .description(
      'Import a CSV (header row of API field names) or JSON Lines file into an organization; safe to re-run, resumes where a stopped run left off',
    )
    .addArgument(program.createArgument('<resource>', 'what the file holds').choices(IMPORT_RESOURCES))
    .argument('<file>', 'a .csv or .jsonl file')
    .option('--org <orgId>', 'the organization to import into (may be left out when there is only one)')
    .addOption(
      new Option('--format <format>', 'file format (default: from the extension)').choices(['csv', 'jsonl']),
    )
    .option(
      '--errors <path>',
      'where failed records are written as JSON Lines (default: <file>.errors.jsonl)',
    )
    .option(
      '--restart',
      'ignore the checkpoint of an earlier, interrupted run and start from the first record',
    )
    .option('--json', 'print the summary as JSON')
    .action(
      (
        resource: ImportResource,
        file: string,
        opts: { org?: string; format?: ImportFormat; errors?: string; restart?: boolean; json?: boolean },
      ) =>
        withDeps(loadConfig, async (deps) => {
          if (!existsSync(file)) throw new AppError('bad_request', `No such file: ${file}`);
          const format = opts.format ?? formatOf(file);
          if (!format)
            throw new AppError(
              'bad_request',
              'Cannot tell the format from the file name: pass --format csv|jsonl.',
            );
          const org = { id: await resolveOrg(deps, opts.org) };
          const errorsPath = opts.errors ?? `${file}.errors.jsonl`;
          const started = performance.now();
          const result = await importFile(
            deps,
            { orgId: org.id, actor: operatorActor },
            {
              resource,
              path: file,
              format,
              errorsPath,
              ...(opts.restart ? { restart: true } : {}),
              onProgress: progressBar(started),
            },
          );
          if (process.stderr.isTTY) process.stderr.write('\n');
          const seconds = (performance.now() - started) / 1000;
          printObject(
            {
              resource,
              rows: result.rows,
              ...(result.resumedAfter ? { resumedAfterRow: result.resumedAfter } : {}),
              created: result.created,
              updated: result.updated,
              failed: result.failed,
              errors: result.failed ? errorsPath : 'none',
              seconds: Math.round(seconds * 10) / 10,
              rowsPerSecond: Math.round((result.rows - result.resumedAfter) / Math.max(seconds, 0.001)),
            },
            Boolean(opts.json),
          );
        }),
    );
}
