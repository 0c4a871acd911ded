import type { Deps } from '../../deps.js';
import { isId } from '../../infra/ids.js';
import type { CrmContext } from '../crm-common/context.js';
import { writeTransaction } from '../crm-common/transaction.js';
import { notFound } from '../errors.js';
import { toCompany, toCompanyValues } from './record.js';
import type { Company, CompanyPatch } from './schemas.js';
import { applyCompanyUpdate } from './write.js';

/** Changes the given fields of a company (`null` clears); 409 when the domain is another company's. */
export async function updateCompany(
  deps: Deps,
  ctx: CrmContext,
  id: string,
  patch: CompanyPatch,
): Promise<Company> {
  if (!isId('company', id)) throw notFound('Company');
  const values = toCompanyValues(patch, { deriveDomain: false });
  const row = await writeTransaction(deps, (tx) => applyCompanyUpdate(tx, ctx, id, values, deps.clock.now()));
  if (!row) throw notFound('Company');
  return toCompany(row);
}
