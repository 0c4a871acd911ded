import type { Deps } from '../../deps.js';
import type { CrmContext } from '../crm-common/context.js';
import { writeTransaction } from '../crm-common/transaction.js';
import { toCompany, toCompanyValues } from './record.js';
import type { Company, CompanyInput } from './schemas.js';
import { insertCompany } from './write.js';

/** Creates a company; `409 conflict` with `details.existingId` when its domain is taken. */
export async function createCompany(deps: Deps, ctx: CrmContext, input: CompanyInput): Promise<Company> {
  const values = toCompanyValues(input, { deriveDomain: true });
  const row = await writeTransaction(deps, (tx) =>
    insertCompany(tx, ctx, { ...values, name: input.name }, deps.clock.now()),
  );
  return toCompany(row);
}
