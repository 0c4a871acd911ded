import { z } from '@hono/zod-openapi';
import { requireRole, requireSession } from '../../../middleware/session.js';

/** Webhooks are Settings → Webhooks: admins and owners only. */
export const webhookAdmin = [requireSession, requireRole('admin')];

export const webhookIdParam = z.object({ id: z.string().min(1).max(64) });
