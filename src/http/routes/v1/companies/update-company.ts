import { companyPatch, companySchema } from '../../../../modules/companies/schemas.js';
import { updateCompany } from '../../../../modules/companies/update-company.js';
import { ok } from '../../../envelope.js';
import type { CrmOperation } from '../crm-operation.js';
import { jsonRequest, recordResponse } from '../crm-responses.js';
import { companyParams } from './params.js';

/** `PATCH /companies/{companyId}` */
export const updateCompanyOperation: CrmOperation = (router, mount) =>
  router.openapi(
    mount.route({
      method: 'patch',
      path: '/companies/{companyId}',
      scope: 'companies:write',
      operationId: 'updateCompany',
      errors: ['not_found', 'conflict'],
      tags: ['Companies'],
      summary: 'Update a company',
      description:
        'Changes only the fields you send; `null` clears a field. A domain another company has is a 409.',
      request: { params: companyParams, ...jsonRequest(companyPatch, 'The fields to change.') },
      responses: { 200: recordResponse('The updated company.', companySchema) },
    }),
    async (c) =>
      ok(
        c,
        await updateCompany(
          c.get('deps'),
          mount.context(c),
          c.req.valid('param').companyId,
          c.req.valid('json'),
        ),
      ),
  );
