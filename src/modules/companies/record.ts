import { and, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { companies } from '../../db/schema/index.js';
import { normalizeDomain } from '../crm-common/normalize.js';
import { AppError, validationError } from '../errors.js';
import type { Company, CompanyPatch } from './schemas.js';

export type CompanyRow = typeof companies.$inferSelect;
export type CompanyValues = Partial<Omit<CompanyRow, 'id' | 'orgId' | 'createdAt' | 'updatedAt'>>;

/** A stored row as the API shows it. */
export const toCompany = (row: CompanyRow): Company => ({
  id: row.id,
  name: row.name,
  domain: row.domain,
  website: row.website,
  industry: row.industry,
  employeeCount: row.employeeCount,
  estimatedRevenue: row.estimatedRevenue,
  city: row.city,
  state: row.state,
  country: row.country,
  linkedinUrl: row.linkedinUrl,
  description: row.description,
  tags: row.tags,
  customFields: row.customFields,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/**
 * Column values from validated input. The domain is normalised (and taken from the
 * website when absent on create); a domain that is not a host name is a 422.
 */
export function toCompanyValues(input: CompanyPatch, opts: { deriveDomain: boolean }): CompanyValues {
  const values: CompanyValues = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (value === null) {
      if (key === 'tags') values.tags = [];
      else if (key === 'customFields') values.customFields = {};
      else (values as Record<string, unknown>)[key] = null;
    } else (values as Record<string, unknown>)[key] = value;
  }
  if (typeof input.domain === 'string' && input.domain !== '') {
    const domain = normalizeDomain(input.domain);
    if (!domain)
      throw validationError('Invalid request: domain', [
        { path: 'domain', message: 'Not a domain name (expected e.g. acme.com).' },
      ]);
    values.domain = domain;
  } else if (input.domain === '') values.domain = null;
  if (opts.deriveDomain && !values.domain && input.website) values.domain = normalizeDomain(input.website);
  return values;
}

/** The company with `domain` in the organization, if any. */
export async function companyByDomain(tx: Tx, orgId: string, domain: string) {
  const [row] = await tx
    .select()
    .from(companies)
    .where(and(eq(companies.orgId, orgId), eq(companies.domain, domain)));
  return row ?? null;
}

/** The 409 for a company whose domain is taken, naming the existing one. */
export const duplicateCompany = (existingId: string, domain: string) =>
  new AppError('conflict', `A company with domain ${domain} already exists (${existingId}).`, {
    existingId,
    field: 'domain',
  });

/** Throws 404 unless `companyId` is a company of the organization. */
export async function assertCompanyInOrg(tx: Tx, orgId: string, companyId: string, field = 'companyId') {
  const [row] = await tx
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.orgId, orgId), eq(companies.id, companyId)));
  if (!row) throw new AppError('not_found', `Company ${companyId} not found.`, { field });
}

/** A company row with every column at its default, as an insert would return it. */
export const blankCompany = (): Omit<CompanyRow, 'id' | 'orgId' | 'name' | 'createdAt' | 'updatedAt'> => ({
  domain: null,
  website: null,
  industry: null,
  employeeCount: null,
  estimatedRevenue: null,
  city: null,
  state: null,
  country: null,
  linkedinUrl: null,
  description: null,
  tags: [],
  customFields: {},
});
