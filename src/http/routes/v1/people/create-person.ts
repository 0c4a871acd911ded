import { createPerson } from '../../../../modules/people/create-person.js';
import { personInput, personSchema } from '../../../../modules/people/schemas.js';
import { ok } from '../../../envelope.js';
import type { CrmOperation } from '../crm-operation.js';
import { jsonRequest, recordResponse } from '../crm-responses.js';

/** `POST /people` */
export const createPersonOperation: CrmOperation = (router, mount) =>
  router.openapi(
    mount.route({
      method: 'post',
      path: '/people',
      scope: 'people:write',
      operationId: 'createPerson',
      errors: ['not_found', 'conflict'],
      tags: ['People'],
      summary: 'Create a person',
      description:
        'Creates a person. The phone is stored as E.164. An email, phone or LinkedIn URL that another person already has is a 409 whose `details.existingId` names that person (use `PUT /people` to upsert instead). An email at a company domain (not free mail) links the company with that domain, creating it if needed.',
      request: jsonRequest(personInput, 'The person to create.'),
      responses: { 201: recordResponse('The created person.', personSchema) },
    }),
    async (c) => ok(c, await createPerson(c.get('deps'), mount.context(c), c.req.valid('json')), 201),
  );
