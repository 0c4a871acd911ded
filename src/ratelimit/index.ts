export { decide, type PolicyTally, toDecision } from './decide.js';
export { type CreateLimiterOptions, createLimiter } from './factory.js';
export { nearestExhaustion, rateLimitHeaders, retryAfterSeconds } from './headers.js';
export { LeasingLimiter, type LeasingOptions } from './leasing.js';
export { LOGIN_FAILURES, LoginGuard } from './login-guard.js';
export { MemoryLimiter, type MemoryLimiterOptions } from './memory.js';
export {
  apiRequestPolicies,
  FAILED_AUTH_PER_MINUTE,
  FailedAuthGuard,
  failedAuthPolicy,
  overridesFromConfig,
  PLAN_RATE_LIMITS,
  type Plan,
  planPerKeyLimit,
  type RateLimitOverrides,
} from './policies.js';
export { PostgresLimiter, type PostgresLimiterOptions } from './postgres.js';
export { RedisLimiter, type RedisLimiterOptions } from './redis.js';
export { connectRedis, createRedisClient, FAIL_FAST_OPTIONS } from './redis-client.js';
export { ResilientLimiter, type ResilientLimiterOptions, type ResilientState } from './resilient.js';
export { SignupGuard, signupPolicy } from './signup-guard.js';
export type { LimitDecision, Limiter, LimiterBackend, Policy, PolicyName, PolicyState } from './types.js';
