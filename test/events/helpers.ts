import { and, asc, eq } from 'drizzle-orm';
import { events } from '../../src/db/schema/index.js';
import type { Deps } from '../../src/deps.js';
import { ConsoleClient, type TestApp } from '../helpers/app.js';

/** The outbox rows of one organization, oldest first (scoped: other files share the database). */
export const eventsOf = (deps: Deps, orgId: string, type?: string) =>
  deps.database.db
    .select()
    .from(events)
    .where(and(eq(events.orgId, orgId), type ? eq(events.type, type) : undefined))
    .orderBy(asc(events.id));

/** An owner with a fresh organization and one webhook endpoint pointing at `url`. */
export async function ownerWithEndpoint(t: TestApp, url: string, body: Record<string, unknown> = {}) {
  const owner = new ConsoleClient(t.app);
  const { orgId } = await owner.signup();
  const res = await owner.post('/webhooks', { url, ...body });
  if (res.status !== 201) throw new Error(`endpoint not created: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    owner,
    orgId,
    secret: res.body.data.secret as string,
    endpointId: res.body.data.endpoint.id as string,
  };
}
