import { describeSecuritySuite } from '../security/suite.js';
import { seed, uniqueDomainName } from './security-seed.js';

describeSecuritySuite('GET /companies/{companyId}', {
  method: 'GET',
  template: '/companies/{companyId}',
  path: async (ctx) => `/companies/${await seed.company(ctx)}`,
  requiredScope: 'companies:read',
  tenantBound: true,
});
describeSecuritySuite('POST /companies/query', {
  method: 'POST',
  template: '/companies/query',
  path: () => '/companies/query',
  body: () => ({}),
  requiredScope: 'companies:read',
});
describeSecuritySuite('POST /companies', {
  method: 'POST',
  template: '/companies',
  path: () => '/companies',
  body: () => ({ name: 'Sec', domain: uniqueDomainName() }),
  requiredScope: 'companies:write',
});
describeSecuritySuite('PUT /companies', {
  method: 'PUT',
  template: '/companies',
  path: () => '/companies',
  body: () => ({ domain: uniqueDomainName() }),
  requiredScope: 'companies:write',
});
describeSecuritySuite('PATCH /companies/{companyId}', {
  method: 'PATCH',
  template: '/companies/{companyId}',
  path: async (ctx) => `/companies/${await seed.company(ctx)}`,
  body: () => ({ industry: 'Security' }),
  requiredScope: 'companies:write',
  tenantBound: true,
});
describeSecuritySuite('DELETE /companies/{companyId}', {
  method: 'DELETE',
  template: '/companies/{companyId}',
  path: async (ctx) => `/companies/${await seed.company(ctx)}`,
  requiredScope: 'companies:remove',
  tenantBound: true,
});
describeSecuritySuite('POST /companies/batch', {
  method: 'POST',
  template: '/companies/batch',
  path: () => '/companies/batch',
  body: () => ({ items: [{ domain: uniqueDomainName() }] }),
  requiredScope: 'companies:write',
});
