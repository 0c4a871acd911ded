import { and, eq, or, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { people } from '../../db/schema/index.js';
import { normalizeEmail, normalizeLinkedinUrl, toE164 } from '../crm-common/normalize.js';
import { AppError, type FieldError, validationError } from '../errors.js';
import type { Person, PersonPatch } from './schemas.js';

export type PersonRow = typeof people.$inferSelect;
export type PersonValues = Partial<Omit<PersonRow, 'id' | 'orgId' | 'createdAt' | 'updatedAt'>>;

/** A stored row as the API shows it. */
export const toPerson = (row: PersonRow): Person => ({
  id: row.id,
  firstName: row.firstName,
  lastName: row.lastName,
  email: row.email,
  phone: row.phone,
  title: row.title,
  linkedinUrl: row.linkedinUrl,
  companyId: row.companyId,
  leadStatus: row.leadStatus as Person['leadStatus'],
  leadSource: row.leadSource,
  tags: row.tags,
  remarks: row.remarks,
  customFields: row.customFields,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/**
 * Turns validated input into column values: email lower-cased, phone to E.164,
 * LinkedIn URL canonical. Only keys present in the input appear in the result, so a
 * PATCH touches just what it names. A phone or URL that cannot be normalised is a 422.
 */
export function toPersonValues(input: PersonPatch): PersonValues {
  const values: PersonValues = {};
  const fields: FieldError[] = [];
  for (const [key, value] of Object.entries(input) as [keyof PersonPatch, unknown][]) {
    if (value === undefined) continue;
    if (value === null || value === '') {
      if (key === 'tags') values.tags = [];
      else if (key === 'customFields') values.customFields = {};
      else (values as Record<string, unknown>)[key] = null;
      continue;
    }
    if (key === 'email') values.email = normalizeEmail(value as string);
    else if (key === 'phone') {
      const e164 = toE164(value as string);
      if (e164) values.phone = e164;
      else
        fields.push({
          path: 'phone',
          message: 'Not a valid phone number; use international format, e.g. +14155550123.',
        });
    } else if (key === 'linkedinUrl') {
      const url = normalizeLinkedinUrl(value as string);
      if (url) values.linkedinUrl = url;
      else fields.push({ path: 'linkedinUrl', message: 'Not a LinkedIn URL (expected linkedin.com/in/…).' });
    } else (values as Record<string, unknown>)[key] = value;
  }
  if (fields.length)
    throw validationError(`Invalid request: ${fields.map((f) => f.path).join(', ')}`, fields);
  return values;
}

const DEDUPE_FIELDS = ['email', 'phone', 'linkedinUrl'] as const;
export type DedupeField = (typeof DEDUPE_FIELDS)[number];

/**
 * The existing people sharing an email, phone or LinkedIn URL with `values`, in that
 * order of precedence (the upsert match order). `exceptId` skips the person being edited.
 */
export async function findDuplicates(
  tx: Tx,
  orgId: string,
  values: PersonValues,
  exceptId?: string,
): Promise<{ field: DedupeField; id: string }[]> {
  const conds: SQL[] = [];
  for (const field of DEDUPE_FIELDS) {
    const v = values[field];
    if (v) conds.push(eq(people[field], v));
  }
  if (!conds.length) return [];
  const rows = await tx
    .select({ id: people.id, email: people.email, phone: people.phone, linkedinUrl: people.linkedinUrl })
    .from(people)
    .where(and(eq(people.orgId, orgId), or(...conds)));
  const found: { field: DedupeField; id: string }[] = [];
  for (const field of DEDUPE_FIELDS) {
    const row = rows.find((r) => r.id !== exceptId && values[field] && r[field] === values[field]);
    if (row) found.push({ field, id: row.id });
  }
  return found;
}

/** The 409 for a person that already exists, naming it. */
export const duplicatePerson = (dup: { field: DedupeField; id: string }) =>
  new AppError('conflict', `A person with this ${dup.field} already exists (${dup.id}).`, {
    existingId: dup.id,
    field: dup.field,
  });
