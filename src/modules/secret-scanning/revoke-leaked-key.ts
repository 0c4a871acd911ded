import { eq } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { keyStatus } from '../api-keys/api-key-view.js';
import { revokeApiKey } from '../api-keys/revoke-api-key.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { adminEmails, enqueueEmail } from '../email/enqueue-email.js';
import type { KeyRow } from './match-key.js';

/** Where a key was found and who found it (kept in the audit row and the mail). */
export interface LeakFacts {
  url: string | null;
  source: string | null;
  scanner: string;
}

/**
 * Ends a key found leaked. A live key is revoked through `revokeApiKey` (reason `leaked`:
 * audit row with the leak facts, `api_key.revoked` event, every node's cache invalidated
 * over the bus) and, in the same transaction, mail to its creator and the organization's
 * admins; the console lists it as revoked with the reason `leaked`. A key that had
 * already ended gets an `api_key.leak_reported` audit row only. Returns whether it was live.
 */
export async function revokeLeakedKey(
  deps: Deps,
  row: KeyRow,
  leak: LeakFacts,
  actor: Actor,
): Promise<boolean> {
  const status = keyStatus(row, deps.clock.now());
  if (status !== 'active') {
    await deps.database.db.transaction((tx) =>
      recordAudit(tx, {
        orgId: row.orgId,
        actor,
        action: 'api_key.leak_reported',
        target: { type: 'api_key', id: row.id, label: row.prefix },
        metadata: { prefix: row.prefix, name: row.name, leak, status },
      }),
    );
    return false;
  }
  await revokeApiKey(deps, {
    orgId: row.orgId,
    id: row.id,
    actor,
    reason: 'leaked',
    auditMetadata: { leak },
    inTransaction: async (tx, key) => {
      const to = new Set(await adminEmails(tx, key.orgId));
      if (key.createdBy) {
        const [creator] = await tx
          .select({ email: users.email })
          .from(users)
          .where(eq(users.id, key.createdBy));
        if (creator) to.add(creator.email);
      }
      const subject = `Klipy API key "${key.name}" was found leaked and has been revoked`;
      const body = [
        `The API key "${key.name}" (${key.prefix}) was reported by secret scanning (${leak.scanner})`,
        `as exposed at: ${leak.url ?? 'an unspecified location'}${leak.source ? ` (${leak.source})` : ''}.`,
        'It was revoked at once: requests with it are refused on every node.',
        '',
        'Create a new key in the console (API keys → Create), put it in place, and remove',
        'the leaked one from wherever it was published (and from its history).',
      ].join('\n');
      await enqueueEmail(
        tx,
        deps.config,
        deps.clock.now(),
        [...to].map((address) => ({ orgId: key.orgId, to: address, subject, body })),
      );
    },
  });
  return true;
}
