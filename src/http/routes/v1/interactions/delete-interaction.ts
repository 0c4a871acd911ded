import { deletedSchema } from '../../../../modules/crm-common/schemas.js';
import { deleteInteraction } from '../../../../modules/interactions/delete-interaction.js';
import { ok } from '../../../envelope.js';
import type { CrmOperation } from '../crm-operation.js';
import { recordResponse } from '../crm-responses.js';
import { interactionParams } from './params.js';

/** `DELETE /interactions/{interactionId}` */
export const deleteInteractionOperation: CrmOperation = (router, mount) =>
  router.openapi(
    mount.route({
      method: 'delete',
      path: '/interactions/{interactionId}',
      scope: 'interactions:remove',
      operationId: 'deleteInteraction',
      errors: ['not_found'],
      tags: ['Interactions'],
      summary: 'Delete an interaction',
      description: 'Deletes the interaction for good. Cannot be undone.',
      request: { params: interactionParams },
      responses: {
        200: recordResponse('The interaction was deleted.', deletedSchema('int_01J9Z3C4V7Y7R8WG2F5M6NQ5TK')),
      },
    }),
    async (c) =>
      ok(c, await deleteInteraction(c.get('deps'), mount.context(c), c.req.valid('param').interactionId)),
  );
