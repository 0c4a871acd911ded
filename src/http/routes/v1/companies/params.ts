import { z } from '@hono/zod-openapi';
import { idParam } from '../../../../modules/crm-common/schemas.js';

/** `{companyId}` path parameter. A malformed id is a 404, like an unknown one. */
export const companyParams = z.object({
  companyId: idParam('companyId', 'com_01J9Z3C4V7Y7R8WG2F5M6NQ5TK', 'The company id (`com_…`).'),
});
