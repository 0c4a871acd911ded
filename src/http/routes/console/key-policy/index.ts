import type { App } from '../../../env.js';
import { registerGetKeyPolicy } from './get-key-policy.js';
import { registerUpdateKeyPolicy } from './update-key-policy.js';

/** `GET`/`PUT /console/api/organization/key-policy` (docs/console-api.md, "Key policy"). */
export const keyPolicyRoutes: ((app: App) => void)[] = [registerGetKeyPolicy, registerUpdateKeyPolicy];
