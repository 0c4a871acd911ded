import { personPatch, personSchema } from '../../../../modules/people/schemas.js';
import { updatePerson } from '../../../../modules/people/update-person.js';
import { ok } from '../../../envelope.js';
import type { CrmOperation } from '../crm-operation.js';
import { jsonRequest, recordResponse } from '../crm-responses.js';
import { personParams } from './params.js';

/** `PATCH /people/{personId}` */
export const updatePersonOperation: CrmOperation = (router, mount) =>
  router.openapi(
    mount.route({
      method: 'patch',
      path: '/people/{personId}',
      scope: 'people:write',
      operationId: 'updatePerson',
      errors: ['not_found', 'conflict'],
      tags: ['People'],
      summary: 'Update a person',
      description:
        'Changes only the fields you send; `null` clears a field. A change that would give the person another person’s email, phone or LinkedIn URL is a 409.',
      request: { params: personParams, ...jsonRequest(personPatch, 'The fields to change.') },
      responses: { 200: recordResponse('The updated person.', personSchema) },
    }),
    async (c) =>
      ok(
        c,
        await updatePerson(
          c.get('deps'),
          mount.context(c),
          c.req.valid('param').personId,
          c.req.valid('json'),
        ),
      ),
  );
