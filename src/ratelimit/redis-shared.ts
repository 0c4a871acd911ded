import type { Policy } from './types.js';

/** Sorted-set key of a policy, the same for the check and the lease script. */
export const policyKey = (prefix: string, p: Policy) => `${prefix}${p.name}:${p.id}`;

/**
 * Lua shared by the check script (redis.ts) and the lease script (redis-lease.ts):
 * `tally(key, win, now)` drops the hits that left the window (a hit at `t` counts while
 * `now < t + win`) and returns how many are left and the oldest one's time (-1: none).
 */
export const TALLY_LUA = `
local function tally(key, win, now)
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now - win)
  local before = redis.call('ZCARD', key)
  local oldest = -1
  if before > 0 then
    oldest = tonumber(redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2])
  end
  return before, oldest
end
`;
