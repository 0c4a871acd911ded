import { createCompany } from '../../../../modules/companies/create-company.js';
import { companyInput, companySchema } from '../../../../modules/companies/schemas.js';
import { ok } from '../../../envelope.js';
import type { CrmOperation } from '../crm-operation.js';
import { jsonRequest, recordResponse } from '../crm-responses.js';

/** `POST /companies` */
export const createCompanyOperation: CrmOperation = (router, mount) =>
  router.openapi(
    mount.route({
      method: 'post',
      path: '/companies',
      scope: 'companies:write',
      operationId: 'createCompany',
      errors: ['conflict'],
      tags: ['Companies'],
      summary: 'Create a company',
      description:
        'Creates a company. The domain (or, without one, the website’s host) is stored bare and lower-case and is unique in the organization: a taken domain is a 409 naming the existing company in `details.existingId`.',
      request: jsonRequest(companyInput, 'The company to create.'),
      responses: { 201: recordResponse('The created company.', companySchema) },
    }),
    async (c) => ok(c, await createCompany(c.get('deps'), mount.context(c), c.req.valid('json')), 201),
  );
