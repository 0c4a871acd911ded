import { getInteraction } from '../../../../modules/interactions/get-interaction.js';
import { interactionSchema } from '../../../../modules/interactions/schemas.js';
import { ok } from '../../../envelope.js';
import type { CrmOperation } from '../crm-operation.js';
import { recordResponse } from '../crm-responses.js';
import { interactionParams } from './params.js';

/** `GET /interactions/{interactionId}` */
export const getInteractionOperation: CrmOperation = (router, mount) =>
  router.openapi(
    mount.route({
      method: 'get',
      path: '/interactions/{interactionId}',
      scope: 'interactions:read',
      operationId: 'getInteraction',
      errors: ['not_found'],
      tags: ['Interactions'],
      summary: 'Get an interaction',
      description: 'Returns one interaction with the people and companies it involves.',
      request: { params: interactionParams },
      responses: { 200: recordResponse('The interaction.', interactionSchema) },
    }),
    async (c) =>
      ok(c, await getInteraction(c.get('deps'), mount.context(c), c.req.valid('param').interactionId)),
  );
