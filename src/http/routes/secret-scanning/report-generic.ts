import { createHash, timingSafeEqual } from 'node:crypto';
import type { Hono } from 'hono';
import { AppError } from '../../../modules/errors.js';
import { reportLeakedKeys } from '../../../modules/secret-scanning/report-leaked-keys.js';
import type { AppEnv } from '../../env.js';
import { parseBody } from './parse-body.js';
import { genericReportSchema } from './schemas.js';

/** Constant-time equality of two strings of any length (compares their SHA-256 digests). */
const sameSecret = (a: string, b: string) =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

/**
 * `POST /api/secret-scanning/report`: leak reports from any scanner, authenticated by the
 * operator's `KLIPY_SECRET_SCANNING_TOKEN` as `Authorization: Bearer <token>`. Body
 * `{ tokens: [...], url?, source? }`; answers the same per-token list as the GitHub form.
 */
export const registerReportGeneric = (app: Hono<AppEnv>) =>
  app.post('/api/secret-scanning/report', async (c) => {
    const deps = c.get('deps');
    const expected = deps.config.KLIPY_SECRET_SCANNING_TOKEN;
    if (!expected)
      throw new AppError('not_found', 'Secret scanning reports are not configured on this server.');
    const given = /^Bearer (.+)$/i.exec(c.req.header('authorization') ?? '')?.[1] ?? '';
    if (!sameSecret(given, expected))
      throw new AppError('unauthorized', 'Send the operator token as Authorization: Bearer <token>.', {
        reason: given ? 'token' : 'missing',
      });
    const body = await parseBody(c, await c.req.text(), genericReportSchema);
    const reports = body.tokens.map((token) => ({ token, url: body.url, source: body.source }));
    return c.json(await reportLeakedKeys(deps, { scanner: 'report', reports }), 200);
  });
