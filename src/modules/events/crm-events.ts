import type { Tx } from '../../db/client.js';
import type { companies, interactions, people } from '../../db/schema/index.js';
import { emitEvent } from './emit-event.js';
import { previousAttributes, snakeSnapshot } from './snapshots.js';

type PersonRow = typeof people.$inferSelect;
type CompanyRow = typeof companies.$inferSelect;
type InteractionRow = typeof interactions.$inferSelect;

/**
 * One call per CRM write, beside its audit row, in the same transaction. Each stays a
 * single line at the call site so the services' own logic reads as before.
 */
export const emitLeadCaptured = (tx: Tx, row: PersonRow) =>
  emitEvent(tx, row.orgId, 'lead.captured', snakeSnapshot(row));

/** `person.updated`, plus `contact.job_changed` when the title or company changed. */
export async function emitPersonUpdated(tx: Tx, before: PersonRow, after: PersonRow) {
  const previous = previousAttributes(before, after);
  if (!Object.keys(previous).length) return;
  await emitEvent(tx, after.orgId, 'person.updated', {
    ...snakeSnapshot(after),
    previous_attributes: previous,
  });
  if ('title' in previous || 'company_id' in previous) {
    await emitEvent(tx, after.orgId, 'contact.job_changed', {
      ...snakeSnapshot(after),
      previous_attributes: { title: before.title, company_id: before.companyId },
    });
  }
}

export const emitPersonDeleted = (tx: Tx, orgId: string, row: { id: string; email: string | null }) =>
  emitEvent(tx, orgId, 'person.deleted', { id: row.id, email: row.email, deleted: true });

export const emitCompanyCreated = (tx: Tx, row: CompanyRow) =>
  emitEvent(tx, row.orgId, 'company.created', snakeSnapshot(row));

export async function emitCompanyUpdated(tx: Tx, before: CompanyRow, after: CompanyRow) {
  const previous = previousAttributes(before, after);
  if (!Object.keys(previous).length) return;
  await emitEvent(tx, after.orgId, 'company.updated', {
    ...snakeSnapshot(after),
    previous_attributes: previous,
  });
}

export const emitCompanyDeleted = (tx: Tx, orgId: string, row: { id: string; name: string }) =>
  emitEvent(tx, orgId, 'company.deleted', { id: row.id, name: row.name, deleted: true });

export const emitInteractionCaptured = (tx: Tx, row: InteractionRow) =>
  emitEvent(tx, row.orgId, 'interaction.captured', snakeSnapshot(row));

export const emitInteractionDeleted = (tx: Tx, orgId: string, row: { id: string; title: string | null }) =>
  emitEvent(tx, orgId, 'interaction.deleted', { id: row.id, title: row.title, deleted: true });
