import { and, eq, gte, like, lt, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import { inOrg } from '../../db/in-org.js';
import { auditEvents } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { AppError } from '../errors.js';

/** Filters of the audit log (console list and export share them). */
export const auditFiltersSchema = z.object({
  action: z.string().trim().min(1).max(100).optional().meta({
    description:
      'Part of the action name, case-insensitive (`api_key` finds every key event, `revoked` every revocation), or a family with `.*` (`api_key.*`).',
    example: 'api_key.revoked',
  }),
  actor: z
    .string()
    .trim()
    .min(1)
    .max(254)
    .optional()
    .meta({ description: 'Actor id, email or key display prefix.', example: 'klipy_api_a1B2c3D4e5F6' }),
  keyId: z.string().trim().min(1).max(64).optional().meta({
    description: 'Events about this key or made with it.',
    example: 'key_01J9ZQ4ZK5V2W3X4Y5Z6A7B8C9',
  }),
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'From this time (inclusive), ISO 8601.' }),
  to: z.iso
    .datetime({ offset: true })
    .optional()
    .meta({ description: 'Before this time (exclusive), ISO 8601.' }),
});
export type AuditFilters = z.infer<typeof auditFiltersSchema>;

/** List query: the filters plus keyset cursor and page size. */
export const auditQuerySchema = auditFiltersSchema.extend({
  cursor: z.string().max(200).optional().meta({ description: 'Opaque cursor from `page_info.next_cursor`.' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .meta({ description: 'Page size, 1–200 (default 50).', example: 50 }),
});

/** The console's `AuditEvent`. */
export interface AuditEventView {
  id: string;
  orgId: string | null;
  action: string;
  actor: { type: string; id: string | null; label: string };
  keyCreatorId: string | null;
  /** Always an object (fields null when the event has no target), as the console expects. */
  target: { type: string | null; id: string | null; label: string | null };
  metadata: Record<string, unknown>;
  ip: string | null;
  requestId: string | null;
  createdAt: Date;
  /** Position in the organization's hash chain; null before the chain began (docs/audit-chain.md). */
  seq: number | null;
  /** SHA-256 hex of the row's canonical form. */
  hash: string | null;
  /** The previous row's `hash` (64 zeros for row 1). */
  prevHash: string | null;
}

const AUDIT_ID = /^aud_[0-9A-HJKMNP-TV-Z]{26}$/;
/** The opaque cursor of a page that ends at audit event `id` (keyset: next page is `id < cursor`). */
export const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!AUDIT_ID.test(id))
    throw new AppError('bad_request', 'The cursor is not valid; start from the first page.');
  return id;
}

export interface AuditQuery {
  orgId: string;
  filters: AuditFilters;
  /** Developers see key events only (docs/console-api.md). */
  keyEventsOnly: boolean;
  cursor?: string | undefined;
  limit: number;
}

/** The WHERE clause of a query; exported for the export. */
export function auditWhere(q: Omit<AuditQuery, 'limit'>): SQL | undefined {
  const f = q.filters;
  // The organization through `inOrg`: a new one is missing from the statistics (see there).
  const conds: (SQL | undefined)[] = [inOrg(auditEvents.orgId, q.orgId)];
  if (q.keyEventsOnly) conds.push(like(auditEvents.action, 'api_key.%'));
  if (f.action) {
    // People type part of a name into the filter: `api_key` must find `api_key.created`.
    const escaped = (text: string) => text.toLowerCase().replace(/[\\%_]/g, '\\$&');
    conds.push(
      f.action.endsWith('.*')
        ? like(auditEvents.action, `${escaped(f.action.slice(0, -2))}.%`)
        : like(auditEvents.action, `%${escaped(f.action)}%`),
    );
  }
  if (f.actor) conds.push(or(eq(auditEvents.actorId, f.actor), eq(auditEvents.actorLabel, f.actor)));
  if (f.keyId) conds.push(or(eq(auditEvents.targetId, f.keyId), eq(auditEvents.actorId, f.keyId)));
  if (f.from) conds.push(gte(auditEvents.createdAt, new Date(f.from)));
  if (f.to) conds.push(lt(auditEvents.createdAt, new Date(f.to)));
  if (q.cursor) conds.push(lt(auditEvents.id, decodeCursor(q.cursor)));
  return and(...conds);
}

/** A stored audit row as the console's `AuditEvent`. */
export function toAuditView(r: typeof auditEvents.$inferSelect): AuditEventView {
  return {
    id: r.id,
    orgId: r.orgId,
    action: r.action,
    actor: { type: r.actorType, id: r.actorId, label: r.actorLabel },
    keyCreatorId: r.keyCreatorId,
    target: { type: r.targetType, id: r.targetId, label: r.targetLabel },
    metadata: r.metadata,
    ip: r.ip,
    requestId: r.requestId,
    createdAt: r.createdAt,
    seq: r.seq,
    hash: r.hash,
    prevHash: r.prevHash,
  };
}

/**
 * The read of one page (one row more than the limit, to tell whether there is a next
 * page). Keyset pagination on the time-sortable id: any page costs one index range scan
 * (`audit_org_id_idx`), however deep.
 *
 * `desc nulls last` is the index's own order. Plain `desc` means nulls first, which the
 * index cannot give (PostgreSQL 15 does not use the column being NOT NULL to see they
 * are the same), so the read walked the primary key backwards instead, stepping over the
 * newer rows of every other organization: 14 ms for 51 rows of an organization with
 * 100,000 newer rows of another one after it, 0.04 ms on the index.
 */
export const auditPageRead = (db: DbOrTx, q: AuditQuery) =>
  db
    .select()
    .from(auditEvents)
    .where(auditWhere(q))
    .orderBy(sql`${auditEvents.id} desc nulls last`)
    .limit(q.limit + 1);

/** One page of the audit log, newest first. */
export async function queryAuditLog(deps: Deps, q: AuditQuery) {
  const rows = await auditPageRead(deps.database.db, q);
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  const hasNext = rows.length > q.limit && last !== undefined;
  return {
    events: page.map(toAuditView),
    pageInfo: { has_next_page: hasNext, next_cursor: hasNext ? encodeCursor(last.id) : null },
  };
}
