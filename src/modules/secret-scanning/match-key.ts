import { eq } from 'drizzle-orm';
import { apiKeys } from '../../db/schema/index.js';
import type { Deps } from '../../deps.js';
import { digestEquals, hashKey, parseKey } from '../api-keys/token.js';

export type KeyRow = typeof apiKeys.$inferSelect;

/**
 * The key a token is, matched by hash: a malformed token (prefix, length, alphabet,
 * CRC-32 checksum) is `null` without a database read; a well-formed one is looked up by its
 * public id and accepted only when the SHA-256 of the whole token equals the stored digest
 * (constant-time), so naming a key needs the key itself.
 */
export async function matchKey(deps: Deps, token: string): Promise<KeyRow | null> {
  const parsed = parseKey(token);
  if (!parsed.ok) return null;
  const [row] = await deps.database.db.select().from(apiKeys).where(eq(apiKeys.publicId, parsed.publicId));
  return row && digestEquals(hashKey(token), row.digest) ? row : null;
}
