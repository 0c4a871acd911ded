import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { organizations, users } from './accounts.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** The public id embedded in the key; finds the row without a scan. */
    publicId: text('public_id').notNull().unique(),
    /** `klipy_api_<public id>`, shown in lists, audit entries and 401 bodies. */
    prefix: text('prefix').notNull(),
    /** SHA-256 hex of the full key. The plaintext is never stored. */
    digest: text('digest').notNull(),
    name: text('name').notNull(),
    scopes: text('scopes').array().notNull(),
    kind: text('kind', { enum: ['standard', 'playground'] })
      .notNull()
      .default('standard'),
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    expiresAt: ts('expires_at'),
    revokedAt: ts('revoked_at'),
    revokedBy: text('revoked_by'),
    /**
     * Why it was revoked: `revoked` (by a user or the operator), `rolled`, `member_removed`,
     * or `leaked` (reported by secret scanning; the console shows a banner).
     */
    revokedReason: text('revoked_reason', { enum: ['revoked', 'rolled', 'member_removed', 'leaked'] }),
    /** Set on the old key of a roll: the key that replaces it. */
    replacedBy: text('replaced_by'),
    lastUsedAt: ts('last_used_at'),
    lastUsedIp: text('last_used_ip'),
    /** CIDR ranges (IPv4 and IPv6) the key may be used from; empty: any address. */
    ipAllowlist: text('ip_allowlist').array().notNull().default([]),
    /** Per-key requests per minute, at most the plan's per-key limit; null: the plan's. */
    rateLimitPerMinute: integer('rate_limit_per_minute'),
  },
  (t) => [index('api_keys_org_idx').on(t.orgId, t.createdAt.desc())],
);

export const auditEvents = pgTable(
  'audit_events',
  {
    /** Time-sortable id (`aud_` + ULID), the keyset for pagination. */
    id: text('id').primaryKey(),
    orgId: text('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
    /** `user`, `api_key`, or `operator` (the CLI). */
    actorType: text('actor_type', { enum: ['user', 'api_key', 'operator'] }).notNull(),
    actorId: text('actor_id'),
    /** Email of a user, display prefix of a key, `cli` for the operator. */
    actorLabel: text('actor_label').notNull(),
    /** For API-key actors: the user who created the key. */
    keyCreatorId: text('key_creator_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    targetLabel: text('target_label'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default({}),
    ip: text('ip'),
    requestId: text('request_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    /**
     * Position in the organization's hash chain (1, 2, 3, …; docs/audit-chain.md). Null for
     * rows written before the chain existed and for rows without an organization.
     */
    seq: bigint('seq', { mode: 'number' }),
    /** SHA-256 hex of the row's canonical content (which includes `seq` and `prev_hash`). */
    hash: text('hash'),
    /** `hash` of the row at `seq - 1`; 64 zeros for the first row of a chain. */
    prevHash: text('prev_hash'),
  },
  (t) => [
    index('audit_org_id_idx').on(t.orgId, t.id.desc()),
    uniqueIndex('audit_org_seq_idx').on(t.orgId, t.seq),
    index('audit_org_action_idx').on(t.orgId, t.action, t.id.desc()),
    index('audit_org_target_idx').on(t.orgId, t.targetId),
  ],
);

/**
 * The head of each organization's audit hash chain: the last `seq` and `hash` written.
 * Writers lock this row (`SELECT … FOR UPDATE`) in the transaction that appends, so
 * concurrent writers on any number of nodes append one after another.
 */
export const auditChainHeads = pgTable('audit_chain_heads', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  hash: text('hash').notNull(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * An organization's key policy (Settings → API → Policy). No row: the defaults (any
 * lifetime, no expiry allowed, developers and up create keys, no allow-list required).
 */
export const keyPolicies = pgTable('key_policies', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  /** New keys and rolls must expire within this many days; null: no maximum. */
  maxLifetimeDays: integer('max_lifetime_days'),
  allowNoExpiry: boolean('allow_no_expiry').notNull().default(true),
  /** Roles that may create keys (each still needs the permission table's minimum). */
  creatorRoles: text('creator_roles').array().notNull().default(['owner', 'admin', 'developer']),
  /** Widest scopes each role may grant, e.g. `{ "developer": ["read"] }`; absent role: its role's own limit. */
  maxScopesByRole: jsonb('max_scopes_by_role').$type<Record<string, string[]>>().notNull().default({}),
  requireIpAllowlist: boolean('require_ip_allowlist').notNull().default(false),
  /** A key unused for this many days is "dormant". */
  dormantDays: integer('dormant_days').notNull().default(30),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});
