import type { Hono } from 'hono';
import type { AppEnv } from '../../env.js';
import { registerReportGeneric } from './report-generic.js';
import { registerReportGithub } from './report-github.js';

/**
 * Leaked-key reports (README, "Security"): outside `/api/v1` and the OpenAPI document,
 * since they are called by scanners, not integrators, and authenticate their own way.
 */
export function registerSecretScanningRoutes(app: Hono<AppEnv>) {
  registerReportGithub(app);
  registerReportGeneric(app);
}
