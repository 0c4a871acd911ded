import { csvItem, customFieldName } from '../../../../../src/modules/import/csv-item';

/** What the console can import. */
export type ImportResource = 'people' | 'companies' | 'interactions';

export interface ImportField {
  /** The API field name (the batch item's key). */
  name: string;
  label: string;
  /** Header spellings, normalised (lower-case letters and digits only), besides the name itself. */
  synonyms: string[];
}

/** The writable fields of each record type (the batch item schemas), in form order. */
export const IMPORT_FIELDS: Record<ImportResource, ImportField[]> = {
  people: [
    { name: 'firstName', label: 'First name', synonyms: ['first', 'givenname', 'forename', 'prenom'] },
    { name: 'lastName', label: 'Last name', synonyms: ['last', 'surname', 'familyname', 'nom'] },
    {
      name: 'email',
      label: 'Email',
      synonyms: ['emailaddress', 'mail', 'emails', 'workemail', 'businessemail', 'primaryemail'],
    },
    {
      name: 'phone',
      label: 'Phone',
      synonyms: ['phonenumber', 'telephone', 'tel', 'mobile', 'mobilephone', 'cell', 'workphone'],
    },
    { name: 'title', label: 'Title', synonyms: ['jobtitle', 'position', 'role', 'jobrole'] },
    {
      name: 'linkedinUrl',
      label: 'LinkedIn URL',
      synonyms: ['linkedin', 'linkedinprofile', 'linkedinprofileurl', 'linkedinurl'],
    },
    { name: 'companyId', label: 'Company id (com_…)', synonyms: [] },
    { name: 'leadStatus', label: 'Lead status', synonyms: ['status', 'stage', 'leadstage'] },
    { name: 'leadSource', label: 'Lead source', synonyms: ['source', 'origin', 'channel'] },
    { name: 'tags', label: 'Tags (split on ; or ,)', synonyms: ['tag', 'labels', 'label', 'segments'] },
    { name: 'remarks', label: 'Remarks', synonyms: ['notes', 'note', 'comments', 'comment', 'description'] },
  ],
  companies: [
    {
      name: 'name',
      label: 'Name',
      synonyms: ['companyname', 'company', 'organization', 'organisation', 'account', 'accountname'],
    },
    { name: 'domain', label: 'Domain', synonyms: ['companydomain', 'emaildomain'] },
    {
      name: 'website',
      label: 'Website',
      synonyms: ['companywebsite', 'url', 'web', 'site', 'homepage', 'websiteurl', 'companyurl'],
    },
    { name: 'industry', label: 'Industry', synonyms: ['sector', 'vertical'] },
    {
      name: 'employeeCount',
      label: 'Employee count',
      synonyms: ['employees', 'numberofemployees', 'headcount', 'staff', 'companysize', 'size'],
    },
    {
      name: 'estimatedRevenue',
      label: 'Estimated revenue',
      synonyms: ['revenue', 'annualrevenue', 'arr', 'turnover'],
    },
    { name: 'city', label: 'City', synonyms: ['town', 'locality'] },
    { name: 'state', label: 'State or region', synonyms: ['region', 'province', 'county'] },
    { name: 'country', label: 'Country', synonyms: ['countryname', 'nation'] },
    {
      name: 'linkedinUrl',
      label: 'LinkedIn URL',
      synonyms: ['linkedin', 'linkedinpage', 'companylinkedin', 'linkedincompanyurl'],
    },
    { name: 'description', label: 'Description', synonyms: ['about', 'summary', 'notes', 'overview'] },
    { name: 'tags', label: 'Tags (split on ; or ,)', synonyms: ['tag', 'labels', 'label', 'segments'] },
  ],
  interactions: [
    {
      name: 'type',
      label: 'Type (EMAIL, MEETING…)',
      synonyms: ['kind', 'interactiontype', 'activitytype', 'activity', 'channel'],
    },
    { name: 'direction', label: 'Direction', synonyms: ['inboundoutbound'] },
    { name: 'title', label: 'Title', synonyms: ['subject', 'name', 'topic'] },
    {
      name: 'summary',
      label: 'Summary',
      synonyms: ['body', 'notes', 'note', 'description', 'content', 'details', 'text'],
    },
    {
      name: 'mainContactEmail',
      label: "Main contact's email",
      synonyms: ['email', 'emailaddress', 'contactemail', 'personemail', 'with', 'contact'],
    },
    { name: 'mainContact', label: 'Main contact id (per_…)', synonyms: ['contactid', 'personid'] },
    {
      name: 'interactionDate',
      label: 'Date',
      synonyms: ['date', 'datetime', 'when', 'occurredat', 'timestamp', 'time', 'happenedat'],
    },
    { name: 'primaryId', label: 'External id', synonyms: ['externalid', 'sourceid', 'messageid'] },
    { name: 'secondaryId', label: 'Second external id', synonyms: ['threadid', 'conversationid'] },
  ],
};

/** A column's target: an API field name, `custom.<name>` (a custom field), or null (ignored). */
export type ColumnTarget = string | null;

/** `E-mail Address` → `emailaddress`: case, spacing and punctuation do not count. */
export const normalizeHeader = (header: string) => header.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The field a CSV header most likely means for `resource`: the field's own name in any
 * spelling (`first_name`, `First Name`, `FIRSTNAME`), a common synonym (`E-mail`,
 * `Surname`, `Company Website`), or `custom.<name>` for a `custom.<name>` /
 * `customFields.<name>` header; null when nothing fits.
 */
export function guessField(header: string, resource: ImportResource): ColumnTarget {
  const custom = customFieldName(header);
  if (custom) return `custom.${custom}`;
  const key = normalizeHeader(header);
  if (!key) return null;
  const fields = IMPORT_FIELDS[resource];
  return (
    fields.find((f) => normalizeHeader(f.name) === key)?.name ??
    fields.find((f) => f.synonyms.includes(key))?.name ??
    null
  );
}

/**
 * One guess per column; a field already taken by an earlier column is not guessed again
 * (the later column is ignored until someone maps it).
 */
export function guessMapping(headers: string[], resource: ImportResource): ColumnTarget[] {
  const taken = new Set<string>();
  return headers.map((h) => {
    const guess = guessField(h, resource);
    if (!guess || taken.has(guess)) return null;
    taken.add(guess);
    return guess;
  });
}

/** Targets chosen by more than one column (the import refuses to start until resolved). */
export function duplicateTargets(mapping: ColumnTarget[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const t of mapping) {
    if (!t) continue;
    if (seen.has(t)) twice.add(t);
    seen.add(t);
  }
  return [...twice];
}

/**
 * A CSV row's cells as the batch item, through the CLI's own cell rules (`csvItem`):
 * empty cells are left out, tags are split, counts become numbers, `custom.<name>`
 * targets become custom fields.
 */
export function mappedItem(cells: string[], mapping: ColumnTarget[]): Record<string, unknown> {
  const row: Record<string, string> = {};
  mapping.forEach((target, i) => {
    if (target) row[target] = cells[i] ?? '';
  });
  return csvItem(row);
}
