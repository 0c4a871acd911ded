import type { Tx } from '../../db/client.js';
import { type AuditInput, recordAudit } from '../audit/record-audit.js';
import type { EventRow } from '../events/emit-event.js';
import { insertEventsSql } from '../events/insert-events.js';
import type { CrmContext } from './context.js';

type Target = { type: string; id: string; label?: string | null };

/** The audit entry of a CRM write by this context's actor (an API key or a console user). */
export const crmAuditInput = (
  ctx: CrmContext,
  action: string,
  target: Target,
  metadata: Record<string, unknown> = {},
): AuditInput => ({
  orgId: ctx.orgId,
  actor: ctx.actor,
  action,
  target,
  metadata,
  ...(ctx.request ? { context: ctx.request } : {}),
});

/**
 * Records one CRM write (`person.created`, `company.deleted`, …) in the caller's
 * transaction: its audit row and its outbox events (`crm-events.ts`), in one statement.
 * The actor is the API key (display prefix + creator) or the console user.
 */
export const auditCrm = (
  tx: Tx,
  ctx: CrmContext,
  action: string,
  target: Target,
  { metadata = {}, events = [] }: { metadata?: Record<string, unknown>; events?: EventRow[] } = {},
) => recordAudit(tx, crmAuditInput(ctx, action, target, metadata), [insertEventsSql(tx, events)]);
