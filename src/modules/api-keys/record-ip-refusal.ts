/**
 * Audits a request refused by its key's IP allow-list (`api_key.ip_refused`, target: the
 * key, metadata: the address as seen), throttled so a flood cannot fill the audit table.
 *
 * Usage (at the edge, after `ipAllowed` said no):
 *   await recordIpRefusal(deps, principal, ip, { ip, requestId });
 *
 * Throttle, per node (each node keeps its own memory, nothing shared):
 *   - at most one row per key per client address per minute (IPv6 counted per /64,
 *     as the per-IP limits count it, so rotating through one /64 gains nothing);
 *   - at most `PER_KEY_PER_MINUTE` rows per key per minute across all addresses (an
 *     attacker holding many /64s still writes a bounded number of rows);
 *   - at most `MAX_TRACKED` (key, address) pairs remembered; beyond that, refusals are
 *     not audited until a minute has passed (they are still refused and counted in
 *     `klipy_auth_failures_total{reason="ip_not_allowed"}`).
 * So n nodes write at most n rows per key per address per minute. A failed write is
 * logged and never changes the answer (still 403).
 */
import type { Deps } from '../../deps.js';
import { ipLimitId } from '../../infra/ip.js';
import type { RequestContext } from '../audit/actor.js';
import { recordAudit } from '../audit/record-audit.js';
import { keyTarget } from './access.js';
import { type Principal, principalActor } from './principal.js';

export const IP_REFUSAL_WINDOW_MS = 60_000;
export const PER_KEY_PER_MINUTE = 10;
const MAX_TRACKED = 10_000;

/** The per-node memory of recently audited refusals (see the file comment). */
export class IpRefusalThrottle {
  private readonly pairs = new Map<string, number>();
  private readonly perKey = new Map<string, { since: number; count: number }>();

  /** True when a row may be written for (key, ip) at `now` (ms); records it if so. */
  take(keyId: string, ip: string, now: number): boolean {
    this.prune(now);
    const pair = `${keyId} ${ipLimitId(ip)}`;
    const last = this.pairs.get(pair);
    if (last !== undefined && now - last < IP_REFUSAL_WINDOW_MS) return false;
    const key = this.perKey.get(keyId);
    if (key && now - key.since < IP_REFUSAL_WINDOW_MS && key.count >= PER_KEY_PER_MINUTE) return false;
    if (this.pairs.size >= MAX_TRACKED) return false;
    this.pairs.set(pair, now);
    if (!key || now - key.since >= IP_REFUSAL_WINDOW_MS) this.perKey.set(keyId, { since: now, count: 1 });
    else key.count++;
    return true;
  }

  private prune(now: number) {
    if (this.pairs.size < MAX_TRACKED / 2) return;
    for (const [pair, at] of this.pairs) if (now - at >= IP_REFUSAL_WINDOW_MS) this.pairs.delete(pair);
    for (const [keyId, k] of this.perKey)
      if (now - k.since >= IP_REFUSAL_WINDOW_MS) this.perKey.delete(keyId);
  }
}

// One throttle per node (per Deps), without widening Deps for it.
const throttles = new WeakMap<object, IpRefusalThrottle>();
const throttleOf = (deps: object) => {
  const known = throttles.get(deps);
  if (known) return known;
  const throttle = new IpRefusalThrottle();
  throttles.set(deps, throttle);
  return throttle;
};

/** Writes the audit row unless the throttle says one was written recently; true when written. */
export async function recordIpRefusal(
  deps: Pick<Deps, 'database' | 'clock' | 'logger'>,
  principal: Principal,
  ip: string,
  context: RequestContext,
): Promise<boolean> {
  if (!throttleOf(deps).take(principal.keyId, ip, deps.clock.now().getTime())) return false;
  try {
    await deps.database.db.transaction((tx) =>
      recordAudit(tx, {
        orgId: principal.orgId,
        actor: principalActor(principal),
        action: 'api_key.ip_refused',
        target: keyTarget({ id: principal.keyId, prefix: principal.prefix }),
        metadata: { prefix: principal.prefix, ip },
        context,
      }),
    );
    return true;
  } catch (err) {
    deps.logger.warn(
      { err: err instanceof Error ? err.message : String(err), keyId: principal.keyId },
      'could not audit an IP allow-list refusal',
    );
    return false;
  }
}
