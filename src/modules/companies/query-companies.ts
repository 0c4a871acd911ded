import { eq, ilike, or, type SQL } from 'drizzle-orm';
import { companies } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import type { CrmContext } from '../crm-common/context.js';
import { normalizeDomain } from '../crm-common/normalize.js';
import { keysetPage, type Page } from '../crm-common/page.js';
import { containsPattern } from '../crm-common/schemas.js';
import { type CompanyRow, toCompany } from './record.js';
import type { CompaniesQuery, Company } from './schemas.js';

/** One page of companies matching every given filter, ordered by id or by `sort`. */
export async function queryCompanies(
  deps: Deps,
  ctx: CrmContext,
  query: CompaniesQuery,
): Promise<Page<Company>> {
  const f = query.filter ?? {};
  const conds: (SQL | undefined)[] = [];
  if (f.domain !== undefined)
    conds.push(eq(companies.domain, normalizeDomain(f.domain) ?? f.domain.toLowerCase()));
  if (f.industry !== undefined) conds.push(eq(companies.industry, f.industry));
  if (f.text !== undefined) {
    const p = containsPattern(f.text);
    conds.push(or(ilike(companies.name, p), ilike(companies.domain, p)));
  }
  const page = await keysetPage<CompanyRow>(deps, ctx, {
    resource: 'companies',
    table: companies,
    id: companies.id,
    orgId: companies.orgId,
    sortable: { createdAt: companies.createdAt, updatedAt: companies.updatedAt },
    filter: f,
    conditions: conds,
    page: query,
    sort: query.sort,
  });
  return { items: page.items.map(toCompany), pageInfo: page.pageInfo };
}
