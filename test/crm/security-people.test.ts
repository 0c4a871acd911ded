import { describeSecuritySuite } from '../security/suite.js';
import { seed, uniqueEmail } from './security-seed.js';

describeSecuritySuite('GET /people/{personId}', {
  method: 'GET',
  template: '/people/{personId}',
  path: async (ctx) => `/people/${await seed.person(ctx)}`,
  requiredScope: 'people:read',
  tenantBound: true,
});
describeSecuritySuite('POST /people/query', {
  method: 'POST',
  template: '/people/query',
  path: () => '/people/query',
  body: () => ({}),
  requiredScope: 'people:read',
});
describeSecuritySuite('POST /people', {
  method: 'POST',
  template: '/people',
  path: () => '/people',
  body: () => ({ email: uniqueEmail() }),
  requiredScope: 'people:write',
});
describeSecuritySuite('PUT /people', {
  method: 'PUT',
  template: '/people',
  path: () => '/people',
  body: () => ({ email: uniqueEmail() }),
  requiredScope: 'people:write',
});
describeSecuritySuite('PATCH /people/{personId}', {
  method: 'PATCH',
  template: '/people/{personId}',
  path: async (ctx) => `/people/${await seed.person(ctx)}`,
  body: () => ({ title: 'CTO' }),
  requiredScope: 'people:write',
  tenantBound: true,
});
describeSecuritySuite('DELETE /people/{personId}', {
  method: 'DELETE',
  template: '/people/{personId}',
  path: async (ctx) => `/people/${await seed.person(ctx)}`,
  requiredScope: 'people:remove',
  tenantBound: true,
});
describeSecuritySuite('POST /people/batch', {
  method: 'POST',
  template: '/people/batch',
  path: () => '/people/batch',
  body: () => ({ items: [{ email: uniqueEmail() }] }),
  requiredScope: 'people:write',
});
