import { and, eq, exists, inArray, lt, not, sql } from 'drizzle-orm';
import { events, outboundEmails, passwordResets, webhookDeliveries } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { idAt } from '../../infra/ids.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Retention (`KLIPY_EVENT_RETENTION_DAYS`, 0 = keep for ever): deletes events older than
 * the window once they are dispatched and no delivery of theirs is still being retried
 * (their deliveries and attempt log go with them), sent or failed mail, and spent password
 * resets. At most `limit` events per call, taken `skip locked` so nodes share the work
 * and a prune never waits on the dispatcher. Events are found by id (ULIDs start with
 * their time), so the primary key bounds the scan. Returns the rows deleted.
 */
export async function pruneExpired(deps: Deps, opts: { limit: number; orgId?: string }): Promise<number> {
  const days = deps.config.KLIPY_EVENT_RETENTION_DAYS;
  if (days === 0) return 0;
  const cutoff = new Date(deps.clock.now().getTime() - days * DAY_MS);
  const org = (column: typeof events.orgId | typeof outboundEmails.orgId) =>
    opts.orgId ? eq(column, opts.orgId) : undefined;

  return deps.database.db.transaction(async (tx) => {
    const old = await tx
      .select({ id: events.id })
      .from(events)
      .where(
        and(
          lt(events.id, idAt('event', cutoff)),
          lt(events.createdAt, cutoff),
          sql`${events.dispatchedAt} is not null`,
          not(
            exists(
              tx
                .select({ one: sql`1` })
                .from(webhookDeliveries)
                .where(
                  and(eq(webhookDeliveries.eventId, events.id), eq(webhookDeliveries.status, 'pending')),
                ),
            ),
          ),
          org(events.orgId),
        ),
      )
      .orderBy(events.id)
      .limit(opts.limit)
      .for('update', { skipLocked: true });
    const deletedEvents = old.length
      ? (
          await tx
            .delete(events)
            .where(
              inArray(
                events.id,
                old.map((r) => r.id),
              ),
            )
            .returning({ id: events.id })
        ).length
      : 0;

    const mail = await tx
      .delete(outboundEmails)
      .where(
        inArray(
          outboundEmails.id,
          tx
            .select({ id: outboundEmails.id })
            .from(outboundEmails)
            .where(
              and(
                lt(outboundEmails.createdAt, cutoff),
                inArray(outboundEmails.status, ['sent', 'failed']),
                org(outboundEmails.orgId),
              ),
            )
            .limit(opts.limit),
        ),
      )
      .returning({ id: outboundEmails.id });

    // Password resets belong to users, not organizations: not pruned in an org-scoped run.
    const resets = opts.orgId
      ? []
      : await tx
          .delete(passwordResets)
          .where(
            inArray(
              passwordResets.id,
              tx
                .select({ id: passwordResets.id })
                .from(passwordResets)
                .where(lt(passwordResets.expiresAt, cutoff))
                .limit(opts.limit),
            ),
          )
          .returning({ id: passwordResets.id });

    return deletedEvents + mail.length + resets.length;
  });
}
