import { createRouter } from '../../app.js';
import type { App } from '../../env.js';

/**
 * Registers one operation on the `/api/v1` router. Each operation file exports one of
 * these; the list below is the whole public API.
 */
export type V1Operation = (router: App) => void;

const operations: V1Operation[] = [];

/** The public API under `/api/v1`. */
export function registerV1Routes(app: App) {
  const v1 = createRouter();
  for (const register of operations) register(v1);
  app.route('/api/v1', v1);
}
