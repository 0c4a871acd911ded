import { z } from 'zod';
import { LEAD_STATUSES, type LeadStatus } from '../crm-common/enums.js';
import {
  customFieldsSchema,
  evenWithFieldErrors,
  isoTimestamp,
  optionalText,
  pageFields,
  sortField,
  storableIso,
  tagsSchema,
} from '../crm-common/schemas.js';

export { LEAD_STATUSES, type LeadStatus };

const leadStatus = z
  .enum(LEAD_STATUSES)
  .meta({ description: 'Where the person is in your pipeline.', example: 'CONTACTED' });

/** The writable fields of a person, shared by create, upsert, update and batch. */
export const personFields = {
  firstName: optionalText(200, 'Given name.', 'Ada'),
  lastName: optionalText(200, 'Family name.', 'Lovelace'),
  email: z.email().max(320).nullable().optional().meta({
    description:
      'Email address, stored lower-case; unique in the organization. A non-free-mail domain links the person to the company with that domain (created if needed).',
    example: 'ada@analytical-engines.com',
  }),
  phone: z.string().trim().max(50).nullable().optional().meta({
    description: 'Phone number in international format; stored as E.164. Unique in the organization.',
    example: '+44 20 7946 0958',
  }),
  title: optionalText(200, 'Job title.', 'Head of Engineering'),
  linkedinUrl: z.string().trim().max(500).nullable().optional().meta({
    description: 'LinkedIn profile URL, stored normalised; unique in the organization.',
    example: 'https://www.linkedin.com/in/ada-lovelace',
  }),
  companyId: z.string().max(100).nullable().optional().meta({
    description: 'The company this person works at (`com_…`).',
    example: 'com_01J9Z3C4V7Y7R8WG2F5M6NQ5TK',
  }),
  leadStatus: leadStatus.nullable().optional(),
  leadSource: optionalText(200, 'Where the lead came from.', 'website'),
  tags: tagsSchema.optional(),
  remarks: optionalText(10_000, 'Free-text notes.', 'Met at the Paris meetup.'),
  customFields: customFieldsSchema.optional(),
};

const identifying = ['firstName', 'lastName', 'email', 'phone', 'linkedinUrl'] as const;

/** Body of `POST /people` (and each batch / upsert item). */
export const personInput = z
  .strictObject(personFields)
  .refine((v) => identifying.some((k) => v[k] != null && v[k] !== ''), {
    message: 'Give at least one of firstName, lastName, email, phone or linkedinUrl.',
    ...evenWithFieldErrors,
  })
  .meta({
    id: 'PersonInput',
    description:
      'A person to create or upsert: at least one of firstName, lastName, email, phone or linkedinUrl.',
    // allOf[anyOf]: "at least one", rendered by openapi-typescript as Base & (A | B | …).
    allOf: [
      {
        anyOf: identifying.map((k) => ({
          required: [k],
          properties: { [k]: { type: 'string', minLength: 1, description: `Identifies the person (${k}).` } },
        })),
      },
    ],
  });
export type PersonInput = z.infer<typeof personInput>;

/** Body of `PATCH /people/{personId}`: any subset of the fields; `null` clears one. */
export const personPatch = z
  .strictObject(personFields)
  .meta({ id: 'PersonPatch', description: 'The fields to change; omitted fields stay as they are.' });
export type PersonPatch = z.infer<typeof personPatch>;

/** Body of `POST /people/query`. */
export const peopleQuery = z
  .strictObject({
    filter: z
      .strictObject({
        email: z
          .string()
          .max(320)
          .optional()
          .meta({ description: 'Exact email (any case).', example: 'ada@analytical-engines.com' }),
        companyId: z
          .string()
          .max(100)
          .optional()
          .meta({ description: 'People of this company.', example: 'com_01J9Z3C4V7Y7R8WG2F5M6NQ5TK' }),
        leadStatus: leadStatus.optional(),
        tag: z
          .string()
          .max(100)
          .optional()
          .meta({ description: 'People carrying this tag.', example: 'vip' }),
        updatedAfter: storableIso(z.iso.datetime({ offset: true }))
          .optional()
          .meta({
            description: 'Only people updated strictly after this instant (ISO 8601).',
            example: '2026-01-01T00:00:00Z',
          }),
        text: z.string().trim().min(1).max(200).optional().meta({
          description: 'Case-insensitive substring of first name, last name or email.',
          example: 'ada',
        }),
      })
      .optional()
      .meta({ description: 'All given conditions must hold.' }),
    sort: sortField(['createdAt', 'updatedAt'], 'updatedAt'),
    ...pageFields,
  })
  .meta({
    id: 'PeopleQuery',
    description: 'Filter and page through people, oldest first unless `sort` says otherwise.',
  });
export type PeopleQuery = z.infer<typeof peopleQuery>;

/** A person as the API returns it. */
export const personSchema = z
  .object({
    id: z
      .string()
      .meta({ description: 'Unique id, `per_` + ULID.', example: 'per_01J9Z3C4V7Y7R8WG2F5M6NQ5TK' }),
    firstName: z.string().nullable().meta({ description: 'Given name.', example: 'Ada' }),
    lastName: z.string().nullable().meta({ description: 'Family name.', example: 'Lovelace' }),
    email: z
      .string()
      .nullable()
      .meta({ description: 'Lower-case email.', example: 'ada@analytical-engines.com' }),
    phone: z.string().nullable().meta({ description: 'E.164 phone number.', example: '+442079460958' }),
    title: z.string().nullable().meta({ description: 'Job title.', example: 'Head of Engineering' }),
    linkedinUrl: z
      .string()
      .nullable()
      .meta({ description: 'Normalised LinkedIn URL.', example: 'https://www.linkedin.com/in/ada-lovelace' }),
    companyId: z
      .string()
      .nullable()
      .meta({ description: 'Company id.', example: 'com_01J9Z3C4V7Y7R8WG2F5M6NQ5TK' }),
    leadStatus: z
      .enum(LEAD_STATUSES)
      .nullable()
      .meta({ description: 'Pipeline stage.', example: 'CONTACTED' }),
    leadSource: z.string().nullable().meta({ description: 'Lead source.', example: 'website' }),
    tags: z.array(z.string()).meta({ description: 'Labels.', example: ['vip'] }),
    remarks: z.string().nullable().meta({ description: 'Notes.', example: 'Met at the Paris meetup.' }),
    customFields: z
      .record(z.string(), z.unknown())
      .meta({ description: 'Your own fields.', example: { plan: 'pro' } }),
    createdAt: isoTimestamp('When the person was created.'),
    updatedAt: isoTimestamp('When the person last changed.'),
  })
  .meta({ id: 'Person', description: 'A person (contact or lead).' });
export type Person = z.infer<typeof personSchema>;
