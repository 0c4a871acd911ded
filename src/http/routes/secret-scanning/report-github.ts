import type { Hono } from 'hono';
import { AppError } from '../../../modules/errors.js';
import { verifyGithubSignature } from '../../../modules/secret-scanning/github-keys.js';
import { reportLeakedKeys } from '../../../modules/secret-scanning/report-leaked-keys.js';
import type { AppEnv } from '../../env.js';
import { parseBody } from './parse-body.js';
import { githubReportSchema } from './schemas.js';

/**
 * `POST /api/secret-scanning/github`: GitHub's secret-scanning partner endpoint. The raw
 * body must carry a valid ECDSA P-256 / SHA-256 signature (`Github-Public-Key-Signature`,
 * base64 DER) by the configured key named in `Github-Public-Key-Identifier`; the signature
 * is checked before the body is parsed. Answers `[{ token_hash, token_type, label }]`.
 */
export const registerReportGithub = (app: Hono<AppEnv>) =>
  app.post('/api/secret-scanning/github', async (c) => {
    const deps = c.get('deps');
    const keys = deps.config.KLIPY_SECRET_SCANNING_GITHUB_KEYS;
    if (!keys) throw new AppError('not_found', 'GitHub secret scanning is not configured on this server.');
    const raw = await c.req.text();
    const signed = verifyGithubSignature(
      keys,
      c.req.header('github-public-key-identifier'),
      c.req.header('github-public-key-signature'),
      raw,
    );
    if (!signed)
      throw new AppError(
        'unauthorized',
        'The Github-Public-Key-Signature does not verify against a configured key (Github-Public-Key-Identifier).',
        { reason: 'signature' },
      );
    const reports = await parseBody(c, raw, githubReportSchema);
    return c.json(await reportLeakedKeys(deps, { scanner: 'github', reports }), 200);
  });
