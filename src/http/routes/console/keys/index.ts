import type { App } from '../../../env.js';
import { registerCreateKey } from './create-key.js';
import { registerCreatePlaygroundKey } from './create-playground-key.js';
import { registerDeleteKey } from './delete-key.js';
import { registerKeySummary } from './key-summary.js';
import { registerListKeyRequests } from './list-key-requests.js';
import { registerListKeys } from './list-keys.js';
import { registerListScopes } from './list-scopes.js';
import { registerRevokeKey } from './revoke-key.js';
import { registerRollKey } from './roll-key.js';
import { registerUpdateKey } from './update-key.js';

/** The console's API-key operations (docs/console-api.md, "API keys"). */
export const keyRoutes: ((app: App) => void)[] = [
  registerListKeys,
  registerKeySummary,
  registerListKeyRequests,
  registerCreateKey,
  registerUpdateKey,
  registerRevokeKey,
  registerDeleteKey,
  registerRollKey,
  registerCreatePlaygroundKey,
  registerListScopes,
];
