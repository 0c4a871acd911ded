import { newId } from '../../infra/ids.js';
import { auditRow } from '../audit/record-audit.js';
import { nameFromDomain } from '../companies/link-by-email.js';
import { blankCompany, type CompanyRow } from '../companies/record.js';
import { crmAuditInput } from '../crm-common/audit.js';
import type { CrmContext } from '../crm-common/context.js';
import { isFreeMailDomain } from '../crm-common/free-mail.js';
import { emailDomain, normalizeDomain } from '../crm-common/normalize.js';
import { AppError } from '../errors.js';
import { companyCreatedEvent, leadCapturedEvent, personUpdatedEvents } from '../events/crm-events.js';
import type { EventRow } from '../events/emit-event.js';
import { type DedupeField, duplicatePerson, type PersonRow, type PersonValues } from './record.js';

const DEDUPE_FIELDS: DedupeField[] = ['email', 'phone', 'linkedinUrl'];

const label = (r: Pick<PersonRow, 'firstName' | 'lastName' | 'email'>) =>
  [r.firstName, r.lastName].filter(Boolean).join(' ') || r.email || null;

/** The domain `companyForEmail` links for an email, or null (free mail, no domain). */
export function linkableDomain(email: string): string | null {
  const raw = emailDomain(email);
  const domain = raw ? normalizeDomain(raw) : null;
  return domain && !isFreeMailDomain(domain) ? domain : null;
}

/** What the plan needs from the database, read once for the whole batch. */
export interface PeopleBatchReads {
  /** Every person sharing an email, phone or LinkedIn URL with an item (locked). */
  people: PersonRow[];
  /** Companies with an item's email domain or named by an item's companyId. */
  companies: Pick<CompanyRow, 'id' | 'domain'>[];
}

/**
 * A people batch applied in memory, item after item, with exactly the rules of
 * `upsertPerson` (match by email, then phone, then LinkedIn; 409 on a collision; link
 * or create the email's company; audit and events), so later items see earlier ones.
 * The result is the rows, audit rows and events to write in a few statements.
 */
export class PeopleBatchPlan {
  private readonly rows = new Map<string, PersonRow>();
  private readonly byField: Record<DedupeField, Map<string, string>> = {
    email: new Map(),
    phone: new Map(),
    linkedinUrl: new Map(),
  };
  private readonly companyByDomain = new Map<string, string>();
  private readonly companyIds = new Set<string>();
  /** People to write (their final state), new companies, and what to record. */
  readonly touched = new Set<string>();
  readonly newCompanies: CompanyRow[] = [];
  readonly audits: ReturnType<typeof auditRow>[] = [];
  readonly events: EventRow[] = [];

  constructor(
    private readonly ctx: CrmContext,
    private readonly now: Date,
    reads: PeopleBatchReads,
  ) {
    for (const row of reads.people) this.index(row);
    for (const c of reads.companies) {
      this.companyIds.add(c.id);
      if (c.domain) this.companyByDomain.set(c.domain, c.id);
    }
  }

  /** The people to write, in their final state. */
  get peopleToWrite(): PersonRow[] {
    return [...this.touched].map((id) => this.rows.get(id) as PersonRow);
  }

  /** One item, as `upsertPerson` would apply it; throws the same `AppError`s. */
  upsert(values: PersonValues): { row: PersonRow; created: boolean } {
    const [match] = this.duplicates(values);
    if (match) return { row: this.update(match.id, values), created: false };
    return { row: this.insert(values), created: true };
  }

  private insert(values: PersonValues): PersonRow {
    let companyId = values.companyId ?? null;
    if (companyId) this.assertCompany(companyId);
    else if (values.email) companyId = this.companyForEmail(values.email);
    const row: PersonRow = {
      ...blankPerson(),
      ...values,
      companyId,
      id: newId('person'),
      orgId: this.ctx.orgId,
      createdAt: this.now,
      updatedAt: this.now,
    };
    this.index(row);
    this.touched.add(row.id);
    this.audit('person.created', { type: 'person', id: row.id, label: label(row) });
    this.events.push(leadCapturedEvent(row));
    return row;
  }

