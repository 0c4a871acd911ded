import { z } from 'zod';
import {
  customFieldsSchema,
  evenWithFieldErrors,
  isoTimestamp,
  optionalText,
  pageFields,
  sortField,
  tagsSchema,
} from '../crm-common/schemas.js';

const count = (max: number, description: string, example: number) =>
  z.number().int().min(0).max(max).nullable().optional().meta({ description, example });

/** The writable fields of a company, shared by create, upsert, update and batch. */
export const companyFields = {
  name: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .meta({ description: 'Company name, 1–200 characters.', example: 'Analytical Engines Ltd' }),
  domain: z.string().trim().max(253).nullable().optional().meta({
    description:
      'Primary web domain, stored bare and lower-case (`https://www.Acme.com/` → `acme.com`). Unique in the organization; the upsert key. Taken from `website` when omitted.',
    example: 'analytical-engines.com',
  }),
  website: optionalText(500, 'Website URL.', 'https://analytical-engines.com'),
  industry: optionalText(200, 'Industry.', 'Software'),
  employeeCount: count(10_000_000, 'Number of employees.', 42),
  estimatedRevenue: count(1e15, 'Estimated yearly revenue, in your currency of choice.', 5_000_000),
  city: optionalText(100, 'City.', 'London'),
  state: optionalText(100, 'State or region.', 'England'),
  country: optionalText(100, 'Country.', 'United Kingdom'),
  linkedinUrl: optionalText(
    500,
    'LinkedIn company page URL.',
    'https://www.linkedin.com/company/analytical-engines',
  ),
  description: optionalText(10_000, 'What the company does.', 'Mechanical general-purpose computers.'),
  tags: tagsSchema.optional(),
  customFields: customFieldsSchema.optional(),
};

/** Body of `POST /companies`. */
export const companyInput = z
  .strictObject(companyFields)
  .meta({ id: 'CompanyInput', description: 'A company to create.' });
export type CompanyInput = z.infer<typeof companyInput>;

/** Body of `PUT /companies` and each batch item: matched by domain. */
export const companyUpsertInput = z
  .strictObject({ ...companyFields, name: companyFields.name.optional() })
  .refine((v) => Boolean(v.domain || v.website), {
    message: 'Give a domain (or a website): it is the upsert key.',
    path: ['domain'],
    ...evenWithFieldErrors,
  })
  .meta({
    id: 'CompanyUpsertInput',
    description:
      'A company matched by domain: updated when it exists, created otherwise (name defaults to the domain). Give a domain or a website.',
    // allOf[anyOf]: JSON Schema's "at least one", which openapi-typescript renders as Base & (A | B).
    allOf: [
      {
        anyOf: ['domain', 'website'].map((k) => ({
          required: [k],
          properties: { [k]: { type: 'string', description: `The upsert key (${k}).` } },
        })),
      },
    ],
  });
export type CompanyUpsertInput = z.infer<typeof companyUpsertInput>;

/** Body of `PATCH /companies/{companyId}`. */
export const companyPatch = z
  .strictObject({ ...companyFields, name: companyFields.name.optional() })
  .meta({ id: 'CompanyPatch', description: 'The fields to change; omitted fields stay as they are.' });
export type CompanyPatch = z.infer<typeof companyPatch>;

/** Body of `POST /companies/query`. */
export const companiesQuery = z
  .strictObject({
    filter: z
      .strictObject({
        domain: z
          .string()
          .max(253)
          .optional()
          .meta({ description: 'Exact domain (normalised like `domain`).', example: 'acme.com' }),
        text: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .optional()
          .meta({ description: 'Case-insensitive substring of the name or domain.', example: 'engines' }),
        industry: z
          .string()
          .max(200)
          .optional()
          .meta({ description: 'Exact industry.', example: 'Software' }),
      })
      .optional()
      .meta({ description: 'All given conditions must hold.' }),
    sort: sortField(['createdAt', 'updatedAt'], 'updatedAt'),
    ...pageFields,
  })
  .meta({
    id: 'CompaniesQuery',
    description: 'Filter and page through companies, oldest first unless `sort` says otherwise.',
  });
export type CompaniesQuery = z.infer<typeof companiesQuery>;

const text = (description: string, example: string) => z.string().nullable().meta({ description, example });
const num = (description: string, example: number) => z.number().nullable().meta({ description, example });

/** A company as the API returns it. */
export const companySchema = z
  .object({
    id: z
      .string()
      .meta({ description: 'Unique id, `com_` + ULID.', example: 'com_01J9Z3C4V7Y7R8WG2F5M6NQ5TK' }),
    name: z.string().meta({ description: 'Company name.', example: 'Analytical Engines Ltd' }),
    domain: text('Bare lower-case domain.', 'analytical-engines.com'),
    website: text('Website URL.', 'https://analytical-engines.com'),
    industry: text('Industry.', 'Software'),
    employeeCount: num('Employees.', 42),
    estimatedRevenue: num('Estimated yearly revenue.', 5_000_000),
    city: text('City.', 'London'),
    state: text('State or region.', 'England'),
    country: text('Country.', 'United Kingdom'),
    linkedinUrl: text('LinkedIn page.', 'https://www.linkedin.com/company/analytical-engines'),
    description: text('Description.', 'Mechanical general-purpose computers.'),
    tags: z.array(z.string()).meta({ description: 'Labels.', example: ['customer'] }),
    customFields: z
      .record(z.string(), z.unknown())
      .meta({ description: 'Your own fields.', example: { tier: 'gold' } }),
    createdAt: isoTimestamp('When the company was created.'),
    updatedAt: isoTimestamp('When the company last changed.'),
  })
  .meta({ id: 'Company', description: 'A company (account).' });
export type Company = z.infer<typeof companySchema>;
