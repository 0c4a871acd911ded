import { createInteraction } from '../../../../modules/interactions/create-interaction.js';
import { createdInteractionSchema, interactionInput } from '../../../../modules/interactions/schemas.js';
import { ok } from '../../../envelope.js';
import type { CrmOperation } from '../crm-operation.js';
import { jsonRequest, recordResponse } from '../crm-responses.js';

/** `POST /interactions` */
export const createInteractionOperation: CrmOperation = (router, mount) =>
  router.openapi(
    mount.route({
      method: 'post',
      path: '/interactions',
      scope: 'interactions:write',
      operationId: 'createInteraction',
      errors: ['not_found', 'conflict'],
      tags: ['Interactions'],
      summary: 'Record an interaction',
      description:
        'Records an email, meeting, message or event with exactly one main contact: `mainContact` (a person id) or `mainContactEmail` (an unknown email creates the person). `interactionDate` takes epoch milliseconds or ISO 8601. A `primaryId` (or `secondaryId`) already recorded returns that interaction with `isDuplicate: true` (200) instead of a copy.',
      request: jsonRequest(interactionInput, 'The interaction to record.'),
      responses: {
        201: recordResponse('The interaction was recorded.', createdInteractionSchema),
        200: recordResponse(
          'An interaction with this primaryId / secondaryId already existed.',
          createdInteractionSchema,
        ),
      },
    }),
    async (c) => {
      const interaction = await createInteraction(c.get('deps'), mount.context(c), c.req.valid('json'));
      return ok(c, interaction, interaction.isDuplicate ? 200 : 201);
    },
  );
