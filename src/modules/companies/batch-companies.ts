import type { Deps } from '../../deps.js';
import { type BatchItemResult, runBatch, summarize } from '../crm-common/batch.js';
import type { CrmContext } from '../crm-common/context.js';
import { type Company, companyUpsertInput } from './schemas.js';
import { upsertCompany } from './upsert-company.js';

/** Upserts up to 100 companies by domain, each in its own savepoint of one transaction. */
export async function batchUpsertCompanies(deps: Deps, ctx: CrmContext, items: unknown[]) {
  const results: BatchItemResult<Company>[] = await deps.database.db.transaction((tx) =>
    runBatch(items, companyUpsertInput, async (item) => {
      const { company, created } = await upsertCompany(deps, ctx, item, tx);
      return { record: company, created };
    }),
  );
  return { results, summary: summarize(results) };
}
