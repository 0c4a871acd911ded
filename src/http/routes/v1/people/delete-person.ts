import { deletedSchema } from '../../../../modules/crm-common/schemas.js';
import { deletePerson } from '../../../../modules/people/delete-person.js';
import { ok } from '../../../envelope.js';
import type { CrmOperation } from '../crm-operation.js';
import { recordResponse } from '../crm-responses.js';
import { personParams } from './params.js';

/** `DELETE /people/{personId}` */
export const deletePersonOperation: CrmOperation = (router, mount) =>
  router.openapi(
    mount.route({
      method: 'delete',
      path: '/people/{personId}',
      scope: 'people:remove',
      operationId: 'deletePerson',
      errors: ['not_found'],
      tags: ['People'],
      summary: 'Delete a person',
      description:
        'Deletes the person for good. Their interactions remain, without the link. Cannot be undone.',
      request: { params: personParams },
      responses: {
        200: recordResponse('The person was deleted.', deletedSchema('per_01J9Z3C4V7Y7R8WG2F5M6NQ5TK')),
      },
    }),
    async (c) => ok(c, await deletePerson(c.get('deps'), mount.context(c), c.req.valid('param').personId)),
  );
