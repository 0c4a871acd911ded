import type { Deps } from '../../deps.js';
import { type AuditEventView, type AuditFilters, queryAuditLog } from './query-audit-log.js';

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Exports stop here; narrow the dates for more. */
export const EXPORT_MAX_ROWS = 50_000;

const COLUMNS = [
  'id',
  'createdAt',
  'action',
  'actorType',
  'actorId',
  'actorLabel',
  'keyCreatorId',
  'targetType',
  'targetId',
  'targetLabel',
  'ip',
  'requestId',
  'metadata',
  'orgId',
  'seq',
  'hash',
  'prevHash',
] as const;

/**
 * One CSV cell: quoted, quotes doubled, and a leading `=`, `+`, `-`, `@`, tab or CR
 * defused with `'` so a spreadsheet never runs a formula someone planted in a key name.
 */
export function csvCell(value: unknown): string {
  let text =
    value instanceof Date ? value.toISOString() : value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

const row = (e: AuditEventView) => [
  e.id,
  e.createdAt,
  e.action,
  e.actor.type,
  e.actor.id,
  e.actor.label,
  e.keyCreatorId,
  e.target?.type,
  e.target?.id,
  e.target?.label,
  e.ip,
  e.requestId,
  JSON.stringify(e.metadata),
  e.orgId,
  e.seq,
  e.hash,
  e.prevHash,
];

/**
 * The filtered audit log as a CSV or JSON file (newest first, at most EXPORT_MAX_ROWS rows).
 * Each event carries `orgId`, `seq`, `hash` and `prevHash`, so a third party can check an
 * export offline with the algorithm in docs/audit-chain.md (the JSON export is the exact
 * form; CSV cells may carry the formula-defusing `'`).
 */
export async function exportAuditLog(
  deps: Deps,
  q: { orgId: string; filters: AuditFilters; keyEventsOnly: boolean; format: ExportFormat },
) {
  const events: AuditEventView[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryAuditLog(deps, { ...q, cursor, limit: 1000 });
    events.push(...page.events);
    cursor = page.pageInfo.next_cursor ?? undefined;
  } while (cursor && events.length < EXPORT_MAX_ROWS);
  const list = events.slice(0, EXPORT_MAX_ROWS);
  const stamp = deps.clock.now().toISOString().slice(0, 10);
  if (q.format === 'json') {
    return {
      contentType: 'application/json',
      filename: `audit-log-${stamp}.json`,
      body: JSON.stringify(list),
    };
  }
  const lines = [COLUMNS.join(','), ...list.map((e) => row(e).map(csvCell).join(','))];
  return {
    contentType: 'text/csv; charset=utf-8',
    filename: `audit-log-${stamp}.csv`,
    body: `${lines.join('\r\n')}\r\n`,
  };
}
