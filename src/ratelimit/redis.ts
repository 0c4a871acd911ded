import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { assertCost, type PolicyTally, toDecision } from './decide.js';
import { policyKey, TALLY_LUA } from './redis-shared.js';
import type { LimitDecision, Limiter, Policy } from './types.js';

/*
 * Why a hand-written script: rate-limiter-flexible's RateLimiterRedis counts in fixed
 * windows (INCR + EXPIRE; its own docs compare "fixed window" against rolling ones), and
 * its RateLimiterUnion calls each limiter separately, so a request rejected by one policy
 * is still counted in the others and the checks are not one atomic step. Upstash's
 * sliding window is an approximation from two fixed counters. We need an exact sliding
 * log over two policies, checked and counted together in one round trip: one Lua script.
 *
 * The script mirrors decide.ts: it uses the Redis server clock (TIME), never the
 * client's, so nodes with skewed clocks agree. Per policy: drop hits with
 * score <= now - window (a hit counts while now < t + window), count, and report the
 * tallies `toDecision()` needs. Only if every policy has room does it add `cost` unique
 * members (time:nonce:n) to every set and PEXPIRE them by the window.
 *
 * KEYS[i]: sorted set of policy i. ARGV: cost, nonce, then limit_i, window_i per policy.
 * Returns: now, then before_i, oldest_i (-1 none), unblock_i (-1 none) per policy.
 */
const SCRIPT = `${TALLY_LUA}
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local cost = tonumber(ARGV[1])
local need = math.max(cost, 1)
local out = { now }
local allowed = true
for i = 1, #KEYS do
  local limit = tonumber(ARGV[1 + 2 * i])
  local win = tonumber(ARGV[2 + 2 * i])
  local before, oldest = tally(KEYS[i], win, now)
  local unblock = -1
  local excess = before + need - limit
  if excess > 0 then
    allowed = false
    if need <= limit then
      unblock = tonumber(redis.call('ZRANGE', KEYS[i], excess - 1, excess - 1, 'WITHSCORES')[2])
    end
  end
  out[#out + 1] = before
  out[#out + 1] = oldest
  out[#out + 1] = unblock
end
if allowed and cost > 0 then
  for i = 1, #KEYS do
    -- One ZADD per hit: cost is almost always 1, and unpack() of a large cost would
    -- overflow the Lua stack.
    for j = 1, cost do
      redis.call('ZADD', KEYS[i], now, now .. ':' .. ARGV[2] .. ':' .. j)
    end
    redis.call('PEXPIRE', KEYS[i], tonumber(ARGV[2 + 2 * i]))
  end
end
return out
`;

type ScriptCommand = { klipyRateLimit(numKeys: number, ...args: (string | number)[]): Promise<number[]> };

export interface RedisLimiterOptions {
  /** Prefix of every sorted-set key; tests use a unique one. */
  keyPrefix?: string;
  /** Quit the client on `close()` (true when the limiter created it). */
  ownsClient?: boolean;
}

/** Exact across nodes: one atomic Lua script (EVALSHA, EVAL on NOSCRIPT) per check. */
export class RedisLimiter implements Limiter {
  readonly backend = 'redis' as const;
  /** Prefix of every sorted-set key (the lease script shares the sets). */
  readonly prefix: string;
  private readonly nodeId = randomBytes(6).toString('base64url');
  private seq = 0;

  constructor(
    readonly client: Redis,
    private readonly opts: RedisLimiterOptions = {},
  ) {
    this.prefix = opts.keyPrefix ?? 'klipy:rl:';
    // defineCommand sends EVALSHA and falls back to EVAL when the script is not cached.
    if (!('klipyRateLimit' in client)) client.defineCommand('klipyRateLimit', { lua: SCRIPT });
  }

  /** Rejects when Redis is unreachable or slow; `ResilientLimiter` turns that into a fallback. */
  async check(policies: readonly Policy[], cost = 1): Promise<LimitDecision> {
    assertCost(cost);
    if (policies.length === 0) throw new RangeError('check() needs at least one policy');
    const keys = policies.map((p) => policyKey(this.prefix, p));
    const args = policies.flatMap((p) => [p.limit, p.windowMs]);
    const nonce = this.nextNonce();
    const cmd = this.client as unknown as ScriptCommand;
    const raw = await cmd.klipyRateLimit(keys.length, ...keys, cost, nonce, ...args);
    const now = Number(raw[0]);
    const tallies: PolicyTally[] = policies.map((_, i) => {
      const oldest = Number(raw[2 + 3 * i]);
      const unblock = Number(raw[3 + 3 * i]);
      return {
        before: Number(raw[1 + 3 * i]),
        oldestAt: oldest < 0 ? null : oldest,
        unblockHitAt: unblock < 0 ? null : unblock,
      };
    });
    return toDecision(now, policies, tallies, cost);
  }

  /** Unique per call across nodes: the members a script adds are named after it. */
  nextNonce(): string {
    this.seq = (this.seq + 1) % 1e9;
    return `${this.nodeId}.${this.seq}`;
  }

  /** Resolves when Redis answers a PING (used by the fallback probe). */
  async ping(): Promise<void> {
    await this.client.ping();
  }

  async close(): Promise<void> {
    if (this.opts.ownsClient) this.client.disconnect();
  }
}
