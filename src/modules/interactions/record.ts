import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { companies, type interactions, people } from '../../db/schema/index.js';
import type { Interaction } from './schemas.js';

export type InteractionRow = typeof interactions.$inferSelect;

/**
 * Rows as the API shows them, with the people and companies they involve loaded in two
 * queries for the whole page (never one per row).
 */
export async function toInteractions(
  db: DbOrTx,
  orgId: string,
  rows: InteractionRow[],
): Promise<Interaction[]> {
  const personIds = [...new Set(rows.flatMap((r) => r.contactIds))];
  const companyIds = [...new Set(rows.flatMap((r) => r.companyIds))];
  const [persons, comps] = await Promise.all([
    personIds.length
      ? db
          .select({
            id: people.id,
            firstName: people.firstName,
            lastName: people.lastName,
            email: people.email,
          })
          .from(people)
          .where(and(eq(people.orgId, orgId), inArray(people.id, personIds)))
      : [],
    companyIds.length
      ? db
          .select({ id: companies.id, name: companies.name, domain: companies.domain })
          .from(companies)
          .where(and(eq(companies.orgId, orgId), inArray(companies.id, companyIds)))
      : [],
  ]);
  const personById = new Map(persons.map((p) => [p.id, p]));
  const companyById = new Map(comps.map((c) => [c.id, c]));
  return rows.map((row) => ({
    id: row.id,
    type: row.type as Interaction['type'],
    direction: row.direction as Interaction['direction'],
    title: row.title,
    summary: row.summary,
    mainContact: row.mainContactId,
    contacts: row.contactIds.flatMap((id) => personById.get(id) ?? []),
    companies: row.companyIds.flatMap((id) => companyById.get(id) ?? []),
    primaryId: row.primaryId,
    secondaryId: row.secondaryId,
    interactionDate: row.interactionDate.toISOString(),
    createdBy: row.createdBy,
    creationTime: row.createdAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  }));
}