  private update(id: string, values: PersonValues): PersonRow {
    const before = this.rows.get(id) as PersonRow;
    const [dup] = this.duplicates(values, id);
    if (dup) throw duplicatePerson(dup);
    const next = { ...values };
    if (next.companyId) this.assertCompany(next.companyId);
    const companyAfter = next.companyId !== undefined ? next.companyId : before.companyId;
    if (!companyAfter && next.email && next.email !== before.email)
      next.companyId = this.companyForEmail(next.email);
    const changed = Object.keys(next).filter(
      (k) => JSON.stringify(next[k as keyof PersonValues]) !== JSON.stringify(before[k as keyof PersonRow]),
    );
    if (!changed.length) return before;
    const row: PersonRow = { ...before, ...next, updatedAt: this.now };
    this.unindex(before);
    this.index(row);
    this.touched.add(id);
    this.audit('person.updated', { type: 'person', id, label: label(row) }, { fields: changed });
    this.events.push(...personUpdatedEvents(before, row));
    return row;
  }

  /** Like `findDuplicates`: people other than `exceptId` sharing a dedupe field, in match order. */
  private duplicates(values: PersonValues, exceptId?: string) {
    const found: { field: DedupeField; id: string }[] = [];
    for (const field of DEDUPE_FIELDS) {
      const value = values[field];
      const id = value ? this.byField[field].get(value) : undefined;
      if (id && id !== exceptId) found.push({ field, id });
    }
    return found;
  }

  private assertCompany(companyId: string) {
    if (!this.companyIds.has(companyId))
      throw new AppError('not_found', `Company ${companyId} not found.`, { field: 'companyId' });
  }

  /** Like `companyForEmail`: the domain's company, planned for creation when new. */
  private companyForEmail(email: string): string | null {
    const domain = linkableDomain(email);
    if (!domain) return null;
    const existing = this.companyByDomain.get(domain);
    if (existing) return existing;
    const company: CompanyRow = {
      ...blankCompany(),
      id: newId('company'),
      orgId: this.ctx.orgId,
      name: nameFromDomain(domain),
      domain,
      createdAt: this.now,
      updatedAt: this.now,
    };
    this.newCompanies.push(company);
    this.companyByDomain.set(domain, company.id);
    this.companyIds.add(company.id);
    this.audit(
      'company.created',
      { type: 'company', id: company.id, label: company.name },
      { domain, reason: 'linked_from_email' },
    );
    this.events.push(companyCreatedEvent(company));
    return company.id;
  }

  private audit(
    action: string,
    target: { type: string; id: string; label: string | null },
    metadata: Record<string, unknown> = {},
  ) {
    this.audits.push(auditRow(crmAuditInput(this.ctx, action, target, metadata)));
  }

  private index(row: PersonRow) {
    this.rows.set(row.id, row);
    for (const field of DEDUPE_FIELDS) {
      const value = row[field];
      if (value) this.byField[field].set(value, row.id);
    }
  }

  private unindex(row: PersonRow) {
    for (const field of DEDUPE_FIELDS) {
      const value = row[field];
      if (value && this.byField[field].get(value) === row.id) this.byField[field].delete(value);
    }
  }
}

/**
 * A person row with every column at its default, as an insert would return it. Typed as
 * the row minus what every insert sets, so a new column fails to compile until added.
 */
const blankPerson = (): Omit<PersonRow, 'id' | 'orgId' | 'createdAt' | 'updatedAt'> => ({
  firstName: null,
  lastName: null,
  email: null,
  phone: null,
  title: null,
  linkedinUrl: null,
  companyId: null,
  leadStatus: null,
  leadSource: null,
  tags: [],
  remarks: null,
  customFields: {},
});
