import { z } from '@hono/zod-openapi';
import { companySchema, companyUpsertInput } from '../../../../modules/companies/schemas.js';
import { upsertCompany } from '../../../../modules/companies/upsert-company.js';
import { ok } from '../../../envelope.js';
import type { CrmOperation } from '../crm-operation.js';
import { jsonRequest, recordResponse } from '../crm-responses.js';

const upserted = z
  .object({
    result: z
      .enum(['created', 'updated'])
      .meta({ description: 'Whether the company was created or updated.', example: 'created' }),
    company: companySchema,
  })
  .meta({ description: 'The upserted company and what happened.' });

/** `PUT /companies` */
export const upsertCompanyOperation: CrmOperation = (router, mount) =>
  router.openapi(
    mount.route({
      method: 'put',
      path: '/companies',
      scope: 'companies:write',
      operationId: 'upsertCompany',
      errors: ['conflict'],
      tags: ['Companies'],
      summary: 'Create or update a company by domain',
      description:
        'Finds the company by domain and updates the fields you send, or creates it (201) when no company has that domain. `result` says which happened.',
      request: jsonRequest(companyUpsertInput, 'The company to create or update.'),
      responses: {
        200: recordResponse('An existing company was updated.', upserted),
        201: recordResponse('A new company was created.', upserted),
      },
    }),
    async (c) => {
      const { company, created } = await upsertCompany(c.get('deps'), mount.context(c), c.req.valid('json'));
      return ok(c, { result: created ? 'created' : 'updated', company }, created ? 201 : 200);
    },
  );
