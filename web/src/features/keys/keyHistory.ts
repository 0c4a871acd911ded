import type { ApiKey, AuditEvent } from '../../api/types';

export type HistoryKind =
  | 'created'
  | 'edited'
  | 'rolled'
  | 'stopped'
  | 'revoked'
  | 'leak_reported'
  | 'reactivated'
  | 'expired'
  | 'expires'
  | 'deleted';

/** One step of a key's life; `upcoming` ones (expiry, end of a roll's grace) lie ahead. */
export interface HistoryItem {
  kind: HistoryKind;
  at: string;
  title: string;
  detail?: string;
  by?: string | null;
  upcoming?: boolean;
}

const REVOKE_REASONS: Record<string, string> = {
  leaked: 'a secret scanner reported it leaked',
  member_removed: 'its creator left the organization',
};

/** `api_key.updated`'s `metadata.changes` keys, as the edit dialog names them. */
const FIELD_NAMES: Record<string, string> = {
  name: 'name',
  scopes: 'scopes',
  ipAllowlist: 'IP allow-list',
  rateLimitPerMinute: 'per-key limit',
};

const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** The item an audit event of the key adds to its history (null: not a status change). */
function fromEvent(e: AuditEvent, keyId: string, now: number): HistoryItem | null {
  if (e.target?.id !== keyId) return null; // made *with* the key (a CRM write), not to it
  const m = e.metadata ?? {};
  const base = { at: e.createdAt, by: e.actor.label };
  switch (e.action) {
    case 'api_key.created':
    case 'api_key.playground_created':
      return { ...base, kind: 'created', title: 'Created' };
    case 'api_key.updated': {
      const changes = m.changes && typeof m.changes === 'object' ? Object.keys(m.changes) : [];
      const fields = changes.map((c) => FIELD_NAMES[c] ?? c);
      return {
        ...base,
        kind: 'edited',
        title: 'Edited',
        detail: fields.length ? `Changed ${fields.join(', ')}` : undefined,
      };
    }
    case 'api_key.rolled': {
      const endsAt = text(m.oldKeyEndsAt);
      const ends = endsAt
        ? Date.parse(endsAt) <= now
          ? 'stopped working'
          : 'works until the grace period ends'
        : '';
      return {
        ...base,
        kind: 'rolled',
        title: 'Rolled',
        detail: [text(m.newPrefix) && `Replaced by ${m.newPrefix}`, ends && `this key ${ends}`]
          .filter(Boolean)
          .join('; '),
      };
    }
    case 'api_key.revoked': {
      const reason = REVOKE_REASONS[text(m.reason) ?? ''];
      return { ...base, kind: 'revoked', title: 'Revoked', detail: reason ? `Because ${reason}` : undefined };
    }
    case 'api_key.leak_reported':
      return { ...base, kind: 'leak_reported', title: 'Reported as leaked' };
    case 'api_key.reactivated':
      return { ...base, kind: 'reactivated', title: 'Reactivated' };
    case 'api_key.deleted':
      return {
        ...base,
        kind: 'deleted',
        title: 'Deleted',
        detail: 'Its requests and secret are gone; this history stays',
      };
    default:
      return null; // ip_refused and the like: requests, listed in the audit table
  }
}

/**
 * A key's status history, oldest first, then what lies ahead: from its audit events
 * (created, edited, rolled, revoked, leak reported, reactivated, deleted) plus what the
 * key itself says (creation time when no event has it, the end of a roll's grace period,
 * expiry, which writes no audit event). `predecessor` is the key this one replaced.
 */
export function keyHistory(input: {
  keyId: string;
  apiKey?: ApiKey;
  events: AuditEvent[];
  predecessor?: ApiKey;
  now?: number;
}): HistoryItem[] {
  const { keyId, apiKey: k, events, predecessor } = input;
  const now = input.now ?? Date.now();
  const items = events.map((e) => fromEvent(e, keyId, now)).filter((x): x is HistoryItem => x !== null);
  if (k && !items.some((i) => i.kind === 'created'))
    items.push({
      kind: 'created',
      at: k.createdAt,
      title: 'Created',
      by: k.createdBy?.name || k.createdBy?.email,
    });
  if (predecessor) {
    const created = items.find((i) => i.kind === 'created');
    if (created) created.detail = `By rolling ${predecessor.name} (${predecessor.prefix})`;
  }
  if (k?.replacedBy && k.revokedAt) {
    const past = Date.parse(k.revokedAt) <= now;
    items.push({
      kind: 'stopped',
      at: k.revokedAt,
      title: past ? 'Stopped working' : 'Stops working',
      detail: 'End of the grace period of its roll',
      upcoming: !past,
    });
  }
  if (k?.expiresAt) {
    const exp = Date.parse(k.expiresAt);
    const endedBefore = k.revokedAt !== null && Date.parse(k.revokedAt) <= exp;
    if (exp <= now && !endedBefore) items.push({ kind: 'expired', at: k.expiresAt, title: 'Expired' });
    if (exp > now && !endedBefore)
      items.push({ kind: 'expires', at: k.expiresAt, title: 'Expires', upcoming: true });
  }
  return items.sort(
    (a, b) => Number(!!a.upcoming) - Number(!!b.upcoming) || Date.parse(a.at) - Date.parse(b.at),
  );
}
