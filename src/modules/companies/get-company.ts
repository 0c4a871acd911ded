import { and, eq, sql } from 'drizzle-orm';
import { preparedPerDb } from '../../db/prepared.js';
import { companies } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { isId } from '../../infra/ids.js';
import type { CrmContext } from '../crm-common/context.js';
import { notFound } from '../errors.js';
import { toCompany } from './record.js';
import type { Company } from './schemas.js';

const companyById = preparedPerDb((db) =>
  db
    .select()
    .from(companies)
    .where(and(eq(companies.orgId, sql.placeholder('orgId')), eq(companies.id, sql.placeholder('id'))))
    .prepare('get_company'),
);

/** One company of the organization; 404 for a malformed id or another organization's company. */
export async function getCompany(deps: Deps, ctx: CrmContext, id: string): Promise<Company> {
  if (!isId('company', id)) throw notFound('Company');
  const [row] = await companyById(deps.database.db).execute({ orgId: ctx.orgId, id });
  if (!row) throw notFound('Company');
  return toCompany(row);
}
