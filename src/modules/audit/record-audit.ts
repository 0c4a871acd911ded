import type { DbOrTx } from '../../db/client.js';
import { auditEvents } from '../../db/schema/index.js';
import { newId } from '../../infra/ids.js';
import type { Actor, RequestContext } from './actor.js';

export interface AuditInput {
  orgId: string | null;
  actor: Actor;
  action: string;
  target?: { type: string; id: string; label?: string | null };
  metadata?: Record<string, unknown>;
  context?: RequestContext;
}

/** The row `recordAudit` writes (its id taken now, so rows keep the order they were made in). */
export function auditRow(input: AuditInput): typeof auditEvents.$inferInsert {
  return {
    id: newId('audit'),
    orgId: input.orgId,
    actorType: input.actor.type,
    actorId: input.actor.id,
    actorLabel: input.actor.label,
    keyCreatorId: input.actor.type === 'api_key' ? input.actor.keyCreatorId : null,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    targetLabel: input.target?.label ?? null,
    metadata: input.metadata ?? {},
    ip: input.context?.ip ?? null,
    requestId: input.context?.requestId ?? null,
  };
}

/**
 * Writes one audit row. Call it with the transaction that makes the change, so the
 * change and its record commit or roll back together.
 */
export async function recordAudit(tx: DbOrTx, input: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values(auditRow(input));
}

/** Writes rows made by `auditRow` in one statement (a batch's audit trail). */
export async function recordAudits(tx: DbOrTx, rows: (typeof auditEvents.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(auditEvents).values(rows);
}
