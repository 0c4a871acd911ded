import { and, eq } from 'drizzle-orm';
import { companies } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { isId } from '../../infra/ids.js';
import type { CrmContext } from '../crm-common/context.js';
import { notFound } from '../errors.js';
import { toCompany } from './record.js';
import type { Company } from './schemas.js';

/** One company of the organization; 404 for a malformed id or another organization's company. */
export async function getCompany(deps: Deps, ctx: CrmContext, id: string): Promise<Company> {
  if (!isId('company', id)) throw notFound('Company');
  const [row] = await deps.database.db
    .select()
    .from(companies)
    .where(and(eq(companies.orgId, ctx.orgId), eq(companies.id, id)));
  if (!row) throw notFound('Company');
  return toCompany(row);
}
