import { z } from 'zod';
import { EVENT_TYPES } from '../events/event-types.js';

const subscribable = EVENT_TYPES.filter((t) => t !== 'webhook.test') as [string, ...string[]];

/** A webhook endpoint as the console creates it. */
export const webhookEndpointInput = z
  .object({
    /** Where events are POSTed: https:// (http:// only with KLIPY_WEBHOOK_ALLOW_PRIVATE=true). */
    url: z.string().trim().min(1).max(2048),
    /** What it is for, shown in the list. */
    description: z.string().trim().max(500).nullable().optional(),
    /** Event types to send; empty or absent = every type. */
    eventTypes: z.array(z.enum(subscribable)).max(EVENT_TYPES.length).optional(),
    /** Off = nothing is sent (events meanwhile are not queued for it). */
    enabled: z.boolean().optional(),
  })
  .strict();
export type WebhookEndpointInput = z.infer<typeof webhookEndpointInput>;

export const webhookEndpointPatch = webhookEndpointInput.partial().strict();
export type WebhookEndpointPatch = z.infer<typeof webhookEndpointPatch>;

/** Rotation: the old secret keeps signing (beside the new one) for the overlap. */
export const rotateSecretInput = z
  .object({
    /** Seconds the previous secret stays valid: 0 (now) up to 7 days; default 24 h. */
    overlapSeconds: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 3600)
      .optional(),
  })
  .strict();
