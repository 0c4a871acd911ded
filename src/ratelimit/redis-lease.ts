import type { Redis } from 'ioredis';
import type { PolicyTally } from './decide.js';
import { policyKey, TALLY_LUA } from './redis-shared.js';
import type { Policy } from './types.js';

/*
 * The lease script: like redis.ts's check script (same sorted sets, same Redis clock,
 * same tallies) but it may count up to `want` hits in one step, which the calling node
 * then spends locally (leasing.ts). Per policy it drops expired hits and computes the
 * room left; the grant is the smallest of `want` and, per policy, a quarter of its room
 * (all of 1 while the room is under `minRoom`, so near a limit every request is decided
 * here one by one). Granted hits are added with the score `now + horizon`: a hit counts
 * while `score + window > now`, so each one stays counted for a full window after the
 * latest moment the node may spend it (its deadline is `horizon` after it sent the call,
 * which is before Redis's `now`). A grant of 1 is spent at once and scores `now`.
 *
 * `release` members are removed first: the unspent rest of this node's earlier lease for
 * the same policies (no admission rests on them), so they free up in the same round trip.
 *
 * KEYS[i]: sorted set of policy i. ARGV: want, nonce, horizon, minRoom, nRelease,
 * release members…, then limit_i, window_i per policy.
 * Returns: now, granted, then before_i, oldest_i (-1 none), unblock_i (-1 none) per policy.
 */
const SCRIPT = `${TALLY_LUA}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local want = tonumber(ARGV[1])
local horizon = tonumber(ARGV[3])
local minRoom = tonumber(ARGV[4])
local nRelease = tonumber(ARGV[5])
local p = 5 + nRelease
local grant = want
local out = { now, 0 }
for i = 1, #KEYS do
  for j = 6, p, 500 do
    redis.call('ZREM', KEYS[i], unpack(ARGV, j, math.min(j + 499, p)))
  end
  local limit = tonumber(ARGV[p + 2 * i - 1])
  local win = tonumber(ARGV[p + 2 * i])
  local before, oldest = tally(KEYS[i], win, now)
  local room = limit - before
  local unblock = -1
  if room < 1 then
    grant = 0
    if limit >= 1 then
      unblock = tonumber(redis.call('ZRANGE', KEYS[i], before - limit, before - limit, 'WITHSCORES')[2])
    end
  elseif room < minRoom then
    grant = math.min(grant, 1)
  else
    grant = math.min(grant, math.floor(room / 4))
  end
  out[#out + 1] = before
  out[#out + 1] = oldest
  out[#out + 1] = unblock
end
out[2] = grant
if grant > 0 then
  local score = now
  if grant > 1 then score = now + horizon end
  for i = 1, #KEYS do
    for j = 1, grant do
      redis.call('ZADD', KEYS[i], score, now .. ':' .. ARGV[2] .. ':' .. j)
    end
    redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[p + 2 * i]) + horizon)
  end
end
return out
`;

type LeaseCommand = { klipyRateLease(numKeys: number, ...args: (string | number)[]): Promise<number[]> };

export interface LeaseRequest {
  policies: readonly Policy[];
  /** Hits wanted (≥ 1); Redis may grant fewer. */
  want: number;
  /** Unique per call: granted members are `${now}:${nonce}:${j}`, j = 1…granted. */
  nonce: string;
  horizonMs: number;
  /** Below this much room in any policy, at most 1 is granted. */
  minRoom: number;
  /** Members of an earlier lease to give back first. */
  release: readonly string[];
}

export interface LeaseGrant {
  /** Redis's clock when the script ran, epoch ms. */
  now: number;
  granted: number;
  /** Per policy, before the grant (what `toDecision()` takes). */
  tallies: PolicyTally[];
}

/** Runs the lease script (one round trip). Rejects when Redis is unreachable or slow. */
export async function leaseHits(client: Redis, prefix: string, req: LeaseRequest): Promise<LeaseGrant> {
  if (!('klipyRateLease' in client)) client.defineCommand('klipyRateLease', { lua: SCRIPT });
  const keys = req.policies.map((p) => policyKey(prefix, p));
  const args = req.policies.flatMap((p) => [p.limit, p.windowMs]);
  const raw = await (client as unknown as LeaseCommand).klipyRateLease(
    keys.length,
    ...keys,
    req.want,
    req.nonce,
    req.horizonMs,
    req.minRoom,
    req.release.length,
    ...req.release,
    ...args,
  );
  const at = (i: number) => Number(raw[i]);
  return {
    now: at(0),
    granted: at(1),
    tallies: req.policies.map((_, i) => ({
      before: at(2 + 3 * i),
      oldestAt: at(3 + 3 * i) < 0 ? null : at(3 + 3 * i),
      unblockHitAt: at(4 + 3 * i) < 0 ? null : at(4 + 3 * i),
    })),
  };
}
