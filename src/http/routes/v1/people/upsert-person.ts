import { z } from '@hono/zod-openapi';
import { personInput, personSchema } from '../../../../modules/people/schemas.js';
import { upsertPerson } from '../../../../modules/people/upsert-person.js';
import { ok } from '../../../envelope.js';
import type { CrmOperation } from '../crm-operation.js';
import { jsonRequest, recordResponse } from '../crm-responses.js';

const upserted = z
  .object({
    result: z
      .enum(['created', 'updated'])
      .meta({ description: 'Whether the person was created or updated.', example: 'updated' }),
    person: personSchema,
  })
  .meta({ description: 'The upserted person and what happened.' });

/** `PUT /people` */
export const upsertPersonOperation: CrmOperation = (router, mount) =>
  router.openapi(
    mount.route({
      method: 'put',
      path: '/people',
      scope: 'people:write',
      operationId: 'upsertPerson',
      errors: ['not_found', 'conflict'],
      tags: ['People'],
      summary: 'Create or update a person',
      description:
        'Finds the person by email, then phone, then LinkedIn URL, and updates the fields you send; creates the person when none matches. `result` says which happened (201 when created, 200 when updated).',
      request: jsonRequest(personInput, 'The person to create or update.'),
      responses: {
        200: recordResponse('An existing person was updated.', upserted),
        201: recordResponse('A new person was created.', upserted),
      },
    }),
    async (c) => {
      const { person, created } = await upsertPerson(c.get('deps'), mount.context(c), c.req.valid('json'));
      return ok(c, { result: created ? 'created' : 'updated', person }, created ? 201 : 200);
    },
  );
