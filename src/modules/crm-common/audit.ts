import type { Tx } from '../../db/client.js';
import { insertRowsSql } from '../../db/json-insert.js';
import { events as eventsTable } from '../../db/schema/index.js';
import { recordAudit } from '../audit/record-audit.js';
import type { EventRow } from '../events/emit-event.js';
import type { CrmContext } from './context.js';

/**
 * Records one CRM write (`person.created`, `company.deleted`, …) in the caller's
 * transaction: its audit row and its outbox events (`crm-events.ts`), in one statement.
 * The actor is the API key (display prefix + creator) or the console user.
 */
export const auditCrm = (
  tx: Tx,
  ctx: CrmContext,
  action: string,
  target: { type: string; id: string; label?: string | null },
  { metadata = {}, events = [] }: { metadata?: Record<string, unknown>; events?: EventRow[] } = {},
) =>
  recordAudit(
    tx,
    {
      orgId: ctx.orgId,
      actor: ctx.actor,
      action,
      target,
      metadata,
      ...(ctx.request ? { context: ctx.request } : {}),
    },
    [insertRowsSql(tx, eventsTable, events)],
  );
