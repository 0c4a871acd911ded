import { eq } from 'drizzle-orm';
import { organizations } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { type Action, assertActorMay } from '../access/permissions.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { AppError } from '../errors.js';
import type { Plan, Role } from './roles.js';

export interface OrgChanges {
  name?: string;
  plan?: Plan;
  apiEnabled?: boolean;
}

/**
 * Changes an organization's name, plan or API flag, audited in the same transaction.
 * Every change is published so each node drops cached key state for the organization:
 * a downgrade takes effect on the very next API request.
 */
export async function updateOrg(
  deps: Deps,
  input: { orgId: string; changes: OrgChanges; actor: Actor & { role?: Role } },
) {
  // Renaming is the owner's; plan and API access are the platform operator's (the CLI),
  // never the organization's own: they decide rate limits and whether keys work at all.
  const fieldActions: [keyof OrgChanges, Action][] = [
    ['name', 'organization.rename'],
    ['plan', 'organization.set_plan'],
    ['apiEnabled', 'organization.set_api_access'],
  ];
  for (const [field, action] of fieldActions) {
    if (input.changes[field] !== undefined) assertActorMay(input.actor, action);
  }
  const org = await deps.database.db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(organizations)
      .where(eq(organizations.id, input.orgId))
      .for('update');
    if (!before) throw new AppError('not_found', 'Organization not found.');
    const [after] = await tx
      .update(organizations)
      .set({ ...input.changes, updatedAt: deps.clock.now() })
      .where(eq(organizations.id, input.orgId))
      .returning();
    if (!after) throw new Error('organization update returned nothing');
    const events: [keyof OrgChanges, string][] = [
      ['name', 'organization.renamed'],
      ['plan', 'organization.plan_changed'],
      ['apiEnabled', after.apiEnabled ? 'organization.api_enabled' : 'organization.api_disabled'],
    ];
    for (const [field, action] of events) {
      if (input.changes[field] === undefined || input.changes[field] === before[field]) continue;
      await recordAudit(tx, {
        orgId: after.id,
        actor: input.actor,
        action,
        target: { type: 'organization', id: after.id, label: after.name },
        metadata: { from: before[field], to: after[field] },
      });
    }
    return after;
  });
  // Cached principals carry the plan, the API flag and the name (team_name): drop them everywhere.
  await deps.bus.publish({ kind: 'org', orgId: org.id });
  return org;
}
