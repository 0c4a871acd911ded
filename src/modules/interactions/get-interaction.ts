import { and, eq } from 'drizzle-orm';
import { interactions } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { isId } from '../../infra/ids.js';
import type { CrmContext } from '../crm-common/context.js';
import { notFound } from '../errors.js';
import { toInteractions } from './record.js';
import type { Interaction } from './schemas.js';

/** One interaction of the organization, with its people and companies. */
export async function getInteraction(deps: Deps, ctx: CrmContext, id: string): Promise<Interaction> {
  if (!isId('interaction', id)) throw notFound('Interaction');
  const rows = await deps.database.db
    .select()
    .from(interactions)
    .where(and(eq(interactions.orgId, ctx.orgId), eq(interactions.id, id)));
  const [shaped] = await toInteractions(deps.database.db, ctx.orgId, rows);
  if (!shaped) throw notFound('Interaction');
  return shaped;
}
