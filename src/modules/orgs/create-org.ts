import type { Tx } from '../../db/client.js';
import { memberships, organizations } from '../../db/schema/index.js';
import { newId } from '../../infra/ids.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Plan } from './roles.js';

export interface CreateOrgInput {
  name: string;
  plan: Plan;
  apiEnabled: boolean;
  ownerId: string | null;
  actor: Actor;
}

/** Creates an organization (and its owner membership) inside the caller's transaction. */
export async function createOrgInTx(tx: Tx, input: CreateOrgInput) {
  const [org] = await tx
    .insert(organizations)
    .values({ id: newId('org'), name: input.name, plan: input.plan, apiEnabled: input.apiEnabled })
    .returning();
  if (!org) throw new Error('organization insert returned nothing');
  if (input.ownerId)
    await tx.insert(memberships).values({ orgId: org.id, userId: input.ownerId, role: 'owner' });
  await recordAudit(tx, {
    orgId: org.id,
    actor: input.actor,
    action: 'organization.created',
    target: { type: 'organization', id: org.id, label: org.name },
    metadata: { plan: org.plan, apiEnabled: org.apiEnabled },
  });
  return org;
}
