import { and, eq } from 'drizzle-orm';
import { people } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { isId } from '../../infra/ids.js';
import type { CrmContext } from '../crm-common/context.js';
import { notFound } from '../errors.js';
import { toPerson } from './record.js';
import type { Person } from './schemas.js';

/** One person of the organization; 404 for a malformed id or another organization's person. */
export async function getPerson(deps: Deps, ctx: CrmContext, id: string): Promise<Person> {
  if (!isId('person', id)) throw notFound('Person');
  const [row] = await deps.database.db
    .select()
    .from(people)
    .where(and(eq(people.orgId, ctx.orgId), eq(people.id, id)));
  if (!row) throw notFound('Person');
  return toPerson(row);
}
