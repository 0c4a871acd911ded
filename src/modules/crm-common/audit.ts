import type { Tx } from '../../db/client.js';
import { recordAudit } from '../audit/record-audit.js';
import type { CrmContext } from './context.js';

/**
 * Records one CRM write (`person.created`, `company.deleted`, …) in the caller's
 * transaction. The actor is the API key (display prefix + creator) or the console user.
 */
export const auditCrm = (
  tx: Tx,
  ctx: CrmContext,
  action: string,
  target: { type: string; id: string; label?: string | null },
  metadata: Record<string, unknown> = {},
) =>
  recordAudit(tx, {
    orgId: ctx.orgId,
    actor: ctx.actor,
    action,
    target,
    metadata,
    ...(ctx.request ? { context: ctx.request } : {}),
  });
