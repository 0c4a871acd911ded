import type { Deps } from '../../deps.js';
import type { CrmContext } from '../crm-common/context.js';
import { writeTransaction } from '../crm-common/transaction.js';
import { toPerson, toPersonValues } from './record.js';
import type { Person, PersonInput } from './schemas.js';
import { insertPerson } from './write.js';

/** Creates a person; `409 conflict` with `details.existingId` when the email, phone or LinkedIn URL is taken. */
export async function createPerson(deps: Deps, ctx: CrmContext, input: PersonInput): Promise<Person> {
  const values = toPersonValues(input);
  const row = await writeTransaction(deps, (tx) => insertPerson(tx, ctx, values, deps.clock.now()));
  return toPerson(row);
}
