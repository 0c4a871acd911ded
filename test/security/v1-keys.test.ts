import { describeSecuritySuite } from './suite.js';

describeSecuritySuite('GET /authenticate', {
  method: 'GET',
  template: '/authenticate',
  path: () => '/authenticate',
  requiredScope: 'authenticated',
});

describeSecuritySuite('POST /keys/current/roll', {
  method: 'POST',
  template: '/keys/current/roll',
  path: () => '/keys/current/roll',
  body: () => ({ gracePeriodSeconds: 3600 }),
  requiredScope: 'authenticated',
});
