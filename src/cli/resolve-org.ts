import { eq } from 'drizzle-orm';
import { organizations } from '../db/schema/index.js';
import type { Deps } from '../deps.js';
import { AppError, notFound } from '../modules/errors.js';

/**
 * The organization a command acts on: `--org` when given (it must exist), else the only
 * organization there is. With several, the operator must say which.
 */
export async function resolveOrg(deps: Deps, org: string | undefined): Promise<string> {
  if (org) {
    const [row] = await deps.database.db
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.id, org));
    if (!row) throw notFound(`Organization ${org}`);
    return row.id;
  }
  const all = await deps.database.db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .limit(6);
  if (all.length === 1 && all[0]) return all[0].id;
  if (all.length === 0)
    throw new AppError(
      'bad_request',
      'There is no organization yet: sign up in the console or run `klipy orgs create`.',
    );
  throw new AppError(
    'bad_request',
    `There are several organizations; pass --org <orgId> (${all
      .slice(0, 5)
      .map((o) => `${o.id} ${o.name}`)
      .join(', ')}${all.length > 5 ? ', …' : ''}; see \`klipy orgs list\`).`,
  );
}
