/** Shapes of the console API (docs/console-api.md). */
export type Role = 'owner' | 'admin' | 'developer' | 'member';
export type Plan = 'free' | 'standard' | 'pro' | 'enterprise';

export interface OrgMembership {
  id: string;
  name: string;
  role: Role;
  plan: Plan;
  apiEnabled: boolean;
}

export interface Me {
  user: { id: string; email: string; name: string };
  organizations: OrgMembership[];
  activeOrganizationId: string | null;
}

export interface ConsoleConfig {
  signup: 'open' | 'closed';
  publicUrl: string;
  version: string;
}

export interface ApiKey {
  id: string;
  prefix: string;
  name: string;
  scopes: string[];
  kind: 'standard' | 'playground';
  status: 'active' | 'expired' | 'revoked';
  expiresAt: string | null;
  createdAt: string;
  createdBy: { id: string; email: string; name: string } | null;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  revokedAt: string | null;
  replacedBy: string | null;
  /** CIDR ranges the key may be used from; empty: any address. */
  ipAllowlist?: string[];
  /** The key's own requests per minute; null: the plan's per-key limit. */
  rateLimitPerMinute?: number | null;
  /** Why the key does not work, or null when it does. */
  statusReason?:
    | 'expired'
    | 'revoked'
    | 'rolled'
    | 'member_removed'
    | 'leaked'
    | 'creator_removed'
    | 'plan'
    | 'api_disabled'
    | null;
  /** Rules of the organization's key policy this active key breaks now. */
  policyViolations?: PolicyViolation[];
  /** The advisor (GET /keys): resource scopes exercised in the last 30 days (2xx). */
  usedScopes?: string[];
  /** How many resource scopes the key's scopes grant. */
  grantedScopeCount?: number;
  /** A narrower scope list when the key holds more than it used, else null. */
  suggestedScopes?: string[] | null;
  /** Active and unused for the policy's dormantDays. */
  dormant?: boolean;
}

/** GET /keys/summary: counts among the keys that work now. */
export interface KeySummary {
  active: number;
  overPrivileged: number;
  dormant: number;
  neverExpiring: number;
  violatingPolicy: number;
  expiringSoon: number;
}

export type PolicyViolation = 'lifetime' | 'no_expiry' | 'scopes' | 'ip_allowlist';

export type KeyCreatorRole = 'owner' | 'admin' | 'developer';

/** GET/PUT /organization/key-policy (docs/console-api.md, "Key policy"). */
export interface KeyPolicy {
  maxLifetimeDays: number | null;
  allowNoExpiry: boolean;
  creatorRoles: KeyCreatorRole[];
  maxScopesByRole: Partial<Record<KeyCreatorRole, string[]>>;
  requireIpAllowlist: boolean;
  dormantDays: number;
  updatedAt?: string | null;
  updatedBy?: string | null;
}

export interface CreatedKey {
  key: string;
  apiKey: ApiKey;
}

export interface ScopeInfo {
  scope: string;
  description: string;
  resource: string;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: string;
}

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
  invitedBy: string | { id?: string; email?: string; name?: string } | null;
}

export interface AuditEvent {
  id: string;
  action: string;
  actor: { type: string; id: string | null; label: string | null };
  keyCreatorId: string | null;
  target: { type: string | null; id: string | null; label: string | null } | null;
  metadata: Record<string, unknown> | null;
  ip: string | null;
  requestId: string | null;
  createdAt: string;
  /** Hash chain position and hashes (docs/audit-chain.md); null before the chain began. */
  seq?: number | null;
  hash?: string | null;
  prevHash?: string | null;
}

/** `GET /audit-log/verification`: the recomputed hash chain of the organization. */
export interface ChainVerification {
  orgId: string;
  ok: boolean;
  events: number;
  verifiedThrough: string | null;
  uncovered: number;
  head: { seq: number; hash: string } | null;
  firstBreak: { orgId: string; seq: number; rowId: string | null; problem: string; detail: string } | null;
}

/** `GET /keys/{id}/requests`: one of a key's last 50 API requests (newest first). */
export interface KeyRequest {
  at: string;
  method: string;
  /** The route template (`/api/v1/people/:personId`), never the raw path or query. */
  route: string;
  status: number;
  ip: string | null;
}

export interface UsagePoint {
  t: string;
  s2xx: number;
  s4xx: number;
  s5xx: number;
}

export interface Usage {
  from?: string;
  to?: string;
  /** Bucket width of `series` (empty buckets are left out). */
  granularity?: 'minute' | 'hour' | 'day';
  series: UsagePoint[];
  topEndpoints: { route: string; count: number }[];
  limits: { key: { limit: number; windowSeconds: number }; org: { limit: number; windowSeconds: number } };
  headroom: { org: { remaining: number; limit: number } };
}
