import type { Tx } from '../../db/client.js';
import type { Deps } from '../../deps.js';
import type { CrmContext } from '../crm-common/context.js';
import { writeTransaction } from '../crm-common/transaction.js';
import { validationError } from '../errors.js';
import { companyByDomain, toCompany, toCompanyValues } from './record.js';
import type { Company, CompanyUpsertInput } from './schemas.js';
import { applyCompanyUpdate, insertCompany } from './write.js';

/** Creates or updates the company with the given domain; says which it did. `within`: a batch's transaction. */
export async function upsertCompany(
  deps: Deps,
  ctx: CrmContext,
  input: CompanyUpsertInput,
  within?: Tx,
): Promise<{ company: Company; created: boolean }> {
  const values = toCompanyValues(input, { deriveDomain: true });
  const domain = values.domain;
  if (!domain)
    throw validationError('Invalid request: domain', [
      { path: 'domain', message: 'A domain (or website) is required.' },
    ]);
  return writeTransaction(
    deps,
    async (tx) => {
      const now = deps.clock.now();
      const existing = await companyByDomain(tx, ctx.orgId, domain);
      if (existing) {
        const row = await applyCompanyUpdate(tx, ctx, existing.id, values, now);
        if (row) return { company: toCompany(row), created: false };
      }
      const row = await insertCompany(tx, ctx, { ...values, domain, name: values.name ?? domain }, now);
      return { company: toCompany(row), created: true };
    },
    within,
  );
}
