import { arrayContains, eq, gt, ilike, or, type SQL } from 'drizzle-orm';
import { people } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { CrmContext } from '../crm-common/context.js';
import { normalizeEmail } from '../crm-common/normalize.js';
import { keysetPage, type Page } from '../crm-common/page.js';
import { containsPattern } from '../crm-common/schemas.js';
import { type PersonRow, toPerson } from './record.js';
import type { PeopleQuery, Person } from './schemas.js';

/**
 * One page of people matching every given filter, ordered by id (creation order) or by
 * `sort`. The cursor is signed for this organization and this exact filter and sort.
 */
export async function queryPeople(deps: Deps, ctx: CrmContext, query: PeopleQuery): Promise<Page<Person>> {
  const f = query.filter ?? {};
  const conds: (SQL | undefined)[] = [];
  if (f.email !== undefined) conds.push(eq(people.email, normalizeEmail(f.email)));
  if (f.companyId !== undefined) conds.push(eq(people.companyId, f.companyId));
  if (f.leadStatus !== undefined) conds.push(eq(people.leadStatus, f.leadStatus));
  if (f.tag !== undefined) conds.push(arrayContains(people.tags, [f.tag]));
  if (f.updatedAfter !== undefined) conds.push(gt(people.updatedAt, new Date(f.updatedAfter)));
  if (f.text !== undefined) {
    const p = containsPattern(f.text);
    conds.push(or(ilike(people.firstName, p), ilike(people.lastName, p), ilike(people.email, p)));
  }
  const page = await keysetPage<PersonRow>(deps, ctx, {
    resource: 'people',
    table: people,
    id: people.id,
    orgId: people.orgId,
    sortable: { createdAt: people.createdAt, updatedAt: people.updatedAt },
    filter: f,
    conditions: conds,
    page: query,
    sort: query.sort,
  });
  return { items: page.items.map(toPerson), pageInfo: page.pageInfo };
}
