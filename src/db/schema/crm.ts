import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { organizations } from './accounts.js';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const orgRef = () =>
  text('org_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' });

// Ids are `<prefix>_<ULID>`: time-sortable, so keyset pagination orders by (org_id, id)
// and a page 10,000 deep is one index range scan like the first. Each sortable timestamp
// has an (org_id, <timestamp>, id) index for the same reason (read backwards for `desc`).

export const companies = pgTable(
  'companies',
  {
    id: text('id').primaryKey(),
    orgId: orgRef(),
    name: text('name').notNull(),
    /** Lower-cased bare domain (no scheme, no www.). Unique per organization. */
    domain: text('domain'),
    website: text('website'),
    industry: text('industry'),
    employeeCount: integer('employee_count'),
    estimatedRevenue: bigint('estimated_revenue', { mode: 'number' }),
    city: text('city'),
    state: text('state'),
    country: text('country'),
    linkedinUrl: text('linkedin_url'),
    description: text('description'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('companies_org_domain_uq').on(t.orgId, t.domain),
    index('companies_org_id_idx').on(t.orgId, t.id),
    index('companies_org_industry_idx').on(t.orgId, t.industry, t.id),
    index('companies_org_created_idx').on(t.orgId, t.createdAt, t.id),
    index('companies_org_updated_idx').on(t.orgId, t.updatedAt, t.id),
  ],
);

export const people = pgTable(
  'people',
  {
    id: text('id').primaryKey(),
    orgId: orgRef(),
    firstName: text('first_name'),
    lastName: text('last_name'),
    /** Lower-cased. Unique per organization. */
    email: text('email'),
    /** E.164. Unique per organization. */
    phone: text('phone'),
    title: text('title'),
    /** Normalised LinkedIn profile URL. Unique per organization. */
    linkedinUrl: text('linkedin_url'),
    companyId: text('company_id').references(() => companies.id, { onDelete: 'set null' }),
    leadStatus: text('lead_status'),
    leadSource: text('lead_source'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    remarks: text('remarks'),
    customFields: jsonb('custom_fields').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('people_org_email_uq').on(t.orgId, t.email),
    uniqueIndex('people_org_phone_uq').on(t.orgId, t.phone),
    uniqueIndex('people_org_linkedin_uq').on(t.orgId, t.linkedinUrl),
    index('people_org_id_idx').on(t.orgId, t.id),
    index('people_org_company_idx').on(t.orgId, t.companyId, t.id),
    index('people_org_status_idx').on(t.orgId, t.leadStatus, t.id),
    index('people_org_created_idx').on(t.orgId, t.createdAt, t.id),
    index('people_org_updated_idx').on(t.orgId, t.updatedAt, t.id),
    index('people_tags_gin').using('gin', t.tags),
  ],
);

export const interactions = pgTable(
  'interactions',
  {
    id: text('id').primaryKey(),
    orgId: orgRef(),
    type: text('type').notNull(),
    direction: text('direction'),
    title: text('title'),
    summary: text('summary'),
    mainContactId: text('main_contact_id').references(() => people.id, { onDelete: 'set null' }),
    contactIds: text('contact_ids').array().notNull().default(sql`'{}'::text[]`),
    companyIds: text('company_ids').array().notNull().default(sql`'{}'::text[]`),
    primaryId: text('primary_id'),
    secondaryId: text('secondary_id'),
    interactionDate: ts('interaction_date').notNull(),
    /** Actor label: a key's display prefix or a user's email. */
    createdBy: text('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('interactions_org_primary_uq').on(t.orgId, t.primaryId),
    index('interactions_org_id_idx').on(t.orgId, t.id),
    index('interactions_org_contact_idx').on(t.orgId, t.mainContactId, t.id),
    index('interactions_org_secondary_idx').on(t.orgId, t.secondaryId),
    index('interactions_org_date_idx').on(t.orgId, t.interactionDate, t.id),
    index('interactions_org_created_idx').on(t.orgId, t.createdAt, t.id),
    index('interactions_org_updated_idx').on(t.orgId, t.updatedAt, t.id),
    index('interactions_company_ids_gin').using('gin', t.companyIds),
    index('interactions_contact_ids_gin').using('gin', t.contactIds),
    index('interactions_org_type_idx').on(t.orgId, t.type, t.id),
  ],
);

/** Stored first responses for `Idempotency-Key` replays (24 h). */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    orgId: orgRef(),
    key: text('key').notNull(),
    /** SHA-256 of method + path + body: the same key with another body is a 409. */
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    body: jsonb('body').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('idempotency_org_key_uq').on(t.orgId, t.key),
    index('idempotency_created_idx').on(t.createdAt),
  ],
);

/**
 * Per-installation secrets, created on first use (insert … on conflict do nothing, so
 * every node of an installation reads the same value). `cursor` signs pagination cursors.
 */
export const installationSecrets = pgTable('installation_secrets', {
  name: text('name').primaryKey(),
  /** Random base64url bytes; never leaves the server. */
  value: text('value').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});
