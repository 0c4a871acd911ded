/**
 * Verifies a presented API key: the whole decision, with no HTTP in it.
 *
 * Usage:
 *   const result = await verifyApiKey(deps, headerValue);
 *   if (result.ok) use(result.principal);
 *   else respond(result.reason, result.prefix);   // 401 for key reasons, 403 for plan / api_disabled
 *
 * Order: parse (no I/O) → cache or database by public id → constant-time digest check
 * → revoked → expired → creator still a member → plan → API flag. A wrong secret for a real public id is reported
 * as `unknown` with no prefix, so the answer does not confirm that the id exists.
 * The key's IP allow-list is the caller's to check with the client address it sees
 * (`ipAllowed(principal.ipAllowlist, ip)`, ip-allowlist.ts): this module knows no HTTP.
 */
import { and, eq, sql } from 'drizzle-orm';
import { preparedPerDb } from '../../db/prepared.js';
import { apiKeys, memberships, organizations } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { planAllowsApi } from '../orgs/roles.js';
import { endReason } from './api-key-view.js';
import type { CachedKey } from './key-cache.js';
import type { Principal } from './principal.js';
import { clampScopesToRole } from './scopes.js';
import { digestEquals, hashKey, parseKey } from './token.js';

export type VerifyFailure = 'malformed' | 'unknown' | 'expired' | 'revoked' | 'plan' | 'api_disabled';

/** Expected outcomes are data: the edge maps `reason` to 401 / 403 (§4.1). */
export type VerifyResult =
  | { ok: true; principal: Principal }
  | { ok: false; reason: VerifyFailure; prefix?: string };

const keyByPublicId = preparedPerDb((db) =>
  db
    .select({
      id: apiKeys.id,
      orgId: apiKeys.orgId,
      publicId: apiKeys.publicId,
      prefix: apiKeys.prefix,
      digest: apiKeys.digest,
      name: apiKeys.name,
      scopes: apiKeys.scopes,
      kind: apiKeys.kind,
      createdBy: apiKeys.createdBy,
      expiresAt: apiKeys.expiresAt,
      revokedAt: apiKeys.revokedAt,
      ipAllowlist: apiKeys.ipAllowlist,
      rateLimitPerMinute: apiKeys.rateLimitPerMinute,
      org: { name: organizations.name, plan: organizations.plan, apiEnabled: organizations.apiEnabled },
      creatorRole: memberships.role,
    })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.orgId))
    .leftJoin(
      memberships,
      and(eq(memberships.orgId, apiKeys.orgId), eq(memberships.userId, apiKeys.createdBy)),
    )
    .where(eq(apiKeys.publicId, sql.placeholder('publicId')))
    .limit(1)
    .prepare('load_key_row'),
);

/** Reads one key row with its organization's plan and flag, scopes clamped to the creator's role. */
export async function loadKeyRow(deps: Pick<Deps, 'database'>, publicId: string): Promise<CachedKey | null> {
  const [row] = await keyByPublicId(deps.database.db).execute({ publicId });
  if (!row) return null;
  // A key never holds scopes its creator's current role could not use (§3.3). A creator
  // who left the organization has no role there: removal revokes their keys in the same
  // transaction, and should one escape (a key created while the removal committed) it is
  // refused as revoked all the same. Operator keys (no creator) keep their own scopes.
  const { creatorRole, ...key } = row;
  const creatorActive = key.createdBy === null || creatorRole !== null;
  const scopes = creatorActive ? clampScopesToRole(key.scopes, creatorRole) : [];
  return { ...key, scopes, creatorActive };
}

/** Reads a key row by public id (injectable so tests can interleave a concurrent change). */
export type KeyLoader = (deps: Pick<Deps, 'database'>, publicId: string) => Promise<CachedKey | null>;

/** Counts cache hits and misses (for the hit-ratio metric); optional so tests can omit it. */
export interface LookupCounter {
  keyCacheLookups: { inc(labels: { result: 'hit' | 'miss' }): void };
}

/**
 * Resolves after every I/O callback of the current event-loop turn has run.
 *
 * Why: a cached row is only as fresh as the invalidations this node has read. A revoke on
 * another node publishes before it answers, so by the time any request that follows it
 * reaches this node the invalidation is already waiting on this node's bus socket; but
 * when both sockets turn readable in the same turn, the request's may be served first,
 * and a cache read done then would let a revoked key through once (seen in CI under
 * load, 1 trial in 20). `setImmediate` runs after the whole poll phase, so the bus
 * message is handled before the cache is read. It costs a few µs per request.
 */
const afterPendingIo = () => new Promise<void>((resolve) => setImmediate(resolve));

async function lookup(
  deps: Pick<Deps, 'database' | 'keyCache'>,
  publicId: string,
  load: KeyLoader,
  counter?: LookupCounter,
) {
  await afterPendingIo();
  const cached = deps.keyCache.get(publicId);
  const known = cached !== undefined || deps.keyCache.isUnknown(publicId);
  counter?.keyCacheLookups.inc({ result: known ? 'hit' : 'miss' });
  if (cached) return cached;
  if (known) return null;
  // Snapshot before the read: an invalidation landing meanwhile makes `set` refuse the row.
  const gen = deps.keyCache.generation();
  const row = await load(deps, publicId);
  if (row) deps.keyCache.set(row, gen);
  else deps.keyCache.setUnknown(publicId, gen);
  return row;
}

// Compared against when no row exists, so an unknown id costs the same hash and compare
// as a known id with a wrong secret (no timing tells which public ids exist).
const NO_DIGEST = hashKey('klipy_api_no-such-key');

/** The whole verification of one presented key. Never throws for bad input. */
export async function verifyApiKey(
  deps: Pick<Deps, 'database' | 'keyCache' | 'clock'>,
  presented: string,
  load: KeyLoader = loadKeyRow,
  counter?: LookupCounter,
): Promise<VerifyResult> {
  const parsed = parseKey(presented);
  if (!parsed.ok) return { ok: false, reason: 'malformed' };
  const row = await lookup(deps, parsed.publicId, load, counter);
  const matches = digestEquals(hashKey(presented), row?.digest ?? NO_DIGEST);
  if (!row || !matches) return { ok: false, reason: 'unknown' };
  const now = deps.clock.now().getTime();
  const prefix = row.prefix;
  const ended = endReason(row, now) ?? (row.creatorActive ? null : 'revoked');
  if (ended) return { ok: false, reason: ended, prefix };
  if (!planAllowsApi(row.org.plan)) return { ok: false, reason: 'plan', prefix };
  if (!row.org.apiEnabled) return { ok: false, reason: 'api_disabled', prefix };
  return {
    ok: true,
    principal: {
      orgId: row.orgId,
      orgName: row.org.name,
      plan: row.org.plan,
      keyId: row.id,
      publicId: row.publicId,
      prefix,
      name: row.name,
      scopes: row.scopes,
      kind: row.kind,
      createdBy: row.createdBy,
      expiresAt: row.expiresAt,
      graceEndsAt: row.revokedAt,
      ipAllowlist: row.ipAllowlist,
      rateLimitPerMinute: row.rateLimitPerMinute,
    },
  };
}
