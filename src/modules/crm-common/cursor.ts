import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Deps } from '../../deps.js';
import { sha256Hex } from '../../infra/hash.js';
import { AppError } from '../errors.js';
import { installationSecret } from './installation-secret.js';

/**
 * What a cursor is bound to: the organization, the resource and the exact filter.
 * A cursor replayed in another organization, on another resource or with another
 * filter fails its HMAC and is a 400, so it can neither leak nor mislead.
 */
export interface CursorScope {
  orgId: string;
  resource: string;
  filter: unknown;
}

const badCursor = () =>
  new AppError('bad_request', 'The cursor is invalid, was tampered with, or belongs to another query.', {
    field: 'cursor',
  });

/** Stable JSON (sorted keys) so the same filter always hashes alike. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const mac = (secret: string, scope: CursorScope, lastId: string) =>
  createHmac('sha256', secret)
    .update(`v1|${scope.orgId}|${scope.resource}|${sha256Hex(stableJson(scope.filter))}|${lastId}`)
    .digest();

/** An opaque cursor meaning "after `lastId`", signed for `scope`. */
export async function encodeCursor(deps: Deps, scope: CursorScope, lastId: string): Promise<string> {
  const secret = await installationSecret(deps.database, 'cursor');
  const tag = mac(secret, scope, lastId).subarray(0, 16);
  return `${Buffer.from(lastId).toString('base64url')}.${tag.toString('base64url')}`;
}

/** The id a cursor points after; throws `bad_request` for anything not signed for `scope`. */
export async function decodeCursor(deps: Deps, scope: CursorScope, cursor: string): Promise<string> {
  const [idPart, tagPart, extra] = cursor.split('.');
  if (!idPart || !tagPart || extra !== undefined || cursor.length > 200) throw badCursor();
  const lastId = Buffer.from(idPart, 'base64url').toString('utf8');
  const given = Buffer.from(tagPart, 'base64url');
  const secret = await installationSecret(deps.database, 'cursor');
  const expected = mac(secret, scope, lastId).subarray(0, 16);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw badCursor();
  return lastId;
}
