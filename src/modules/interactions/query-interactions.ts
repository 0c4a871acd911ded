import { arrayContains, eq, gte, lt, or, type SQL } from 'drizzle-orm';
import { interactions } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { CrmContext } from '../crm-common/context.js';
import { keysetPage, type Page } from '../crm-common/page.js';
import { type InteractionRow, toInteractions } from './record.js';
import type { Interaction, InteractionsQuery } from './schemas.js';

/** One page of interactions matching every given filter, ordered by id or by `sort`. */
export async function queryInteractions(
  deps: Deps,
  ctx: CrmContext,
  query: InteractionsQuery,
): Promise<Page<Interaction>> {
  const f = query.filter ?? {};
  const conds: (SQL | undefined)[] = [];
  if (f.companyId !== undefined) conds.push(arrayContains(interactions.companyIds, [f.companyId]));
  if (f.contactId !== undefined)
    conds.push(
      or(eq(interactions.mainContactId, f.contactId), arrayContains(interactions.contactIds, [f.contactId])),
    );
  if (f.type !== undefined) conds.push(eq(interactions.type, f.type));
  if (f.from !== undefined) conds.push(gte(interactions.interactionDate, new Date(f.from)));
  if (f.to !== undefined) conds.push(lt(interactions.interactionDate, new Date(f.to)));
  const page = await keysetPage<InteractionRow>(deps, ctx, {
    resource: 'interactions',
    table: interactions,
    id: interactions.id,
    orgId: interactions.orgId,
    sortable: {
      createdAt: interactions.createdAt,
      updatedAt: interactions.updatedAt,
      occurredAt: interactions.interactionDate,
    },
    filter: f,
    conditions: conds,
    page: query,
    sort: query.sort,
  });
  return { items: await toInteractions(deps.database.db, ctx.orgId, page.items), pageInfo: page.pageInfo };
}
