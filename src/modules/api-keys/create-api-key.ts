import type { Tx } from '../../db/client.js';
import { apiKeys } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { newId } from '../../infra/ids.js';
import { assertActorMay } from '../access/permissions.js';
import { recordAudit } from '../audit/record-audit.js';
import { AppError, validationError } from '../errors.js';
import { emitKeyCreated } from '../events/account-events.js';
import { assertNewKeyWithinPolicy } from '../key-policy/assert-key-within-policy.js';
import { getKeyPolicy } from '../key-policy/get-key-policy.js';
import {
  assertOrgMayUseKeys,
  assertRoleMayGrant,
  isMemberOf,
  type KeyActor,
  type KeyOperationBase,
  keyTarget,
} from './access.js';
import { type ApiKeyView, selectKeyViews } from './api-key-view.js';
import { normaliseAllowlist } from './ip-allowlist.js';
import { assertKeyLimitWithinPlan } from './key-rate-limit.js';
import { READ_ONLY_SCOPES } from './scopes.js';
import { generateKey } from './token.js';

export interface CreateApiKeyArgs extends KeyOperationBase {
  name: string;
  scopes: string[];
  expiresAt: Date | null;
  kind?: 'standard' | 'playground';
  /** CIDR ranges the key may be used from (normalised here); omitted or empty: any address. */
  ipAllowlist?: string[] | undefined;
  /** Requests per minute, at most the plan's per-key limit; omitted or null: the plan's. */
  rateLimitPerMinute?: number | null | undefined;
}

/** A key as returned once to its creator: the plaintext plus the listed view. */
export interface CreatedKey {
  /** The plaintext key. Shown once; never stored, logged or audited. */
  key: string;
  apiKey: ApiKeyView;
}

/** Name and lifetime of docs-playground keys (PRODUCT.md §3.3). */
export const PLAYGROUND_KEY_NAME = 'Docs playground (temp)';
export const PLAYGROUND_TTL_MS = 60 * 60 * 1000;

/** Inserts a key row inside the caller's transaction; returns the plaintext and row. */
export async function insertKeyInTx(
  tx: Tx,
  args: {
    orgId: string;
    name: string;
    scopes: string[];
    expiresAt: Date | null;
    kind: 'standard' | 'playground';
    createdBy: string | null;
    /** The service's clock (a roll measures the old key's lifetime from it). */
    createdAt: Date;
    /** Already normalised (`normaliseAllowlist`). */
    ipAllowlist?: string[];
    rateLimitPerMinute?: number | null;
  },
) {
  const generated = generateKey();
  const [row] = await tx
    .insert(apiKeys)
    .values({
      id: newId('apiKey'),
      orgId: args.orgId,
      publicId: generated.publicId,
      prefix: generated.prefix,
      digest: generated.digest,
      name: args.name,
      scopes: args.scopes,
      kind: args.kind,
      createdBy: args.createdBy,
      expiresAt: args.expiresAt,
      createdAt: args.createdAt,
      updatedAt: args.createdAt,
      ipAllowlist: args.ipAllowlist ?? [],
      rateLimitPerMinute: args.rateLimitPerMinute ?? null,
    })
    .returning();
  if (!row) throw new Error('api key insert returned nothing');
  return { key: generated.key, row };
}

const creatorOf = (actor: KeyActor) => (actor.type === 'user' ? actor.id : null);

/**
 * Creates a key (developer+, standard plan+, API flag on), audited in the same
 * transaction. Expiry must be in the future; scopes within what the creator's role may use;
 * everything within the organization's key policy (`assertNewKeyWithinPolicy`).
 */
export async function createApiKey(deps: Deps, args: CreateApiKeyArgs): Promise<CreatedKey> {
  const now = deps.clock.now();
  if (args.scopes.length === 0) {
    throw validationError('Select at least one scope.', [
      { path: 'scopes', message: 'select at least one scope' },
    ]);
  }
  if (args.expiresAt && args.expiresAt <= now) {
    throw validationError('The expiry must be in the future.', [
      { path: 'expiresAt', message: 'must be in the future' },
    ]);
  }
  const allowlist = normaliseAllowlist(args.ipAllowlist ?? []);
  if (!allowlist.ok)
    throw validationError(`Invalid IP allow-list: ${allowlist.fields[0]?.message}.`, allowlist.fields);
  const kind = args.kind ?? 'standard';
  assertActorMay(args.actor, kind === 'playground' ? 'key.create_playground' : 'key.create');
  assertRoleMayGrant(args.actor, args.scopes);
  const created = await deps.database.db.transaction(async (tx) => {
    const org = await assertOrgMayUseKeys(tx, args.orgId);
    assertKeyLimitWithinPlan(deps.config, org.plan, args.rateLimitPerMinute);
    // Checked in the transaction: a removal committing meanwhile cannot leave a fresh key behind.
    if (args.actor.type === 'user' && !(await isMemberOf(tx, args.orgId, args.actor.id))) {
      throw new AppError('forbidden', 'You are no longer a member of this organization.', {
        reason: 'no_organization',
      });
    }
    const policy = await getKeyPolicy(tx, args.orgId);
    assertNewKeyWithinPolicy(policy, args.actor, { ...args, ipAllowlist: allowlist.list }, now, 'create');
    const { key, row } = await insertKeyInTx(tx, {
      orgId: args.orgId,
      name: args.name,
      scopes: args.scopes,
      expiresAt: args.expiresAt,
      ipAllowlist: allowlist.list,
      rateLimitPerMinute: args.rateLimitPerMinute ?? null,
      kind,
      createdBy: creatorOf(args.actor),
      createdAt: now,
    });
    await recordAudit(tx, {
      orgId: args.orgId,
      actor: args.actor,
      action: kind === 'playground' ? 'api_key.playground_created' : 'api_key.created',
      target: keyTarget(row),
      metadata: {
        prefix: row.prefix,
        name: row.name,
        scopes: row.scopes,
        kind,
        expiresAt: row.expiresAt,
        ipAllowlist: row.ipAllowlist,
        rateLimitPerMinute: row.rateLimitPerMinute,
      },
      ...(args.context ? { context: args.context } : {}),
    });
    await emitKeyCreated(tx, row);
    const [apiKey] = await selectKeyViews(tx, args.orgId, now, row.id);
    if (!apiKey) throw new Error('created key not found');
    return { key, apiKey, publicId: row.publicId };
  });
  // A node that remembers this public id as unknown (see KeyCache) forgets it everywhere.
  await deps.bus.publish({ kind: 'key', publicId: created.publicId });
  return { key: created.key, apiKey: created.apiKey };
}

/** "Generate test token" on /docs: a 1-hour key, read-only unless scopes are given. */
export function createPlaygroundKey(deps: Deps, args: KeyOperationBase & { scopes?: string[] }) {
  return createApiKey(deps, {
    ...args,
    name: PLAYGROUND_KEY_NAME,
    scopes: args.scopes ?? [...READ_ONLY_SCOPES],
    expiresAt: new Date(deps.clock.now().getTime() + PLAYGROUND_TTL_MS),
    kind: 'playground',
  });
}
