/**
 * The audit hash chain's canonical form, pure functions only (docs/audit-chain.md).
 *
 * Every organization's audit rows form a chain: row `seq` stores `prev_hash` (the hash of
 * row `seq - 1`, or GENESIS_HASH for row 1) and `hash`, the SHA-256 hex of the row's
 * canonical form. The canonical form is JSON with keys sorted (recursively, by UTF-16
 * code units, as JavaScript sorts), no whitespace, of exactly the CANONICAL_FIELDS below,
 * `created_at` as ISO 8601 UTC with milliseconds. Changing any field, `seq` or `prev_hash`
 * changes the hash; changing the algorithm means a new documented version.
 */
import { createHash } from 'node:crypto';

/** The `prev_hash` of the first row of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields a row's hash covers, by their export (snake_case) names. */
export const CANONICAL_FIELDS = [
  'id',
  'org_id',
  'seq',
  'prev_hash',
  'created_at',
  'action',
  'actor_type',
  'actor_id',
  'actor_label',
  'key_creator_id',
  'target_type',
  'target_id',
  'target_label',
  'metadata',
  'ip',
  'request_id',
] as const;

/** A chained row's content, as stored (camelCase, the drizzle row shape). */
export interface ChainedContent {
  id: string;
  orgId: string | null;
  seq: number | null;
  prevHash: string | null;
  createdAt: Date;
  action: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  keyCreatorId: string | null;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  metadata: Record<string, unknown>;
  ip: string | null;
  requestId: string | null;
}

/** JSON with object keys sorted at every depth and no whitespace; `undefined` members dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value))
    return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/**
 * Metadata as it will read back from the `jsonb` column (dates to strings, `undefined`
 * dropped), so the hash computed before the insert matches the one a verifier computes.
 */
export const normalizeMetadata = (metadata: Record<string, unknown>): Record<string, unknown> =>
  JSON.parse(JSON.stringify(metadata));

/** The top-level members in canonical order, each with its `"name":` prefix written once. */
const SORTED_FIELDS = [...CANONICAL_FIELDS].sort().map((name) => [name, `${JSON.stringify(name)}:`] as const);

/**
 * The canonical form of one row (the exact bytes that are hashed, as a string): what
 * `canonicalJson` makes of the snake_case row, with the top level's fixed key order
 * computed once rather than sorted for every row (a batch hashes a hundred).
 */
export function canonicalForm(r: ChainedContent): string {
  const row = snakeRow(r);
  let out = '';
  for (const [name, prefix] of SORTED_FIELDS) {
    const value = row[name];
    if (value === undefined) continue;
    out += `${out ? ',' : '{'}${prefix}${canonicalJson(value)}`;
  }
  return out ? `${out}}` : '{}';
}

/** The row by its export (snake_case) names, exactly the canonical fields. */
function snakeRow(r: ChainedContent): Record<(typeof CANONICAL_FIELDS)[number], unknown> {
  return {
    id: r.id,
    org_id: r.orgId,
    seq: r.seq,
    prev_hash: r.prevHash,
    created_at: r.createdAt.toISOString(),
    action: r.action,
    actor_type: r.actorType,
    actor_id: r.actorId,
    actor_label: r.actorLabel,
    key_creator_id: r.keyCreatorId,
    target_type: r.targetType,
    target_id: r.targetId,
    target_label: r.targetLabel,
    metadata: r.metadata,
    ip: r.ip,
    request_id: r.requestId,
  };
}

/** SHA-256 hex of the row's canonical form (UTF-8). */
export const chainHash = (r: ChainedContent): string =>
  createHash('sha256').update(canonicalForm(r), 'utf8').digest('hex');
