import type { App } from '../../../env.js';
import { registerCreateWebhook } from './create-webhook.js';
import { registerDeleteWebhook } from './delete-webhook.js';
import { registerGetWebhook } from './get-webhook.js';
import { registerListEventTypes } from './list-event-types.js';
import { registerListWebhookDeliveries } from './list-webhook-deliveries.js';
import { registerListWebhooks } from './list-webhooks.js';
import { registerRedeliverWebhook } from './redeliver-webhook.js';
import { registerRotateWebhookSecret } from './rotate-webhook-secret.js';
import { registerTestWebhook } from './test-webhook.js';
import { registerUpdateWebhook } from './update-webhook.js';

/** Settings → Webhooks (docs/webhooks.md). `event-types` is registered before `{id}`. */
export const webhookRoutes: ((app: App) => void)[] = [
  registerListEventTypes,
  registerListWebhooks,
  registerCreateWebhook,
  registerGetWebhook,
  registerUpdateWebhook,
  registerDeleteWebhook,
  registerRotateWebhookSecret,
  registerTestWebhook,
  registerListWebhookDeliveries,
  registerRedeliverWebhook,
];
