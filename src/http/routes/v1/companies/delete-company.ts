import { deleteCompany } from '../../../../modules/companies/delete-company.js';
import { deletedSchema } from '../../../../modules/crm-common/schemas.js';
import { ok } from '../../../envelope.js';
import type { CrmOperation } from '../crm-operation.js';
import { recordResponse } from '../crm-responses.js';
import { companyParams } from './params.js';

/** `DELETE /companies/{companyId}` */
export const deleteCompanyOperation: CrmOperation = (router, mount) =>
  router.openapi(
    mount.route({
      method: 'delete',
      path: '/companies/{companyId}',
      scope: 'companies:remove',
      operationId: 'deleteCompany',
      errors: ['not_found'],
      tags: ['Companies'],
      summary: 'Delete a company',
      description: 'Deletes the company for good; its people remain, unlinked. Cannot be undone.',
      request: { params: companyParams },
      responses: {
        200: recordResponse('The company was deleted.', deletedSchema('com_01J9Z3C4V7Y7R8WG2F5M6NQ5TK')),
      },
    }),
    async (c) => ok(c, await deleteCompany(c.get('deps'), mount.context(c), c.req.valid('param').companyId)),
  );
