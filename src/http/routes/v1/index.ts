import { createRouter } from '../../app.js';
import type { App } from '../../env.js';
import { authenticateApiKey } from '../../middleware/authenticate-api-key.js';
import { limitApiKey, limitFailedAuth } from '../../middleware/rate-limit.js';
import { registerAuthenticate } from './authenticate.js';
import { registerCheckAuthorization } from './check-authorization.js';
import { mountOn, v1Mount } from './crm-operation.js';
import { CRM_OPERATIONS } from './crm-operations.js';
import { registerHeaderComponents } from './headers.js';
import { registerRollCurrentKey } from './keys/roll-current.js';
import { registerOpenApiDocument } from './openapi.js';

/**
 * Registers one operation on the `/api/v1` router. Each operation file exports one of
 * these (declared with `v1Route()`); the list below is the whole public API.
 */
export type V1Operation = (router: App) => void;

const operations: V1Operation[] = [
  registerAuthenticate,
  registerCheckAuthorization,
  registerRollCurrentKey,
  // people, companies, interactions: the same files the console mounts under /console/api/crm
  ...CRM_OPERATIONS.map(mountOn(v1Mount)),
  registerOpenApiDocument,
];

/**
 * The public API under `/api/v1`. Every request is authenticated first (fail closed:
 * an unknown path without a key is a 401, not a 404); middleware added with `v1.use()`
 * after `authenticateApiKey` (rate limits, usage) sees `c.get('principal')`.
 */
export function registerV1Routes(app: App) {
  const v1 = createRouter();
  v1.openAPIRegistry.registerComponent('securitySchemes', 'KlipyApiKey', {
    type: 'apiKey',
    in: 'header',
    name: 'X-Klipy-Api-Key',
  });
  v1.openAPIRegistry.registerComponent('securitySchemes', 'BearerAuth', { type: 'http', scheme: 'bearer' });
  registerHeaderComponents(v1);
  v1.use('*', limitFailedAuth);
  v1.use('*', authenticateApiKey);
  v1.use('*', limitApiKey);
  for (const register of operations) register(v1);
  app.route('/api/v1', v1);
}
