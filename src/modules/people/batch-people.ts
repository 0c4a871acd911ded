import type { Deps } from '../../deps.js';
import { type BatchItemResult, runBatch, summarize } from '../crm-common/batch.js';
import type { CrmContext } from '../crm-common/context.js';
import { type Person, personInput } from './schemas.js';
import { upsertPerson } from './upsert-person.js';

/**
 * Upserts up to 100 people, each validated and applied on its own (see `upsertPerson`):
 * one transaction, one savepoint per item, so a failed item rolls back alone and the
 * batch pays for a single commit.
 */
export async function batchUpsertPeople(deps: Deps, ctx: CrmContext, items: unknown[]) {
  const results: BatchItemResult<Person>[] = await deps.database.db.transaction((tx) =>
    runBatch(items, personInput, async (item) => {
      const { person, created } = await upsertPerson(deps, ctx, item, tx);
      return { record: person, created };
    }),
  );
  return { results, summary: summarize(results) };
}
