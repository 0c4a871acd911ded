import type { Deps } from '../../deps.js';
import { isId } from '../../infra/ids.js';
import type { CrmContext } from '../crm-common/context.js';
import { writeTransaction } from '../crm-common/transaction.js';
import { notFound } from '../errors.js';
import { toPerson, toPersonValues } from './record.js';
import type { Person, PersonPatch } from './schemas.js';
import { applyPersonUpdate } from './write.js';

/** Changes the given fields of a person (`null` clears); 409 when that would duplicate another person. */
export async function updatePerson(
  deps: Deps,
  ctx: CrmContext,
  id: string,
  patch: PersonPatch,
): Promise<Person> {
  if (!isId('person', id)) throw notFound('Person');
  const values = toPersonValues(patch);
  const row = await writeTransaction(deps, (tx) => applyPersonUpdate(tx, ctx, id, values, deps.clock.now()));
  if (!row) throw notFound('Person');
  return toPerson(row);
}
