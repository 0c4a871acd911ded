import { and, eq } from 'drizzle-orm';
import { people } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { isId } from '../../infra/ids.js';
import { auditCrm } from '../crm-common/audit.js';
import type { CrmContext } from '../crm-common/context.js';
import { notFound } from '../errors.js';
import { personDeletedEvent } from '../events/crm-events.js';

/** Deletes a person for good (their interactions stay, without the link). Audited. */
export async function deletePerson(
  deps: Deps,
  ctx: CrmContext,
  id: string,
): Promise<{ id: string; deleted: true }> {
  if (!isId('person', id)) throw notFound('Person');
  return deps.database.db.transaction(async (tx) => {
    const [row] = await tx
      .delete(people)
      .where(and(eq(people.orgId, ctx.orgId), eq(people.id, id)))
      .returning({ id: people.id, email: people.email });
    if (!row) throw notFound('Person');
    await auditCrm(
      tx,
      ctx,
      'person.deleted',
      { type: 'person', id, label: row.email },
      { events: [personDeletedEvent(ctx.orgId, row)] },
    );
    return { id, deleted: true as const };
  });
}
