import { and, eq, inArray, sql } from 'drizzle-orm';
import { apiKeys, users } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { adminEmails, enqueueEmail } from '../email/enqueue-email.js';
import { keySnapshot } from '../events/account-events.js';
import { emitEvent } from '../events/emit-event.js';

const DAY_MS = 24 * 60 * 60 * 1000;

type NoticeKind = 'expiring_7d' | 'expiring_1d' | 'expired';

/** Records the notice each key is due (at most one per key per pass); returns only the new ones. */
const sqlClaim = (now: Date, limit: number, orgId: string | null) => {
  const t = now.toISOString();
  return sql`
    insert into api_key_notices (key_id, kind)
    select id, kind from (
      select k.id,
             case when k.expires_at <= ${t}::timestamptz then 'expired'
                  when k.expires_at <= ${t}::timestamptz + interval '1 day' then 'expiring_1d'
                  else 'expiring_7d' end as kind
        from api_keys k
       where k.kind = 'standard' and k.revoked_at is null and k.expires_at is not null
         and k.expires_at <= ${t}::timestamptz + interval '7 days'
         and (${orgId}::text is null or k.org_id = ${orgId}::text)
    ) due
    where not exists (select 1 from api_key_notices n where n.key_id = due.id and n.kind = due.kind)
    limit ${limit}
    on conflict do nothing
    returning key_id, kind`;
};

/**
 * The periodic key-expiry scan (every node runs it; each notice is sent once): a key
 * within 7 days of its expiry gets `api_key.expiring` (7 d), again within 1 day (1 d),
 * and `api_key.expired` once past it, each with mail to the key's creator and the
 * organization's admins. The notice row, the event and the mail share one transaction,
 * and the notice's primary key makes two nodes' scans send it once.
 * Revoked, rolled and playground keys are left alone.
 */
export async function notifyKeyExpiry(deps: Deps, opts: { limit: number; orgId?: string }): Promise<number> {
  const now = deps.clock.now();
  return deps.database.db.transaction(async (tx) => {
    const claimed = (await tx.execute(sqlClaim(now, opts.limit, opts.orgId ?? null))) as unknown as {
      rows: { key_id: string; kind: NoticeKind }[];
    };
    if (!claimed.rows.length) return 0;
    const keys = await tx
      .select({ key: apiKeys, creatorEmail: users.email })
      .from(apiKeys)
      .leftJoin(users, eq(users.id, apiKeys.createdBy))
      .where(
        and(
          inArray(
            apiKeys.id,
            claimed.rows.map((r) => r.key_id),
          ),
        ),
      );
    const byId = new Map(keys.map((k) => [k.key.id, k]));
    for (const { key_id, kind } of claimed.rows) {
      const found = byId.get(key_id);
      if (!found?.key.expiresAt) continue;
      const { key } = found;
      const expiresAt = key.expiresAt as Date;
      const days = Math.max(0, Math.ceil((expiresAt.getTime() - now.getTime()) / DAY_MS));
      if (kind === 'expired') await emitEvent(tx, key.orgId, 'api_key.expired', keySnapshot(key));
      else await emitEvent(tx, key.orgId, 'api_key.expiring', { ...keySnapshot(key), expires_in_days: days });
      const to = new Set(await adminEmails(tx, key.orgId));
      if (found.creatorEmail) to.add(found.creatorEmail);
      const subject =
        kind === 'expired'
          ? `Klipy API key "${key.name}" has expired`
          : `Klipy API key "${key.name}" expires in ${days} day${days === 1 ? '' : 's'}`;
      const body = [
        kind === 'expired'
          ? `The API key "${key.name}" (${key.prefix}) expired on ${expiresAt.toISOString()}.`
          : `The API key "${key.name}" (${key.prefix}) expires on ${expiresAt.toISOString()}.`,
        'Requests with it are refused from that moment on.',
        '',
        'To keep an integration running, roll the key in the console (API keys → Roll)',
        'and put the new key in place before then.',
      ].join('\n');
      await enqueueEmail(
        tx,
        deps.config,
        now,
        [...to].map((address) => ({ orgId: key.orgId, to: address, subject, body })),
      );
    }
    return claimed.rows.length;
  });
}
