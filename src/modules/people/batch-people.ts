import { and, or, sql } from 'drizzle-orm';
import { anyOf } from '../../db/any-of.js';
import type { Tx } from '../../db/client.js';
import { inOrg } from '../../db/in-org.js';
import { insertRowsSql, upsertRowsByIdSql } from '../../db/json-insert.js';
import { companies, people } from '../../db/schema/index.js';
import { writeTogether } from '../../db/write-together.js';
import type { Deps } from '../../deps.js';
import { chainedAuditWrites } from '../audit/record-audit.js';
import {
  applyItems,
  type BatchItemResult,
  type ParsedItem,
  parseItems,
  runBatch,
  summarize,
} from '../crm-common/batch.js';
import type { CrmContext } from '../crm-common/context.js';
import { PlanOutdated, withExactFallback } from '../crm-common/set-batch.js';
import { insertEventsSql } from '../events/insert-events.js';
import { linkableDomain, PeopleBatchPlan } from './plan-people-batch.js';
import { toPerson, toPersonValues } from './record.js';
import { type Person, type PersonInput, personInput } from './schemas.js';
import { upsertPerson } from './upsert-person.js';

/**
 * Upserts up to 100 people with per-item results, in one transaction and a handful of
 * statements whatever the batch size: read every person and company the items can
 * touch (one query each, people locked), apply the items in memory with the rules of
 * `upsertPerson` (`PeopleBatchPlan`), then write new companies, people, audit rows and
 * events in one statement (`writeTogether`). Should the database refuse that plan (see
 * `withExactFallback`), the items are applied one by one, each in its own savepoint.
 */
export async function batchUpsertPeople(deps: Deps, ctx: CrmContext, items: unknown[]) {
  const results: BatchItemResult<Person>[] = await withExactFallback(
    deps,
    'people',
    (tx) => setBased(deps, ctx, items, tx),
    (tx) =>
      runBatch(items, personInput, async (item) => {
        const { person, created } = await upsertPerson(deps, ctx, item, tx);
        return { record: person, created };
      }),
  );
  return { results, summary: summarize(results) };
}

async function setBased(deps: Deps, ctx: CrmContext, items: unknown[], tx: Tx) {
  const parsed = parseItems(items, personInput);
  const plan = new PeopleBatchPlan(ctx, deps.clock.now(), await readTouched(tx, ctx.orgId, parsed));
  const results = await applyItems(parsed, async (item) => {
    const { row, created } = plan.upsert(toPersonValues(item));
    return { record: toPerson(row), created };
  });
  // One statement for every write; a company insert that conflicts on its domain means
  // another request created it since we read: the exact path links that one instead.
  const newCompanies = plan.newCompanies.length
    ? sql`${insertRowsSql(tx, companies, plan.newCompanies)} on conflict ("org_id", "domain") do nothing`
    : null;
  const [companiesAdded] = await writeTogether(tx, [
    newCompanies,
    upsertRowsByIdSql(tx, people, plan.peopleToWrite),
    ...(await chainedAuditWrites(tx, plan.audits)),
    insertEventsSql(tx, plan.events),
  ]);
  if (companiesAdded !== plan.newCompanies.length) throw new PlanOutdated('company created meanwhile');
  return results;
}

/** Every person and company the batch can touch, read once; the people locked for update. */
async function readTouched(tx: Tx, orgId: string, items: ParsedItem<PersonInput>[]) {
  const keys = { email: new Set<string>(), phone: new Set<string>(), linkedinUrl: new Set<string>() };
  const domains = new Set<string>();
  const companyIds = new Set<string>();
  for (const item of items) {
    if (!item.ok) continue;
    let values: ReturnType<typeof toPersonValues>;
    try {
      values = toPersonValues(item.data);
    } catch {
      continue; // reported in its slot by the plan
    }
    if (values.email) keys.email.add(values.email);
    if (values.phone) keys.phone.add(values.phone);
    if (values.linkedinUrl) keys.linkedinUrl.add(values.linkedinUrl);
    const domain = values.email ? linkableDomain(values.email) : null;
    if (domain) domains.add(domain);
    if (values.companyId) companyIds.add(values.companyId);
  }
  const match = (Object.keys(keys) as (keyof typeof keys)[])
    .filter((field) => keys[field].size)
    .map((field) => anyOf(people[field], [...keys[field]]));
  const touchedPeople = match.length
    ? await tx
        .select()
        .from(people)
        .where(and(inOrg(people.orgId, orgId), or(...match)))
        .for('update')
    : [];
  const companyMatch = [
    domains.size ? anyOf(companies.domain, [...domains]) : undefined,
    companyIds.size ? anyOf(companies.id, [...companyIds]) : undefined,
  ].filter((c) => c !== undefined);
  const touchedCompanies = companyMatch.length
    ? await tx
        .select({ id: companies.id, domain: companies.domain })
        .from(companies)
        .where(and(inOrg(companies.orgId, orgId), or(...companyMatch)))
    : [];
  return { people: touchedPeople, companies: touchedCompanies };
}
