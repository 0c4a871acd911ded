import { getPerson } from '../../../../modules/people/get-person.js';
import { personSchema } from '../../../../modules/people/schemas.js';
import { ok } from '../../../envelope.js';
import type { CrmOperation } from '../crm-operation.js';
import { recordResponse } from '../crm-responses.js';
import { personParams } from './params.js';

/** `GET /people/{personId}` */
export const getPersonOperation: CrmOperation = (router, mount) =>
  router.openapi(
    mount.route({
      method: 'get',
      path: '/people/{personId}',
      scope: 'people:read',
      operationId: 'getPerson',
      errors: ['not_found'],
      tags: ['People'],
      summary: 'Get a person',
      description:
        'Returns one person of your organization. An id of another organization, or a malformed id, is a 404.',
      request: { params: personParams },
      responses: { 200: recordResponse('The person.', personSchema) },
    }),
    async (c) => ok(c, await getPerson(c.get('deps'), mount.context(c), c.req.valid('param').personId)),
  );
