import type { Tx } from '../../db/client.js';
import type { Deps } from '../../deps.js';
import type { CrmContext } from '../crm-common/context.js';
import { writeTransaction } from '../crm-common/transaction.js';
import { findDuplicates, toPerson, toPersonValues } from './record.js';
import type { Person, PersonInput } from './schemas.js';
import { applyPersonUpdate, insertPerson } from './write.js';

export interface UpsertResult {
  person: Person;
  created: boolean;
}

/**
 * Creates or updates a person matched by email, then phone, then LinkedIn URL. Fields
 * not given are left alone on update. 409 when the match by one field would collide
 * with a different person on another (email of A, phone of B). `within` runs it as a
 * savepoint of a batch's transaction.
 */
export async function upsertPerson(
  deps: Deps,
  ctx: CrmContext,
  input: PersonInput,
  within?: Tx,
): Promise<UpsertResult> {
  const values = toPersonValues(input);
  return writeTransaction(
    deps,
    async (tx) => {
      const now = deps.clock.now();
      const [match] = await findDuplicates(tx, ctx.orgId, values);
      if (match) {
        const row = await applyPersonUpdate(tx, ctx, match.id, values, now);
        if (row) return { person: toPerson(row), created: false };
      }
      return { person: toPerson(await insertPerson(tx, ctx, values, now)), created: true };
    },
    within,
  );
}
