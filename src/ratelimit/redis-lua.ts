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
