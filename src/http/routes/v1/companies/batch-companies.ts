import { batchUpsertCompanies } from '../../../../modules/companies/batch-companies.js';
import { companySchema } from '../../../../modules/companies/schemas.js';
import { batchBody, batchResultSchema } from '../../../../modules/crm-common/batch.js';
import { ok } from '../../../envelope.js';
import type { CrmOperation } from '../crm-operation.js';
import { jsonRequest, recordResponse } from '../crm-responses.js';

const body = batchBody(
  'CompanyUpsertInput (see `PUT /companies`)',
  {
    domain: 'analytical-engines.com',
    name: 'Analytical Engines Ltd',
    industry: 'Software',
  },
  'CompanyUpsertInput',
);

/** `POST /companies/batch` */
export const batchCompaniesOperation: CrmOperation = (router, mount) =>
  router.openapi(
    mount.route({
      method: 'post',
      path: '/companies/batch',
      scope: 'companies:write',
      operationId: 'batchUpsertCompanies',
      tags: ['Companies'],
      summary: 'Upsert up to 100 companies',
      description:
        'Applies `PUT /companies` to each item in order. Each item is validated and written on its own: a bad item gets `status: "error"` in its slot and the others still apply. The batch counts as one request for rate limiting.',
      request: jsonRequest(body, 'The companies to upsert.'),
      responses: { 200: recordResponse('Per-item results.', batchResultSchema(companySchema, 'company')) },
    }),
    async (c) =>
      ok(c, await batchUpsertCompanies(c.get('deps'), mount.context(c), c.req.valid('json').items)),
  );
