import { batchBody, batchResultSchema } from '../../../../modules/crm-common/batch.js';
import { batchUpsertPeople } from '../../../../modules/people/batch-people.js';
import { personSchema } from '../../../../modules/people/schemas.js';
import { ok } from '../../../envelope.js';
import type { CrmOperation } from '../crm-operation.js';
import { jsonRequest, recordResponse } from '../crm-responses.js';

const body = batchBody(
  'PersonInput (see `POST /people`)',
  {
    email: 'ada@analytical-engines.com',
    firstName: 'Ada',
    leadStatus: 'CONTACTED',
  },
  'PersonInput',
);

/** `POST /people/batch` */
export const batchPeopleOperation: CrmOperation = (router, mount) =>
  router.openapi(
    mount.route({
      method: 'post',
      path: '/people/batch',
      scope: 'people:write',
      operationId: 'batchUpsertPeople',
      tags: ['People'],
      summary: 'Upsert up to 100 people',
      description:
        'Applies `PUT /people` to each item in order. Each item is validated and written on its own: a bad item gets `status: "error"` in its slot and the others still apply. The whole batch counts as one request for rate limiting, so a 10,000-record sync takes 100 requests.',
      request: jsonRequest(body, 'The people to upsert.'),
      responses: { 200: recordResponse('Per-item results.', batchResultSchema(personSchema, 'person')) },
    }),
    async (c) => ok(c, await batchUpsertPeople(c.get('deps'), mount.context(c), c.req.valid('json').items)),
  );
