import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseGithubKeys } from './modules/secret-scanning/github-keys.js';

const bool = z
  .enum(['true', 'false', '1', '0', 'on', 'off', 'yes', 'no'], {
    error: 'must be true or false',
  })
  .transform((v) => ['true', '1', 'on', 'yes'].includes(v));

const optionalUrl = (schemes: string[], hint: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v === '' ? undefined : v))
    .refine((v) => v === undefined || schemes.some((s) => v.startsWith(s)), { message: hint });

/** A duration in milliseconds: a whole number from 1 ms to 1 hour. */
const ms = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(1, 'must be at least 1 (milliseconds)')
    .max(3_600_000, 'must be at most 3600000 (one hour, in milliseconds)')
    .default(fallback);

/** The whole environment Klipy reads, validated once at start. */
export const configSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .min(0)
    .max(65535, 'must be a TCP port between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: optionalUrl(
    ['postgres://', 'postgresql://', 'memory://'],
    'must start with postgres:// (a PostgreSQL server) or be memory:// (throwaway embedded database); leave it unset for the embedded database in KLIPY_DATA_DIR',
  ),
  KLIPY_DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: optionalUrl(
    ['redis://', 'rediss://'],
    'must start with redis:// or rediss://, e.g. redis://127.0.0.1:6379; leave it unset to run without Redis',
  ),
  KLIPY_SIGNUP: z.enum(['open', 'closed'], { error: 'must be "open" or "closed"' }).default('open'),
  KLIPY_SIGNUP_PER_IP_PER_HOUR: z.coerce
    .number({ error: 'must be a number' })
    .int()
    .positive('must be at least 1')
    .default(10),
  KLIPY_DEFAULT_PLAN: z
    .enum(['free', 'standard', 'pro', 'enterprise'], {
      error: 'must be one of free, standard, pro, enterprise',
    })
    .default('standard'),
  KLIPY_API_ACCESS_DEFAULT: bool.default(true),
  // Parsed on every console write (CSRF origin) and invitation link: refuse a non-URL here.
  KLIPY_PUBLIC_URL: optionalUrl(
    ['http://', 'https://'],
    'must be the absolute URL users reach Klipy at, e.g. https://crm.example.com',
  ).refine((v) => v === undefined || URL.canParse(v), {
    message: 'must be the absolute URL users reach Klipy at, e.g. https://crm.example.com',
  }),
  KLIPY_TRUST_PROXY: bool.default(false),
  /** Embedded database: true keeps V8's baseline WebAssembly tier (starts ~1 s sooner, ~40 MiB more memory). */
  KLIPY_EMBEDDED_FAST_START: bool.default(false),
  KLIPY_RATE_LIMIT_PER_KEY: z.coerce.number({ error: 'must be a number' }).int().positive().optional(),
  KLIPY_RATE_LIMIT_PER_ORG: z.coerce.number({ error: 'must be a number' }).int().positive().optional(),
  /** Lets webhook endpoints point at loopback / private / link-local addresses and plain http (tests, local development). */
  KLIPY_WEBHOOK_ALLOW_PRIVATE: bool.default(false),
  /** Days events (with their delivery log), sent mail and spent password resets are kept; 0 = for ever. */
  KLIPY_EVENT_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  /** Outgoing mail: smtp://user:pass@host:587 or smtps://…:465. Unset = no email (links stay copyable). */
  SMTP_URL: optionalUrl(
    ['smtp://', 'smtps://'],
    'must start with smtp:// or smtps://, e.g. smtp://user:pass@mail.example.com:587',
  ),
  /** The From of Klipy's mail, e.g. "Klipy <crm@example.com>". */
  SMTP_FROM: z.string().trim().min(3).default('Klipy <klipy@localhost>'),
  KLIPY_KEY_CACHE_TTL_MS: z.coerce.number().int().min(0).default(30_000),
  /**
   * GitHub secret-scanning public keys (JSON as GitHub publishes them, or PEM), inline or a
   * file path. Set: `POST /api/secret-scanning/github` accepts reports signed by them.
   */
  KLIPY_SECRET_SCANNING_GITHUB_KEYS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      const looksInline = /^\s*[[{-]/.test(value);
      if (!looksInline && !existsSync(value)) {
        ctx.addIssue({
          code: 'custom',
          message: 'must be the keys (JSON or PEM) or the path of a file holding them; no such file',
        });
        return z.NEVER;
      }
      try {
        return parseGithubKeys(looksInline ? value : readFileSync(value, 'utf8'));
      } catch (err) {
        ctx.addIssue({
          code: 'custom',
          message: `cannot read the keys (${(err as Error).message}); give GitHub's {"public_keys":[…]} JSON or PEM public keys`,
        });
        return z.NEVER;
      }
    }),
  /** Bearer token of `POST /api/secret-scanning/report` (other scanners); unset = endpoint off. */
  KLIPY_SECRET_SCANNING_TOKEN: z
    .string()
    .min(32, 'must be at least 32 characters, e.g. the output of `openssl rand -hex 32`')
    .optional(),
  // Bounded waits on the backing services (ms). See README "What happens when…".
  KLIPY_DB_CONNECT_TIMEOUT_MS: ms(2_000),
  KLIPY_DB_ACQUIRE_TIMEOUT_MS: ms(3_000),
  KLIPY_DB_STATEMENT_TIMEOUT_MS: ms(5_000),
  KLIPY_DB_QUERY_TIMEOUT_MS: ms(6_000),
  KLIPY_DB_IDLE_TIMEOUT_MS: ms(10_000),
  KLIPY_DB_POOL_SIZE: z.coerce.number({ error: 'must be a number' }).int().min(1).max(1000).default(10),
  KLIPY_REDIS_CONNECT_TIMEOUT_MS: ms(1_000),
  KLIPY_REDIS_COMMAND_TIMEOUT_MS: ms(500),
  // HTTP server: slow clients and shutdown.
  KLIPY_HEADERS_TIMEOUT_MS: ms(10_000),
  KLIPY_REQUEST_TIMEOUT_MS: ms(30_000),
  KLIPY_KEEP_ALIVE_TIMEOUT_MS: ms(5_000),
  KLIPY_SHUTDOWN_TIMEOUT_MS: ms(10_000),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  /** `pretty`: readable lines, request lines only at debug (a terminal; the default there). `json`: JSON lines. */
  LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'must be json or pretty' }).default('json'),
  NODE_ENV: z.string().default('production'),
});

export type Config = z.infer<typeof configSchema>;

/** Raised when the environment is invalid; the message lists every bad variable and how to fix it. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** `scheme://user:secret@host` → `scheme://user:***@host`: error messages reach logs. */
const hidePassword = (value: string) => value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*):[^@/]*@/i, '$1:***@');

/**
 * Parses the environment once. Empty strings count as unset so that `FOO=` in a
 * `.env` file falls back to the default instead of failing.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = configSchema.safeParse(cleaned);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? '?');
    // Secrets are never echoed back, not even when wrong.
    const shown = /TOKEN|KEYS/.test(name) ? '***' : hidePassword(env[name] ?? '');
    return `  ${name}=${JSON.stringify(shown)}: ${issue.message}`;
  });
  throw new ConfigError(
    `Invalid configuration:\n${lines.join('\n')}\nFix these environment variables (or .env) and start again.`,
  );
}
