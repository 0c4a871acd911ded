import { queryInteractions } from '../../../../modules/interactions/query-interactions.js';
import { interactionSchema, interactionsQuery } from '../../../../modules/interactions/schemas.js';
import { okList } from '../../../envelope.js';
import type { CrmOperation } from '../crm-operation.js';
import { jsonRequest, listResponse } from '../crm-responses.js';

/** `POST /interactions/query` */
export const queryInteractionsOperation: CrmOperation = (router, mount) =>
  router.openapi(
    mount.route({
      method: 'post',
      path: '/interactions/query',
      scope: 'interactions:read',
      operationId: 'queryInteractions',
      tags: ['Interactions'],
      summary: 'Query interactions',
      description:
        'Lists interactions by company, contact, type and date range (`from` inclusive, `to` exclusive), oldest recorded first, with keyset pagination.',
      request: jsonRequest(interactionsQuery, 'Filter and page.'),
      responses: { 200: listResponse('A page of interactions.', interactionSchema) },
    }),
    async (c) => {
      const page = await queryInteractions(c.get('deps'), mount.context(c), c.req.valid('json'));
      return okList(c, page.items, page.pageInfo);
    },
  );
