import { getCompany } from '../../../../modules/companies/get-company.js';
import { companySchema } from '../../../../modules/companies/schemas.js';
import { ok } from '../../../envelope.js';
import type { CrmOperation } from '../crm-operation.js';
import { recordResponse } from '../crm-responses.js';
import { companyParams } from './params.js';

/** `GET /companies/{companyId}` */
export const getCompanyOperation: CrmOperation = (router, mount) =>
  router.openapi(
    mount.route({
      method: 'get',
      path: '/companies/{companyId}',
      scope: 'companies:read',
      operationId: 'getCompany',
      errors: ['not_found'],
      tags: ['Companies'],
      summary: 'Get a company',
      description:
        'Returns one company of your organization. An id of another organization, or a malformed id, is a 404.',
      request: { params: companyParams },
      responses: { 200: recordResponse('The company.', companySchema) },
    }),
    async (c) => ok(c, await getCompany(c.get('deps'), mount.context(c), c.req.valid('param').companyId)),
  );
