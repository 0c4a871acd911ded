import { createRouter } from '../../app.js';
import type { App } from '../../env.js';
import { csrfProtection } from '../../middleware/csrf.js';
import { registerConfig } from './accounts/config.js';
import { registerLogin } from './accounts/login.js';
import { registerLogout } from './accounts/logout.js';
import { registerMe } from './accounts/me.js';
import { registerPasswordReset } from './accounts/password-reset.js';
import { registerSignup } from './accounts/signup.js';
import { registerExportAuditLog } from './audit/export-audit-log.js';
import { registerListAuditLog } from './audit/list-audit-log.js';
import { registerVerifyAuditChain } from './audit/verify-audit-chain.js';
import { registerConsoleCrm } from './crm/index.js';
import { keyPolicyRoutes } from './key-policy/index.js';
import { keyRoutes } from './keys/index.js';
import { registerInvitations } from './members/invitations.js';
import { registerMembers } from './members/members.js';
import { registerOrganization } from './members/organization.js';
import { registerUsage } from './usage/get-usage.js';
import { webhookRoutes } from './webhooks/index.js';

/** The console's JSON API under `/console/api`: session cookie + CSRF defence. */
export function registerConsoleRoutes(app: App) {
  const consoleApi = createRouter();
  consoleApi.use(csrfProtection);
  for (const register of [
    registerConfig,
    registerSignup,
    registerLogin,
    registerLogout,
    registerMe,
    registerPasswordReset,
    registerMembers,
    registerInvitations,
    registerOrganization,
    registerConsoleCrm,
    ...keyRoutes,
    ...keyPolicyRoutes,
    registerListAuditLog,
    registerExportAuditLog,
    registerVerifyAuditChain,
    registerUsage,
    ...webhookRoutes,
  ]) {
    register(consoleApi);
  }
  app.route('/console/api', consoleApi);
}
