import { and, eq } from 'drizzle-orm';
import { companies } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { isId } from '../../infra/ids.js';
import { auditCrm } from '../crm-common/audit.js';
import type { CrmContext } from '../crm-common/context.js';
import { notFound } from '../errors.js';
import { companyDeletedEvent } from '../events/crm-events.js';

/** Deletes a company for good; its people stay, unlinked. Audited. */
export async function deleteCompany(
  deps: Deps,
  ctx: CrmContext,
  id: string,
): Promise<{ id: string; deleted: true }> {
  if (!isId('company', id)) throw notFound('Company');
  return deps.database.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(companies)
      .where(and(eq(companies.orgId, ctx.orgId), eq(companies.id, id)))
      .returning({ id: companies.id, name: companies.name });
    if (!row) throw notFound('Company');
    await auditCrm(
      tx,
      ctx,
      'company.deleted',
      { type: 'company', id, label: row.name },
      { events: [companyDeletedEvent(ctx.orgId, row)] },
    );
    return { id, deleted: true as const };
  });
}
