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

/**
 * Writes one audit row. Call it with the transaction that makes the change, so the
 * change and its record commit or roll back together.
 */
export async function recordAudit(tx: DbOrTx, input: AuditInput): Promise<void> {
  await tx.insert(auditEvents).values({
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
  });
}
