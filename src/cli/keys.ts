import { type Command, Option } from 'commander';
import { eq, or } from 'drizzle-orm';
import { apiKeys } from '../db/schema/index.js';
import type { Deps } from '../deps.js';
import type { ApiKeyView } from '../modules/api-keys/api-key-view.js';
import { createApiKey } from '../modules/api-keys/create-api-key.js';
import { listApiKeys } from '../modules/api-keys/list-api-keys.js';
import { reactivateApiKey } from '../modules/api-keys/reactivate-api-key.js';
import { revokeApiKey } from '../modules/api-keys/revoke-api-key.js';
import { KEY_STATUSES, type KeyStatus } from '../modules/api-keys/schemas.js';
import { isScope, SCOPES } from '../modules/api-keys/scopes.js';
import { operatorActor } from '../modules/audit/actor.js';
import { AppError, notFound } from '../modules/errors.js';
import { listOrgs } from '../modules/orgs/list-orgs.js';
import { registerKeysScan } from './keys-scan.js';
import { printObject, printRows } from './output.js';
import type { ConfigLoader } from './program.js';
import { resolveOrg } from './resolve-org.js';
import { withDeps } from './with-deps.js';

const keyRow = (k: ApiKeyView, orgId: string) => ({
  id: k.id,
  orgId,
  prefix: k.prefix,
  name: k.name,
  scopes: k.scopes,
  kind: k.kind,
  status: k.status,
  expiresAt: k.expiresAt,
  lastUsedAt: k.lastUsedAt,
  ipAllowlist: k.ipAllowlist,
  rateLimitPerMinute: k.rateLimitPerMinute,
  createdBy: k.createdBy?.email ?? 'operator (cli)',
});

/** A key by id (`key_…`) or display prefix (`klipy_api_…`). */
async function findKey(deps: Deps, ref: string) {
  const [row] = await deps.database.db
    .select({ id: apiKeys.id, orgId: apiKeys.orgId })
    .from(apiKeys)
    .where(or(eq(apiKeys.id, ref), eq(apiKeys.prefix, ref)));
  if (!row) throw notFound(`API key ${ref}`);
  return row;
}

function parseExpiry(opts: { expiresAt?: string; expiresInDays?: string }): Date | null {
  if (opts.expiresAt && opts.expiresInDays)
    throw new AppError('bad_request', 'Give --expires-at or --expires-in-days, not both.');
  if (opts.expiresInDays) {
    const days = Number(opts.expiresInDays);
    if (!Number.isInteger(days) || days < 1)
      throw new AppError('bad_request', '--expires-in-days must be a whole number ≥ 1.');
    return new Date(Date.now() + days * 86_400_000);
  }
  if (opts.expiresAt) {
    const date = new Date(opts.expiresAt);
    if (Number.isNaN(date.getTime()))
      throw new AppError('bad_request', '--expires-at must be an ISO 8601 date, e.g. 2027-01-31.');
    return date;
  }
  return null;
}

/** `klipy keys list|create|revoke|reactivate|scan` (platform operator, audited as `cli`). */
export function registerKeys(program: Command, loadConfig: ConfigLoader) {
  const keys = program.command('keys').description('Manage API keys (platform operator)');

  keys
    .command('list')
    .description('List API keys (never their secrets)')
    .option('--org <orgId>', 'only this organization')
    .addOption(new Option('--status <status>', 'only keys with this status').choices(KEY_STATUSES))
    .option('--json', 'print JSON')
    .action((opts: { org?: string; status?: KeyStatus; json?: boolean }) =>
      withDeps(loadConfig, async (deps) => {
        const orgIds = opts.org ? [opts.org] : (await listOrgs(deps)).map((o) => o.id);
        const rows = [];
        for (const orgId of orgIds) {
          for (const k of await listApiKeys(deps, orgId, opts.status)) rows.push(keyRow(k, orgId));
        }
        printRows(rows, Boolean(opts.json));
      }),
    );

  keys
    .command('create')
    .description('Create a key; the plaintext is printed once')
    .option('--org <orgId>', 'organization (may be left out when there is only one)')
    .requiredOption('--name <name>', 'name (1–100 characters)')
    .requiredOption('--scopes <list>', `comma-separated scopes: ${SCOPES.join(', ')}`)
    .option('--expires-at <iso>', 'expiry date (ISO 8601)')
    .option('--expires-in-days <n>', 'expiry in days')
    .option('--ip-allow <list>', 'comma-separated CIDR ranges or addresses the key may be used from')
    .option('--rate-limit <n>', "requests per minute (at most the plan's per-key limit)")
    .option('--json', 'print JSON')
    .action(
      (opts: {
        org?: string;
        name: string;
        scopes: string;
        expiresAt?: string;
        expiresInDays?: string;
        ipAllow?: string;
        rateLimit?: string;
        json?: boolean;
      }) =>
        withDeps(loadConfig, async (deps) => {
          const scopes = [
            ...new Set(
              opts.scopes
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean),
            ),
          ];
          const unknown = scopes.filter((s) => !isScope(s));
          if (unknown.length > 0 || scopes.length === 0) {
            throw new AppError(
              'validation_error',
              `Unknown or missing scopes (${unknown.join(', ') || 'none given'}); use ${SCOPES.join(', ')}.`,
            );
          }
          const name = opts.name.trim();
          if (name.length < 1 || name.length > 100)
            throw new AppError('validation_error', '--name must be 1–100 characters.');
          const rateLimit = opts.rateLimit === undefined ? undefined : Number(opts.rateLimit);
          if (rateLimit !== undefined && (!Number.isInteger(rateLimit) || rateLimit < 1))
            throw new AppError('validation_error', '--rate-limit must be a whole number ≥ 1.');
          const orgId = await resolveOrg(deps, opts.org);
          const { key, apiKey } = await createApiKey(deps, {
            orgId,
            name,
            scopes,
            expiresAt: parseExpiry(opts),
            ipAllowlist: opts.ipAllow
              ?.split(',')
              .map((s) => s.trim())
              .filter(Boolean),
            rateLimitPerMinute: rateLimit,
            actor: operatorActor,
          });
          if (opts.json) printObject({ key, ...keyRow(apiKey, orgId) }, true);
          else {
            printObject(keyRow(apiKey, orgId), false);
            console.log(`\nkey: ${key}\n\nStore it now: it is not stored and will not be shown again.`);
          }
        }),
    );

  for (const [name, description] of [
    ['revoke', 'Revoke a key at once (by id or display prefix)'],
    ['reactivate', "Undo a revocation (the operator's prerogative; audited)"],
  ] as const) {
    keys
      .command(`${name} <key>`)
      .description(description)
      .option('--json', 'print JSON')
      .action((ref: string, opts: { json?: boolean }) =>
        withDeps(loadConfig, async (deps) => {
          const found = await findKey(deps, ref);
          const view =
            name === 'revoke'
              ? await revokeApiKey(deps, { orgId: found.orgId, id: found.id, actor: operatorActor })
              : await reactivateApiKey(deps, { id: found.id });
          printObject(keyRow(view, found.orgId), Boolean(opts.json));
        }),
      );
  }

  registerKeysScan(keys, loadConfig);
}
