import { z } from '@hono/zod-openapi';
import { idParam } from '../../../../modules/crm-common/schemas.js';

/** `{interactionId}` path parameter. A malformed id is a 404, like an unknown one. */
export const interactionParams = z.object({
  interactionId: idParam('interactionId', 'int_01J9Z3C4V7Y7R8WG2F5M6NQ5TK', 'The interaction id (`int_…`).'),
});
