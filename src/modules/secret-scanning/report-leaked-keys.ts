import { eq } from 'drizzle-orm';
import { apiKeys, users } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { keyStatus } from '../api-keys/api-key-view.js';
import { revokeApiKey } from '../api-keys/revoke-api-key.js';
import { digestEquals, hashKey, parseKey } from '../api-keys/token.js';
import type { Actor } from '../audit/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { adminEmails, enqueueEmail } from '../email/enqueue-email.js';

/** One reported token (GitHub's shape; `type`, `url`, `source` optional for other scanners). */
export interface LeakReport {
  token: string;
  type?: string | undefined;
  url?: string | undefined;
  source?: string | undefined;
}

/** The answer per token, as GitHub's partner program expects it. */
export interface LeakVerdict {
  /** SHA-256 hex of the reported token (never the token itself). */
  token_hash: string;
  token_type: string;
  /** `true_positive`: a real Klipy key (revoked now if it was live); else `false_positive`. */
  label: 'true_positive' | 'false_positive';
}

/** The scanner, as the audit log names it. */
export const scannerActor = (scanner: string): Actor => ({
  type: 'operator',
  id: null,
  label: `secret-scanning:${scanner}`,
});

export const DEFAULT_TOKEN_TYPE = 'klipy_api_key';

/**
 * Handles a leak report. Each token: a malformed one (prefix, length, alphabet or CRC-32
 * checksum wrong) is a false positive decided without touching the database; a well-formed
 * one is looked up by its public id and matched by SHA-256 digest in constant time, so a
 * report can only name a key by holding it. Unknown → false positive, nothing written.
 * A live key is revoked at once through `revokeApiKey` (reason `leaked`, every node's
 * cache invalidated over the bus), with an audit row naming where it was found, the
 * `api_key.revoked` event, and mail to its creator and the organization's admins. A key
 * that had already ended gets an `api_key.leak_reported` audit row only.
 */
export async function reportLeakedKeys(
  deps: Deps,
  args: { scanner: string; reports: LeakReport[] },
): Promise<LeakVerdict[]> {
  const actor = scannerActor(args.scanner);
  const verdicts: LeakVerdict[] = [];
  for (const report of args.reports) {
    const digest = hashKey(report.token);
    const verdict = (label: LeakVerdict['label']): LeakVerdict => ({
      token_hash: digest,
      token_type: report.type ?? DEFAULT_TOKEN_TYPE,
      label,
    });
    const parsed = parseKey(report.token);
    if (!parsed.ok) {
      verdicts.push(verdict('false_positive'));
      continue;
    }
    const [row] = await deps.database.db.select().from(apiKeys).where(eq(apiKeys.publicId, parsed.publicId));
    if (!row || !digestEquals(digest, row.digest)) {
      verdicts.push(verdict('false_positive'));
      continue;
    }
    const leak = { url: report.url ?? null, source: report.source ?? null, scanner: args.scanner };
    if (keyStatus(row, deps.clock.now()) === 'active') {
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
            `The API key "${key.name}" (${key.prefix}) was reported by secret scanning (${args.scanner})`,
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
    } else {
      await deps.database.db.transaction((tx) =>
        recordAudit(tx, {
          orgId: row.orgId,
          actor,
          action: 'api_key.leak_reported',
          target: { type: 'api_key', id: row.id, label: row.prefix },
          metadata: { prefix: row.prefix, name: row.name, leak, status: keyStatus(row, deps.clock.now()) },
        }),
      );
    }
    verdicts.push(verdict('true_positive'));
  }
  return verdicts;
}
