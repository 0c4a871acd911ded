import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Deps } from '../../deps.js';
import { batchUpsertCompanies } from '../companies/batch-companies.js';
import { MAX_BATCH } from '../crm-common/batch.js';
import type { CrmContext } from '../crm-common/context.js';
import { AppError } from '../errors.js';
import { createInteraction } from '../interactions/create-interaction.js';
import { interactionInput } from '../interactions/schemas.js';
import { batchUpsertPeople } from '../people/batch-people.js';
import { type ImportFormat, readRecords, type SourceRecord } from './read-records.js';

export const IMPORT_RESOURCES = ['people', 'companies', 'interactions'] as const;
export type ImportResource = (typeof IMPORT_RESOURCES)[number];

export interface ImportProgress {
  bytes: number;
  totalBytes: number;
  /** Records handled so far (this run, plus those skipped when resuming). */
  rows: number;
  created: number;
  updated: number;
  failed: number;
  /** Records skipped because an earlier run of the same file committed them. */
  resumedAfter: number;
}

export interface ImportOptions {
  resource: ImportResource;
  path: string;
  format: ImportFormat;
  /** Where failed records are reported, one JSON object per line (row, code, message, record). */
  errorsPath: string;
  /** Start from the first record even when an earlier run left a checkpoint. */
  restart?: boolean;
  onProgress?: (p: ImportProgress) => void;
}

type ItemOutcome = {
  status: 'created' | 'updated' | 'error';
  error: { code: string; message: string; details?: unknown } | null;
};

/**
 * Imports a CSV or JSON Lines file into one organization through the same services as
 * the API: people and companies in batches of 100 (the set-based batch upsert),
 * interactions one by one (they have no batch). Streaming: memory stays constant.
 *
 * Re-running is safe. People and companies are upserts (email / phone / LinkedIn, domain);
 * an interaction without a `primaryId` gets one derived from its content
 * (`import:<hash>`), so it is found again instead of duplicated. And after each batch a
 * checkpoint (`<file>.import-state.json`) records how far the file is committed, so a run
 * that was stopped resumes after the last committed batch; it is removed at the end.
 */
export async function importFile(deps: Deps, ctx: CrmContext, opts: ImportOptions): Promise<ImportProgress> {
  const stat = statSync(opts.path);
  const statePath = `${opts.path}.import-state.json`;
  const fingerprint = { resource: opts.resource, orgId: ctx.orgId, size: stat.size, mtimeMs: stat.mtimeMs };
  const resumedAfter = opts.restart ? 0 : committedRows(statePath, fingerprint);
  if (!resumedAfter) writeFileSync(opts.errorsPath, '');
  const progress: ImportProgress = {
    bytes: 0,
    totalBytes: stat.size,
    rows: resumedAfter,
    created: 0,
    updated: 0,
    failed: 0,
    resumedAfter,
  };
  let pending: SourceRecord[] = [];
  const flush = async () => {
    if (!pending.length) return;
    const outcomes = await apply(deps, ctx, opts.resource, pending);
    const errors: string[] = [];
    pending.forEach((record, i) => {
      const outcome = outcomes[i] as ItemOutcome;
      if (outcome.status === 'error') {
        progress.failed++;
        errors.push(
          JSON.stringify({
            row: record.row,
            ...outcome.error,
            record: 'item' in record ? record.item : null,
          }),
        );
      } else progress[outcome.status]++;
    });
    if (errors.length) appendFileSync(opts.errorsPath, `${errors.join('\n')}\n`);
    progress.rows = (pending[pending.length - 1] as SourceRecord).row;
    writeFileSync(statePath, JSON.stringify({ ...fingerprint, rows: progress.rows }));
    pending = [];
    opts.onProgress?.({ ...progress });
  };
  for await (const record of readRecords(opts.path, opts.format, (bytes) => {
    progress.bytes = bytes;
  })) {
    if (record.row <= resumedAfter) continue;
    pending.push(record);
    if (pending.length >= MAX_BATCH) await flush();
  }
  await flush();
  progress.bytes = stat.size;
  rmSync(statePath, { force: true });
  return progress;
}

/** Rows an earlier, interrupted run of this same file committed (0 when none or another file). */
function committedRows(statePath: string, fingerprint: Record<string, unknown>): number {
  if (!existsSync(statePath)) return 0;
  try {
    const state = JSON.parse(readFileSync(statePath, 'utf8')) as Record<string, unknown>;
    const same = Object.entries(fingerprint).every(([k, v]) => state[k] === v);
    return same && typeof state.rows === 'number' ? state.rows : 0;
  } catch {
    return 0;
  }
}

async function apply(
  deps: Deps,
  ctx: CrmContext,
  resource: ImportResource,
  records: SourceRecord[],
): Promise<ItemOutcome[]> {
  const unreadable = (r: SourceRecord): ItemOutcome | null =>
    'unreadable' in r ? { status: 'error', error: { code: 'bad_request', message: r.unreadable } } : null;
  if (resource === 'interactions') {
    const outcomes: ItemOutcome[] = [];
    for (const r of records)
      outcomes.push(
        'item' in r ? await importInteraction(deps, ctx, r.item) : (unreadable(r) as ItemOutcome),
      );
    return outcomes;
  }
  const items = records.flatMap((r) => ('item' in r ? [r.item] : []));
  const batch = resource === 'people' ? batchUpsertPeople : batchUpsertCompanies;
  const { results } = await batch(deps, ctx, items);
  let next = 0;
  return records.map((r) => unreadable(r) ?? (results[next++] as ItemOutcome));
}

/** One interaction; a repeat (same primaryId) counts as `updated`, i.e. already there. */
async function importInteraction(
  deps: Deps,
  ctx: CrmContext,
  record: Record<string, unknown>,
): Promise<ItemOutcome> {
  const item = { ...record };
  if (item.primaryId === undefined)
    item.primaryId = `import:${createHash('sha256').update(JSON.stringify(item)).digest('hex').slice(0, 24)}`;
  const parsed = interactionInput.safeParse(item);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({
      path: i.path.map(String).join('.'),
      message: i.message,
    }));
    return {
      status: 'error',
      error: { code: 'validation_error', message: 'Invalid record.', details: { fields } },
    };
  }
  try {
    const created = await createInteraction(deps, ctx, parsed.data);
    return { status: created.isDuplicate ? 'updated' : 'created', error: null };
  } catch (err) {
    if (err instanceof AppError) return { status: 'error', error: { code: err.code, message: err.message } };
    throw err;
  }
}
