import { describeSecuritySuite } from '../security/suite.js';
import { seed, uniqueEmail } from './security-seed.js';

describeSecuritySuite('GET /interactions/{interactionId}', {
  method: 'GET',
  template: '/interactions/{interactionId}',
  path: async (ctx) => `/interactions/${await seed.interaction(ctx)}`,
  requiredScope: 'interactions:read',
  tenantBound: true,
});
describeSecuritySuite('POST /interactions/query', {
  method: 'POST',
  template: '/interactions/query',
  path: () => '/interactions/query',
  body: () => ({}),
  requiredScope: 'interactions:read',
});
describeSecuritySuite('POST /interactions', {
  method: 'POST',
  template: '/interactions',
  path: () => '/interactions',
  body: () => ({ type: 'EMAIL', mainContactEmail: uniqueEmail() }),
  requiredScope: 'interactions:write',
});
describeSecuritySuite('DELETE /interactions/{interactionId}', {
  method: 'DELETE',
  template: '/interactions/{interactionId}',
  path: async (ctx) => `/interactions/${await seed.interaction(ctx)}`,
  requiredScope: 'interactions:remove',
  tenantBound: true,
});
