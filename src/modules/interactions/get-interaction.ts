import { and, eq, sql } from 'drizzle-orm';
import { preparedPerDb } from '../../db/prepared.js';
import { interactions } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { isId } from '../../infra/ids.js';
import type { CrmContext } from '../crm-common/context.js';
import { notFound } from '../errors.js';
import { toInteractions } from './record.js';
import type { Interaction } from './schemas.js';

const interactionById = preparedPerDb((db) =>
  db
    .select()
    .from(interactions)
    .where(and(eq(interactions.orgId, sql.placeholder('orgId')), eq(interactions.id, sql.placeholder('id'))))
    .prepare('get_interaction'),
);

/** One interaction of the organization, with its people and companies. */
export async function getInteraction(deps: Deps, ctx: CrmContext, id: string): Promise<Interaction> {
  if (!isId('interaction', id)) throw notFound('Interaction');
  const rows = await interactionById(deps.database.db).execute({ orgId: ctx.orgId, id });
  const [shaped] = await toInteractions(deps.database.db, ctx.orgId, rows);
  if (!shaped) throw notFound('Interaction');
  return shaped;
}
