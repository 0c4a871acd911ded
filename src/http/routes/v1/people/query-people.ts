import { queryPeople } from '../../../../modules/people/query-people.js';
import { peopleQuery, personSchema } from '../../../../modules/people/schemas.js';
import { okList } from '../../../envelope.js';
import type { CrmOperation } from '../crm-operation.js';
import { jsonRequest, listResponse } from '../crm-responses.js';

/** `POST /people/query` */
export const queryPeopleOperation: CrmOperation = (router, mount) =>
  router.openapi(
    mount.route({
      method: 'post',
      path: '/people/query',
      scope: 'people:read',
      operationId: 'queryPeople',
      tags: ['People'],
      summary: 'Query people',
      description:
        'Lists people matching a filter (email, companyId, leadStatus, tag, updatedAfter, free text), oldest first, with keyset pagination: pass `page_info.next_cursor` back as `cursor` with the same filter. Deep pages cost what the first page costs.',
      request: jsonRequest(peopleQuery, 'Filter and page.'),
      responses: { 200: listResponse('A page of people.', personSchema) },
    }),
    async (c) => {
      const page = await queryPeople(c.get('deps'), mount.context(c), c.req.valid('json'));
      return okList(c, page.items, page.pageInfo);
    },
  );
