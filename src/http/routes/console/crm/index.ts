import { createRouter } from '../../../app.js';
import type { App } from '../../../env.js';
import { consoleMount, mountOn } from '../../v1/crm-operation.js';
import { CRM_OPERATIONS } from '../../v1/crm-operations.js';

/**
 * The CRM for the console under `/console/api/crm/…`: the very operation files of the
 * public API, mounted with session auth (any member, all CRM scopes) instead of a key.
 */
export function registerConsoleCrm(consoleApi: App) {
  const crm = createRouter();
  for (const register of CRM_OPERATIONS.map(mountOn(consoleMount))) register(crm);
  consoleApi.route('/crm', crm);
}
