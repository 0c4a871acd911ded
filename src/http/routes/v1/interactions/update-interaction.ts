import { interactionPatch, interactionSchema } from '../../../../modules/interactions/schemas.js';
import { updateInteraction } from '../../../../modules/interactions/update-interaction.js';
import { ok } from '../../../envelope.js';
import type { CrmOperation } from '../crm-operation.js';
import { jsonRequest, recordResponse } from '../crm-responses.js';
import { interactionParams } from './params.js';

/** `PATCH /interactions/{interactionId}` */
export const updateInteractionOperation: CrmOperation = (router, mount) =>
  router.openapi(
    mount.route({
      method: 'patch',
      path: '/interactions/{interactionId}',
      scope: 'interactions:write',
      operationId: 'updateInteraction',
      errors: ['not_found'],
      tags: ['Interactions'],
      summary: 'Update an interaction',
      description:
        'Changes only the fields you send (type, direction, title, summary, interactionDate); `null` clears direction, title or summary. Who it was with is fixed at creation.',
      request: { params: interactionParams, ...jsonRequest(interactionPatch, 'The fields to change.') },
      responses: { 200: recordResponse('The updated interaction.', interactionSchema) },
    }),
    async (c) =>
      ok(
        c,
        await updateInteraction(
          c.get('deps'),
          mount.context(c),
          c.req.valid('param').interactionId,
          c.req.valid('json'),
        ),
      ),
  );
