import { eq } from 'drizzle-orm';
import { apiKeys, organizations } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { assertActorMay } from '../access/permissions.js';
import { recordAudit } from '../audit/record-audit.js';
import { validationError } from '../errors.js';
import { assertIpAllowlistWithinPolicy, assertScopesWithinPolicy } from '../key-policy/check-key-policy.js';
import { getKeyPolicy } from '../key-policy/get-key-policy.js';
import { assertRoleMayGrant, type KeyOperationBase, keyTarget, lockKey } from './access.js';
import { type ApiKeyView, selectKeyViews } from './api-key-view.js';
import { normaliseAllowlist } from './ip-allowlist.js';
import { assertKeyLimitWithinPlan } from './key-rate-limit.js';

export interface UpdateApiKeyArgs extends KeyOperationBase {
  id: string;
  name?: string | undefined;
  scopes?: string[] | undefined;
  /** CIDR ranges (normalised here); [] allows any address. */
  ipAllowlist?: string[] | undefined;
  /** Requests per minute, at most the plan's per-key limit; null: the plan's. */
  rateLimitPerMinute?: number | null | undefined;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Renames a key or changes its scopes, IP allow-list or per-key limit (expiry is
 * immutable). Audited with before/after values, and published after commit so every node
 * applies the change on the next request.
 */
export async function updateApiKey(deps: Deps, args: UpdateApiKeyArgs): Promise<ApiKeyView> {
  const now = deps.clock.now();
  if (args.scopes !== undefined && args.scopes.length === 0) {
    throw validationError('Select at least one scope.', [
      { path: 'scopes', message: 'select at least one scope' },
    ]);
  }
  assertRoleMayGrant(args.actor, args.scopes ?? []);
  let ipAllowlist: string[] | undefined;
  if (args.ipAllowlist !== undefined) {
    const result = normaliseAllowlist(args.ipAllowlist);
    if (!result.ok)
      throw validationError(`Invalid IP allow-list: ${result.fields[0]?.message}.`, result.fields);
    ipAllowlist = result.list;
  }
  const result = await deps.database.db.transaction(async (tx) => {
    const row = await lockKey(tx, args.orgId, args.id);
    // Developers edit their own keys; renaming, narrowing or widening anyone else's is admin+.
    assertActorMay(args.actor, 'key.update', row);
    // The key policy caps what a role may grant (keeping or narrowing scopes is never refused),
    // and may require an allow-list: removing a key's last range is refused then.
    if (args.actor.type !== 'operator' && (args.scopes !== undefined || ipAllowlist?.length === 0)) {
      const policy = await getKeyPolicy(tx, args.orgId);
      if (args.scopes !== undefined && args.actor.type === 'user') {
        assertScopesWithinPolicy(policy, args.actor.role, args.scopes, row.scopes);
      }
      if (ipAllowlist?.length === 0 && row.ipAllowlist.length > 0)
        assertIpAllowlistWithinPolicy(policy, ipAllowlist);
    }
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (args.name !== undefined && args.name !== row.name) changes.name = { from: row.name, to: args.name };
    const scopesChanged =
      args.scopes !== undefined &&
      (args.scopes.length !== row.scopes.length || args.scopes.some((s) => !row.scopes.includes(s)));
    if (scopesChanged) changes.scopes = { from: row.scopes, to: args.scopes };
    if (ipAllowlist !== undefined && !sameList(ipAllowlist, row.ipAllowlist)) {
      changes.ipAllowlist = { from: row.ipAllowlist, to: ipAllowlist };
    }
    if (args.rateLimitPerMinute !== undefined && args.rateLimitPerMinute !== row.rateLimitPerMinute) {
      const [org] = await tx
        .select({ plan: organizations.plan })
        .from(organizations)
        .where(eq(organizations.id, args.orgId));
      if (!org) throw new Error('organization of a locked key not found');
      assertKeyLimitWithinPlan(deps.config, org.plan, args.rateLimitPerMinute);
      changes.rateLimitPerMinute = { from: row.rateLimitPerMinute, to: args.rateLimitPerMinute };
    }
    if (Object.keys(changes).length > 0) {
      await tx
        .update(apiKeys)
        .set({
          ...(changes.name ? { name: args.name } : {}),
          ...(changes.scopes ? { scopes: args.scopes } : {}),
          ...(changes.ipAllowlist ? { ipAllowlist } : {}),
          ...(changes.rateLimitPerMinute ? { rateLimitPerMinute: args.rateLimitPerMinute ?? null } : {}),
          updatedAt: now,
        })
        .where(eq(apiKeys.id, row.id));
      await recordAudit(tx, {
        orgId: args.orgId,
        actor: args.actor,
        action: 'api_key.updated',
        target: keyTarget(row),
        metadata: { prefix: row.prefix, changes },
        ...(args.context ? { context: args.context } : {}),
      });
    }
    const [view] = await selectKeyViews(tx, args.orgId, now, row.id);
    if (!view) throw new Error('updated key not found');
    return { view, publicId: row.publicId };
  });
  await deps.bus.publish({ kind: 'key', publicId: result.publicId });
  return result.view;
}
