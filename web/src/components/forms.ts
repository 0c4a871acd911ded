import { ApiError, type FieldError } from '../api/client';

/**
 * The one place that turns the API's error envelope into what a person reads in a form.
 * Every form gets field messages from `apiFieldError` (shown under the input) and the
 * rest from `formLevelError` (shown above the form): the API's own wording (`is required`,
 * `(body): Give at least one of firstName…`, zod's `Too big: expected string…`) never
 * reaches the screen as is.
 */

/** Field names as people say them; anything else is split from camelCase. */
const LABELS: Record<string, string> = {
  firstName: 'first name',
  lastName: 'last name',
  email: 'email',
  phone: 'phone',
  title: 'title',
  linkedinUrl: 'LinkedIn URL',
  leadStatus: 'lead status',
  leadSource: 'lead source',
  companyId: 'company',
  employeeCount: 'employee count',
  mainContact: 'main contact',
  mainContactEmail: "main contact's email",
  interactionDate: 'date',
  organizationName: 'organization name',
  expiresAt: 'expiry',
  eventTypes: 'events',
  url: 'URL',
};

/** `linkedinUrl` → `LinkedIn URL`, `organizationName` → `organization name`. */
export function fieldLabel(path: string): string {
  const last =
    path
      .split('.')
      .filter((s) => !/^\d+$/.test(s))
      .pop() ?? path;
  return LABELS[last] ?? last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const sentence = (s: string) => {
  const t = capitalize(s.trim());
  return /[.!?]$/.test(t) ? t : `${t}.`;
};

/** Replaces API identifiers (`mainContactEmail`) inside a message with their labels. */
function withLabels(message: string): string {
  return message.replace(/\b[a-z]+(?:[A-Z][a-z]*)+\b|\b(?:email|phone|title|url)\b/g, (w) => fieldLabel(w));
}

/** zod's and the API's stock wordings, and the sentence each becomes for a field named `l`. */
const RULES: [RegExp, (l: string, r: string[], m: string) => string][] = [
  [/^(is required|required)$|expected \w+, received undefined/i, (l) => `${l} is required.`],
  [
    /^Too big: expected (?:string|array) to have <=\s*(\d+) (characters|items)/,
    (l, r) => `${l} can be at most ${r[1]} ${r[2]}.`,
  ],
  [
    /^Too small: expected (?:string|array) to have >=\s*(\d+) (characters|items)/,
    (l, r) => (r[1] === '1' ? `${l} is required.` : `${l} needs at least ${r[1]} ${r[2]}.`),
  ],
  [
    /^Too (big|small): expected number to be ([<>]=?)\s*(-?[\d.]+)/,
    (l, r) => `${l} must be ${r[2]?.startsWith('<') ? 'at most' : 'at least'} ${r[3]}.`,
  ],
  [/^Invalid email/i, () => 'Enter a valid email address, like name@example.com.'],
  [/^Invalid url/i, () => 'Enter a full web address starting with https://.'],
  [
    /^Invalid option: expected one of (.*)$/,
    (_l, r) => `Choose one of: ${(r[1] ?? '').replace(/"/g, '').replace(/\|/g, ', ')}.`,
  ],
  [/^Invalid input/, (l) => `${l} is not valid.`],
  [/^(must|is|cannot|can)\b/, (l, _r, m) => sentence(`${l} ${withLabels(m)}`)],
];

/** One API message about one field, as a sentence that names the field. */
export function humanFieldMessage(path: string, message: string): string {
  const label = capitalize(fieldLabel(path));
  const m = message.trim();
  for (const [pattern, say] of RULES) {
    const r = m.match(pattern);
    if (r)
      return say(
        label,
        [...r].map((x) => x ?? ''),
        m,
      );
  }
  return sentence(withLabels(m));
}

/** Does this API field path belong to the form field `field`? (`email` matches `body.email`.) */
const pathIs = (f: FieldError, field: string) =>
  f.path === field ||
  f.path
    .split('.')
    .filter((s) => !/^\d+$/.test(s))
    .pop() === field;

/** A duplicate the API refused (409 naming the existing record and the field). */
export interface Duplicate {
  field: string;
  existingId: string;
}

/** The existing record behind a `409 conflict`, when the API named one. */
export function duplicateOf(err: unknown): Duplicate | undefined {
  if (!(err instanceof ApiError) || err.status !== 409) return undefined;
  const { field, existingId } = err.details;
  return typeof field === 'string' && typeof existingId === 'string' ? { field, existingId } : undefined;
}

/** The human message for one field of a failed write, if the API named that field. */
export function apiFieldError(err: unknown, field: string): string | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const dup = duplicateOf(err);
  if (dup?.field === field) return `Another record already has this ${fieldLabel(field)}.`;
  const hit = (err.details.fields ?? []).find((f) => pathIs(f, field));
  return hit ? humanFieldMessage(hit.path, hit.message) : undefined;
}

/**
 * The message above the form: field errors that have no input of their own (each as a
 * human sentence, once), or the API's message for errors about no field. Nothing when
 * every problem is already shown under its input.
 */
export function formLevelError(err: unknown, knownFields: string[]): string | undefined {
  if (!err) return undefined;
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : 'Something went wrong.';
  const dup = duplicateOf(err);
  if (dup && knownFields.includes(dup.field)) return undefined;
  const fields = err.details.fields ?? [];
  if (fields.length === 0) return sentence(withLabels(err.message));
  const elsewhere = fields.filter((f) => !knownFields.some((k) => pathIs(f, k)));
  const messages = [...new Set(elsewhere.map((f) => humanFieldMessage(f.path, f.message)))];
  return messages.length > 0 ? messages.join(' ') : undefined;
}

/** Drop empty strings so optional fields are omitted rather than sent as "". */
export function compact<T extends Record<string, unknown>>(obj: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === '' || v === undefined) continue;
    (out as Record<string, unknown>)[k] = v;
  }
  return out;
}
