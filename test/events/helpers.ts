import { and, asc, eq } from 'drizzle-orm';
import { events } from '../../src/db/schema/index.js';
import type { Deps } from '../../src/deps.js';

/** The outbox rows of one organization, oldest first (scoped: other files share the database). */
export const eventsOf = (deps: Deps, orgId: string, type?: string) =>
  deps.database.db
    .select()
    .from(events)
    .where(and(eq(events.orgId, orgId), type ? eq(events.type, type) : undefined))
    .orderBy(asc(events.id));
