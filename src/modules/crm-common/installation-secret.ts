import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { installationSecrets } from '../../db/schema/index.js';
import { randomToken } from '../../infra/hash.js';

// One promise per open database: the secret is read once per process, not per request.
const cache = new WeakMap<Database, Map<string, Promise<string>>>();

/**
 * A random secret shared by every node of this installation, created on first use.
 * It lives in the database (table `installation_secrets`), so nothing needs configuring
 * and every node signs and verifies alike. `insert … on conflict do nothing` then a read
 * makes two nodes racing on first use agree on one value.
 */
export function installationSecret(database: Database, name: string): Promise<string> {
  let byName = cache.get(database);
  if (!byName) {
    byName = new Map();
    cache.set(database, byName);
  }
  let pending = byName.get(name);
  if (!pending) {
    pending = load(database, name);
    // A failed read (database down) must not be cached forever.
    pending.catch(() => byName?.delete(name));
    byName.set(name, pending);
  }
  return pending;
}

async function load(database: Database, name: string): Promise<string> {
  const { db } = database;
  await db
    .insert(installationSecrets)
    .values({ name, value: randomToken(32) })
    .onConflictDoNothing();
  const [row] = await db.select().from(installationSecrets).where(eq(installationSecrets.name, name));
  if (!row) throw new Error(`installation secret ${name} missing after insert`);
  return row.value;
}
