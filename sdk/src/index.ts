/**
 * @klipy/sdk: a typed client for the Klipy CRM API (Node 20+ and browsers, ESM).
 * Types come from the OpenAPI document the server serves, generated at build time.
 */
export {
  Klipy,
  type KlipyOptions,
  type PageResult,
  Paginator,
  type RequestOptions,
  type Result,
} from './client.js';
export { isKlipyError, KlipyError } from './errors.js';
export { type RateLimitInfo, type ResponseInfo, responseInfo } from './response-info.js';
export { DEFAULT_RETRY, type RetryOptions, retryDelayMs } from './retry.js';
export type * from './types.js';
export {
  type KlipyEvent,
  type KlipyEventType,
  type VerifyWebhookOptions,
  verifyWebhook,
  type WebhookFailure,
  WebhookVerificationError,
} from './webhooks.js';
