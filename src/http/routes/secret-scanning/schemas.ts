import { z } from 'zod';

/** At most this many tokens per report (GitHub sends batches well below it). */
export const MAX_TOKENS = 1000;

const token = z.string().max(1000, 'a token is at most 1000 characters');
const url = z.string().max(2000).optional();
const source = z.string().max(200).optional();

/** GitHub's secret-scanning partner request: `[{ token, type, url, source }]`. */
export const githubReportSchema = z
  .array(z.object({ token, type: z.string().max(200).optional(), url, source }))
  .min(1, 'at least one token')
  .max(MAX_TOKENS, `at most ${MAX_TOKENS} tokens`);

/** Any other scanner (or a person): `{ tokens: [...], url?, source? }`. */
export const genericReportSchema = z.object({
  tokens: z.array(token).min(1, 'at least one token').max(MAX_TOKENS, `at most ${MAX_TOKENS} tokens`),
  url,
  source,
});
