/**
 * Per-key rate limits (issue 14): a key may carry its own requests-per-minute limit,
 * at most the organization plan's per-key limit (`planPerKeyLimit`, operator overrides
 * included); null means the plan's.
 *
 * Usage:
 *   rateLimitPerMinuteSchema                                   // request body field
 *   assertKeyLimitWithinPlan(deps.config, org.plan, 50)         // 422 naming the maximum when above
 */
import { z } from 'zod';
import type { Config } from '../../config.js';
import { overridesFromConfig, planPerKeyLimit } from '../../ratelimit/index.js';
import { AppError } from '../errors.js';
import type { Plan } from '../orgs/roles.js';

/** The request body field (the plan's ceiling is checked by the service, which knows the plan). */
export const rateLimitPerMinuteSchema = z
  .number({ error: 'must be a whole number ≥ 1, or null' })
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(1_000_000, 'must be at most 1000000')
  .nullable()
  .meta({
    description:
      "Requests per minute this key may make, at most the organization plan's per-key limit (a higher value is a 422 naming the maximum). null: the plan's limit.",
    example: 60,
  });

/** The plan's per-key limit for this deployment (operator overrides first). */
export const maxKeyLimit = (
  config: Pick<Config, 'KLIPY_RATE_LIMIT_PER_KEY' | 'KLIPY_RATE_LIMIT_PER_ORG'>,
  plan: Plan,
) => planPerKeyLimit(plan, overridesFromConfig(config));

/** Refuses (422) a per-key limit the plan does not allow; null and undefined always pass. */
export function assertKeyLimitWithinPlan(
  config: Pick<Config, 'KLIPY_RATE_LIMIT_PER_KEY' | 'KLIPY_RATE_LIMIT_PER_ORG'>,
  plan: Plan,
  limit: number | null | undefined,
) {
  if (limit === null || limit === undefined) return;
  const maximum = maxKeyLimit(config, plan);
  const message =
    !Number.isInteger(limit) || limit < 1
      ? 'must be a whole number ≥ 1, or null'
      : limit > maximum
        ? `must be at most ${maximum}, the ${plan} plan's per-key limit`
        : null;
  if (!message) return;
  throw new AppError('validation_error', `rateLimitPerMinute ${message}.`, {
    fields: [{ path: 'rateLimitPerMinute', message }],
    maximum,
  });
}
