import { and, eq, sql } from 'drizzle-orm';
import { preparedPerDb } from '../../db/prepared.js';
import { people } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { isId } from '../../infra/ids.js';
import type { CrmContext } from '../crm-common/context.js';
import { notFound } from '../errors.js';
import { toPerson } from './record.js';
import type { Person } from './schemas.js';

const personById = preparedPerDb((db) =>
  db
    .select()
    .from(people)
    .where(and(eq(people.orgId, sql.placeholder('orgId')), eq(people.id, sql.placeholder('id'))))
    .prepare('get_person'),
);

/** One person of the organization; 404 for a malformed id or another organization's person. */
export async function getPerson(deps: Deps, ctx: CrmContext, id: string): Promise<Person> {
  if (!isId('person', id)) throw notFound('Person');
  const [row] = await personById(deps.database.db).execute({ orgId: ctx.orgId, id });
  if (!row) throw notFound('Person');
  return toPerson(row);
}
