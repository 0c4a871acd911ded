import type { Tx } from '../../db/client.js';
import type { companies, interactions, people } from '../../db/schema/index.js';
import { type EventRow, emitEvent, emitEvents, eventRow } from './emit-event.js';
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

/** The `lead.captured` row (for a batch that writes its events in one statement). */
export const leadCapturedEvent = (row: PersonRow) => eventRow(row.orgId, 'lead.captured', snakeSnapshot(row));

/** `person.updated`, plus `contact.job_changed` when the title or company changed. */
export const emitPersonUpdated = (tx: Tx, before: PersonRow, after: PersonRow) =>
  emitEvents(tx, personUpdatedEvents(before, after));

/** The rows `emitPersonUpdated` writes (none when nothing changed). */
export function personUpdatedEvents(before: PersonRow, after: PersonRow): EventRow[] {
  const previous = previousAttributes(before, after);
  if (!Object.keys(previous).length) return [];
  const rows = [
    eventRow(after.orgId, 'person.updated', { ...snakeSnapshot(after), previous_attributes: previous }),
  ];
  if ('title' in previous || 'company_id' in previous) {
    rows.push(
      eventRow(after.orgId, 'contact.job_changed', {
        ...snakeSnapshot(after),
        previous_attributes: { title: before.title, company_id: before.companyId },
      }),
    );
  }
  return rows;
}

export const emitPersonDeleted = (tx: Tx, orgId: string, row: { id: string; email: string | null }) =>
  emitEvent(tx, orgId, 'person.deleted', { id: row.id, email: row.email, deleted: true });

export const emitCompanyCreated = (tx: Tx, row: CompanyRow) =>
  emitEvent(tx, row.orgId, 'company.created', snakeSnapshot(row));

/** The `company.created` row (for a batch). */
export const companyCreatedEvent = (row: CompanyRow) =>
  eventRow(row.orgId, 'company.created', snakeSnapshot(row));

export const emitCompanyUpdated = (tx: Tx, before: CompanyRow, after: CompanyRow) =>
  emitEvents(tx, companyUpdatedEvents(before, after));

/** The rows `emitCompanyUpdated` writes (none when nothing changed). */
export function companyUpdatedEvents(before: CompanyRow, after: CompanyRow): EventRow[] {
  const previous = previousAttributes(before, after);
  if (!Object.keys(previous).length) return [];
  return [
    eventRow(after.orgId, 'company.updated', { ...snakeSnapshot(after), previous_attributes: previous }),
  ];
}

export const emitCompanyDeleted = (tx: Tx, orgId: string, row: { id: string; name: string }) =>
  emitEvent(tx, orgId, 'company.deleted', { id: row.id, name: row.name, deleted: true });

export const emitInteractionCaptured = (tx: Tx, row: InteractionRow) =>
  emitEvent(tx, row.orgId, 'interaction.captured', snakeSnapshot(row));

/** `interaction.updated` with `previous_attributes` (nothing when nothing changed). */
export async function emitInteractionUpdated(tx: Tx, before: InteractionRow, after: InteractionRow) {
  const previous = previousAttributes(before, after);
  if (!Object.keys(previous).length) return;
  await emitEvent(tx, after.orgId, 'interaction.updated', {
    ...snakeSnapshot(after),
    previous_attributes: previous,
  });
}

export const emitInteractionDeleted = (tx: Tx, orgId: string, row: { id: string; title: string | null }) =>
  emitEvent(tx, orgId, 'interaction.deleted', { id: row.id, title: row.title, deleted: true });
