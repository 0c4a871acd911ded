import { and } from 'drizzle-orm';
import { anyOf } from '../../db/any-of.js';
import type { Tx } from '../../db/client.js';
import { inOrg } from '../../db/in-org.js';
import { upsertRowsByIdSql } from '../../db/json-insert.js';
import { companies } from '../../db/schema/index.js';
import { writeTogether } from '../../db/write-together.js';
import type { Deps } from '../../deps.js';
import { newId } from '../../infra/ids.js';
import { auditRow, chainedAuditWrites } from '../audit/record-audit.js';
import { crmAuditInput } from '../crm-common/audit.js';
import {
  applyItems,
  type BatchItemResult,
  type ParsedItem,
  parseItems,
  runBatch,
  summarize,
} from '../crm-common/batch.js';
import type { CrmContext } from '../crm-common/context.js';
import { withExactFallback } from '../crm-common/set-batch.js';
import { validationError } from '../errors.js';
import { companyCreatedEvent, companyUpdatedEvents } from '../events/crm-events.js';
import type { EventRow } from '../events/emit-event.js';
import { insertEventsSql } from '../events/insert-events.js';
import { blankCompany, type CompanyRow, type CompanyValues, toCompany, toCompanyValues } from './record.js';
import { type Company, type CompanyUpsertInput, companyUpsertInput } from './schemas.js';
import { upsertCompany } from './upsert-company.js';

/**
 * Upserts up to 100 companies by domain with per-item results, in one transaction and a
 * few statements: read the companies of every item's domain (locked), apply the items
 * in memory with the rules of `upsertCompany`, then write companies, audit rows and
 * events in one statement (`writeTogether`). Should the database refuse that plan (see
 * `withExactFallback`), the items are applied one by one, each in its own savepoint.
 */
export async function batchUpsertCompanies(deps: Deps, ctx: CrmContext, items: unknown[]) {
  const results: BatchItemResult<Company>[] = await withExactFallback(
    deps,
    'companies',
    (tx) => setBased(deps, ctx, items, tx),
    (tx) =>
      runBatch(items, companyUpsertInput, async (item) => {
        const { company, created } = await upsertCompany(deps, ctx, item, tx);
        return { record: company, created };
      }),
  );
  return { results, summary: summarize(results) };
}

const valuesOf = (item: Parameters<typeof toCompanyValues>[0]) =>
  toCompanyValues(item, { deriveDomain: true });

async function setBased(deps: Deps, ctx: CrmContext, items: unknown[], tx: Tx) {
  const now = deps.clock.now();
  const byDomain = new Map<string, CompanyRow>();
  const parsed = parseItems(items, companyUpsertInput);
  for (const row of await readByDomain(tx, ctx.orgId, parsed)) if (row.domain) byDomain.set(row.domain, row);
  const touched = new Set<string>();
  const audits: ReturnType<typeof auditRow>[] = [];
  const events: EventRow[] = [];
  const audit = (action: string, row: CompanyRow, metadata: Record<string, unknown> = {}) =>
    audits.push(
      auditRow(crmAuditInput(ctx, action, { type: 'company', id: row.id, label: row.name }, metadata)),
    );

  // The rules of upsertCompany / insertCompany / applyCompanyUpdate, on rows in memory.
  const results = await applyItems(parsed, async (item) => {
    const values: CompanyValues = valuesOf(item);
    const domain = values.domain;
    if (!domain)
      throw validationError('Invalid request: domain', [
        { path: 'domain', message: 'A domain (or website) is required.' },
      ]);
    const before = byDomain.get(domain);
    if (before) {
      const changed = Object.keys(values).filter(
        (k) =>
          JSON.stringify(values[k as keyof CompanyValues]) !== JSON.stringify(before[k as keyof CompanyRow]),
      );
      if (!changed.length) return { record: toCompany(before), created: false };
      const row: CompanyRow = { ...before, ...values, updatedAt: now };
      byDomain.set(domain, row);
      touched.add(domain);
      audit('company.updated', row, { fields: changed });
      events.push(...companyUpdatedEvents(before, row));
      return { record: toCompany(row), created: false };
    }
    const row: CompanyRow = {
      ...blankCompany(),
      ...values,
      domain,
      name: values.name ?? domain,
      id: newId('company'),
      orgId: ctx.orgId,
      createdAt: now,
      updatedAt: now,
    };
    byDomain.set(domain, row);
    touched.add(domain);
    audit('company.created', row);
    events.push(companyCreatedEvent(row));
    return { record: toCompany(row), created: true };
  });

  const rows = [...touched].map((domain) => byDomain.get(domain) as CompanyRow);
  await writeTogether(tx, [
    upsertRowsByIdSql(tx, companies, rows),
    ...(await chainedAuditWrites(tx, audits)),
    insertEventsSql(tx, events),
  ]);
  return results;
}

/** The companies of every item's domain, read once and locked for update. */
async function readByDomain(tx: Tx, orgId: string, items: ParsedItem<CompanyUpsertInput>[]) {
  const domains = new Set<string>();
  for (const item of items) {
    if (!item.ok) continue;
    try {
      const domain = valuesOf(item.data).domain;
      if (domain) domains.add(domain);
    } catch {
      // reported in its slot
    }
  }
  if (!domains.size) return [];
  return tx
    .select()
    .from(companies)
    .where(and(inOrg(companies.orgId, orgId), anyOf(companies.domain, [...domains])))
    .for('update');
}
