import type { companies, interactions, people } from '../../db/schema/index.js';
import { type EventRow, eventRow } from './emit-event.js';
import { previousAttributes, snakeSnapshot } from './snapshots.js';

type PersonRow = typeof people.$inferSelect;
type CompanyRow = typeof companies.$inferSelect;
type InteractionRow = typeof interactions.$inferSelect;

/**
 * The outbox rows of each CRM write. They go beside the write's audit row, in the same
 * statement (`auditCrm(…, { events })`, or a batch's `writeTogether`), so a committed
 * change always has its events and a rolled-back one never does.
 */

/** `lead.captured`: a person was created. */
export const leadCapturedEvent = (row: PersonRow) => eventRow(row.orgId, 'lead.captured', snakeSnapshot(row));

/** `person.updated`, plus `contact.job_changed` when the title or company changed (none when nothing changed). */
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

export const personDeletedEvent = (orgId: string, row: { id: string; email: string | null }) =>
  eventRow(orgId, 'person.deleted', { id: row.id, email: row.email, deleted: true });

export const companyCreatedEvent = (row: CompanyRow) =>
  eventRow(row.orgId, 'company.created', snakeSnapshot(row));

/** `company.updated` (none when nothing changed). */
export function companyUpdatedEvents(before: CompanyRow, after: CompanyRow): EventRow[] {
  const previous = previousAttributes(before, after);
  if (!Object.keys(previous).length) return [];
  return [
    eventRow(after.orgId, 'company.updated', { ...snakeSnapshot(after), previous_attributes: previous }),
  ];
}

export const companyDeletedEvent = (orgId: string, row: { id: string; name: string }) =>
  eventRow(orgId, 'company.deleted', { id: row.id, name: row.name, deleted: true });

export const interactionCapturedEvent = (row: InteractionRow) =>
  eventRow(row.orgId, 'interaction.captured', snakeSnapshot(row));

/** `interaction.updated` with `previous_attributes` (none when nothing changed). */
export function interactionUpdatedEvents(before: InteractionRow, after: InteractionRow): EventRow[] {
  const previous = previousAttributes(before, after);
  if (!Object.keys(previous).length) return [];
  return [
    eventRow(after.orgId, 'interaction.updated', { ...snakeSnapshot(after), previous_attributes: previous }),
  ];
}

export const interactionDeletedEvent = (orgId: string, row: { id: string; title: string | null }) =>
  eventRow(orgId, 'interaction.deleted', { id: row.id, title: row.title, deleted: true });
