import type { Deps } from '../../deps.js';
import { hashKey } from '../api-keys/token.js';
import type { Actor } from '../audit/actor.js';
import { matchKey } from './match-key.js';
import { revokeLeakedKey } from './revoke-leaked-key.js';

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
 * Handles a leak report, token by token: a malformed token is a false positive decided
 * without touching the database; an unknown one (no key has its hash) is a false positive
 * and nothing is written; a real key is a true positive and is ended by `revokeLeakedKey`
 * (revoked at once if it was live, audited with where it was found, creator and admins told).
 */
export async function reportLeakedKeys(
  deps: Deps,
  args: { scanner: string; reports: LeakReport[] },
): Promise<LeakVerdict[]> {
  const actor = scannerActor(args.scanner);
  const verdicts: LeakVerdict[] = [];
  for (const report of args.reports) {
    const row = await matchKey(deps, report.token);
    if (row) {
      const leak = { url: report.url ?? null, source: report.source ?? null, scanner: args.scanner };
      await revokeLeakedKey(deps, row, leak, actor);
    }
    verdicts.push({
      token_hash: hashKey(report.token),
      token_type: report.type ?? DEFAULT_TOKEN_TYPE,
      label: row ? 'true_positive' : 'false_positive',
    });
  }
  return verdicts;
}
