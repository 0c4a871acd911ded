import { and, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { events, webhookAttempts, webhookDeliveries, webhookEndpoints } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { newId } from '../../infra/ids.js';
import { recordAudit } from '../audit/record-audit.js';
import { adminEmails, enqueueEmail } from '../email/enqueue-email.js';
import { envelopeOf } from './envelope.js';
import { DISABLE_AFTER_FAILURES, DISABLE_AFTER_MS, LEASE_MS, retryDelay } from './retry.js';
import { DEFAULT_SEND_LIMITS, postWebhook, type SendLimits, type SendResult } from './send.js';
import { signedHeaders } from './signing.js';

export interface DeliverOptions {
  limit: number;
  /** Only this organization's deliveries (tests sharing one database). */
  orgId?: string;
  send?: Partial<SendLimits>;
}

interface Claimed {
  id: string;
  endpoint_id: string;
  event_id: string;
  attempts: number;
}

/**
 * Claims due deliveries of enabled endpoints in one statement: `for update skip locked`
 * so nodes never take the same row, and the claim itself pushes `next_attempt_at` a lease
 * ahead, so the HTTP call runs outside any transaction and a node that dies mid-send
 * only delays that delivery (at-least-once).
 */
async function claimDue(deps: Deps, now: Date, opts: DeliverOptions): Promise<Claimed[]> {
  const { rows } = await deps.database.sql.query<Claimed>(
    `update webhook_deliveries d
        set attempts = d.attempts + 1, next_attempt_at = $2::timestamptz, updated_at = $1::timestamptz
       from (select w.id from webhook_deliveries w
              where w.status = 'pending' and w.next_attempt_at <= $1::timestamptz
                and ($4::text is null or w.org_id = $4::text)
                and exists (select 1 from webhook_endpoints e where e.id = w.endpoint_id and e.enabled)
              order by w.next_attempt_at
              limit $3
              for update of w skip locked) due
      where d.id = due.id
  returning d.id, d.endpoint_id, d.event_id, d.attempts`,
    [now.toISOString(), new Date(now.getTime() + LEASE_MS).toISOString(), opts.limit, opts.orgId ?? null],
  );
  return rows;
}

/** Sends every due delivery (up to `limit`, concurrently) and records each outcome. Returns how many. */
export async function deliverDue(deps: Deps, opts: DeliverOptions): Promise<number> {
  const now = deps.clock.now();
  const claimed = await claimDue(deps, now, opts);
  if (!claimed.length) return 0;
  const { db } = deps.database;
  const [evs, eps] = await Promise.all([
    db
      .select()
      .from(events)
      .where(
        inArray(
          events.id,
          claimed.map((c) => c.event_id),
        ),
      ),
    db
      .select()
      .from(webhookEndpoints)
      .where(
        inArray(
          webhookEndpoints.id,
          claimed.map((c) => c.endpoint_id),
        ),
      ),
  ]);
  const eventById = new Map(evs.map((e) => [e.id, e]));
  const endpointById = new Map(eps.map((e) => [e.id, e]));
  const limits: SendLimits = {
    ...DEFAULT_SEND_LIMITS,
    allowPrivate: deps.config.KLIPY_WEBHOOK_ALLOW_PRIVATE,
    ...opts.send,
  };
  const outcomes = await Promise.all(
    claimed.map(async (c): Promise<Outcome | null> => {
      const ev = eventById.get(c.event_id);
      const ep = endpointById.get(c.endpoint_id);
      if (!ev || !ep) return null; // deleted meanwhile; the cascade removed the delivery too
      const body = JSON.stringify(envelopeOf(ev));
      const secrets = [ep.secret];
      if (ep.previousSecret && ep.previousSecretExpiresAt && ep.previousSecretExpiresAt > deps.clock.now())
        secrets.push(ep.previousSecret);
      // The receiver checks the timestamp against its own clock: real time, not the test clock.
      const headers = signedHeaders(secrets, ev.id, Math.floor(Date.now() / 1000), body);
      const result = await postWebhook(ep.url, headers, body, limits);
      return { delivery: c, eventType: ev.type, orgId: ep.orgId, result };
    }),
  );
  await recordOutcomes(
    deps,
    outcomes.filter((o): o is Outcome => o !== null),
  );
  return claimed.length;
}

const succeeded = (r: SendResult) => r.statusCode !== null && r.statusCode >= 200 && r.statusCode < 300;

interface Outcome {
  delivery: Claimed;
  eventType: string;
  orgId: string;
  result: SendResult;
}

/**
 * Writes a batch's attempts to the log in one transaction: successes close their
 * deliveries in one statement; each failure schedules its retry (or closes it) and adds
 * to its endpoint's streak, which may turn the endpoint off.
 */
async function recordOutcomes(deps: Deps, outcomes: Outcome[]) {
  if (!outcomes.length) return;
  const now = deps.clock.now();
  await deps.database.db.transaction(async (tx) => {
    await tx.insert(webhookAttempts).values(
      outcomes.map(({ delivery, eventType, orgId, result }) => ({
        id: newId('webhookAttempt'),
        orgId,
        deliveryId: delivery.id,
        endpointId: delivery.endpoint_id,
        eventId: delivery.event_id,
        eventType,
        attempt: delivery.attempts,
        succeeded: succeeded(result),
        statusCode: result.statusCode,
        latencyMs: result.latencyMs,
        responseExcerpt: result.excerpt,
        error: result.error,
        createdAt: now,
      })),
    );
    const wins = outcomes.filter((o) => succeeded(o.result));
    for (const code of new Set(wins.map((o) => o.result.statusCode))) {
      const ids = wins.filter((o) => o.result.statusCode === code).map((o) => o.delivery.id);
      await tx
        .update(webhookDeliveries)
        .set({ status: 'succeeded', lastStatusCode: code, updatedAt: now })
        .where(inArray(webhookDeliveries.id, ids));
    }
    const healthy = [...new Set(wins.map((o) => o.delivery.endpoint_id))];
    if (healthy.length)
      await tx
        .update(webhookEndpoints)
        .set({ failureStreak: 0, failingSince: null })
        .where(and(inArray(webhookEndpoints.id, healthy), gt(webhookEndpoints.failureStreak, 0)));
    for (const o of outcomes) if (!succeeded(o.result)) await recordFailure(deps, tx, o, now);
  });
}

async function recordFailure(deps: Deps, tx: Tx, o: Outcome, now: Date) {
  const { delivery, result } = o;
  const delay = retryDelay(delivery.attempts);
  await tx
    .update(webhookDeliveries)
    .set({
      status: delay === null ? 'failed' : 'pending',
      nextAttemptAt: new Date(now.getTime() + (delay ?? 0)),
      lastStatusCode: result.statusCode,
      updatedAt: now,
    })
    .where(eq(webhookDeliveries.id, delivery.id));
  const [ep] = await tx
    .update(webhookEndpoints)
    .set({
      failureStreak: sql`${webhookEndpoints.failureStreak} + 1`,
      failingSince: sql`coalesce(${webhookEndpoints.failingSince}, ${now.toISOString()}::timestamptz)`,
    })
    .where(eq(webhookEndpoints.id, delivery.endpoint_id))
    .returning();
  if (
    ep?.enabled &&
    ep.failingSince &&
    ep.failureStreak >= DISABLE_AFTER_FAILURES &&
    now.getTime() - ep.failingSince.getTime() >= DISABLE_AFTER_MS
  )
    await disableFailingEndpoint(deps, tx, ep, now);
}

async function disableFailingEndpoint(
  deps: Deps,
  tx: Tx,
  ep: typeof webhookEndpoints.$inferSelect,
  now: Date,
) {
  await tx
    .update(webhookEndpoints)
    .set({ enabled: false, disabledReason: 'failing', updatedAt: now })
    .where(eq(webhookEndpoints.id, ep.id));
  await recordAudit(tx, {
    orgId: ep.orgId,
    actor: { type: 'operator', id: null, label: 'webhooks' },
    action: 'webhook.disabled',
    target: { type: 'webhook_endpoint', id: ep.id, label: ep.url },
    metadata: { reason: 'failing', failureStreak: ep.failureStreak, failingSince: ep.failingSince },
  });
  const admins = await adminEmails(tx, ep.orgId);
  await enqueueEmail(
    tx,
    deps.config,
    now,
    admins.map((to) => ({
      orgId: ep.orgId,
      to,
      subject: 'Klipy turned off a failing webhook endpoint',
      body: [
        `The webhook endpoint ${ep.url} failed ${ep.failureStreak} times in a row`,
        `since ${ep.failingSince?.toISOString()}, so Klipy stopped sending to it.`,
        '',
        'Fix the receiver, then turn the endpoint back on in Settings → Webhooks.',
        'Events from while it was off can be redelivered from its delivery log.',
      ].join('\n'),
    })),
  );
}
