import { randomUUID } from 'node:crypto';
import { operatorActor } from '../../src/modules/audit/actor.js';
import { createCompany } from '../../src/modules/companies/create-company.js';
import type { CrmContext } from '../../src/modules/crm-common/context.js';
import { createInteraction } from '../../src/modules/interactions/create-interaction.js';
import { createPerson } from '../../src/modules/people/create-person.js';
import type { SecurityContext } from '../security/suite.js';

const crm = (ctx: SecurityContext): CrmContext => ({ orgId: ctx.orgId, actor: operatorActor });
const tag = () => randomUUID().slice(0, 8);

/** Fresh records of the suite's organization, made through the services. */
export const seed = {
  person: async (ctx: SecurityContext) =>
    (await createPerson(ctx.deps, crm(ctx), { firstName: `Sec ${tag()}` })).id,
  company: async (ctx: SecurityContext) =>
    (await createCompany(ctx.deps, crm(ctx), { name: 'Sec', domain: `sec-${tag()}.com` })).id,
  interaction: async (ctx: SecurityContext) =>
    (
      await createInteraction(ctx.deps, crm(ctx), {
        type: 'MEMO',
        mainContactEmail: `sec-${tag()}@gmail.com`,
      })
    ).id,
};

export const uniqueEmail = () => `sec-${tag()}@gmail.com`;
export const uniqueDomainName = () => `sec-${tag()}.com`;
