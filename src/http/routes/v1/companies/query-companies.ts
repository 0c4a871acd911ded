import { queryCompanies } from '../../../../modules/companies/query-companies.js';
import { companiesQuery, companySchema } from '../../../../modules/companies/schemas.js';
import { okList } from '../../../envelope.js';
import type { CrmOperation } from '../crm-operation.js';
import { jsonRequest, listResponse } from '../crm-responses.js';

/** `POST /companies/query` */
export const queryCompaniesOperation: CrmOperation = (router, mount) =>
  router.openapi(
    mount.route({
      method: 'post',
      path: '/companies/query',
      scope: 'companies:read',
      operationId: 'queryCompanies',
      tags: ['Companies'],
      summary: 'Query companies',
      description:
        'Lists companies matching a filter (domain, name text, industry), oldest first, with keyset pagination: pass `page_info.next_cursor` back as `cursor` with the same filter.',
      request: jsonRequest(companiesQuery, 'Filter and page.'),
      responses: { 200: listResponse('A page of companies.', companySchema) },
    }),
    async (c) => {
      const page = await queryCompanies(c.get('deps'), mount.context(c), c.req.valid('json'));
      return okList(c, page.items, page.pageInfo);
    },
  );
