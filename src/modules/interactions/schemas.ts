import { z } from 'zod';
import { DIRECTIONS, INTERACTION_TYPES } from '../crm-common/enums.js';
import {
  evenWithFieldErrors,
  isoTimestamp,
  pageFields,
  sortField,
  storableIso,
} from '../crm-common/schemas.js';

export { DIRECTIONS, INTERACTION_TYPES };

// Year 1970 to 9999: the range PostgreSQL and ISO 8601 round-trip without surprises.
const MAX_EPOCH_MS = 253_402_300_799_999;

/** Epoch milliseconds or an ISO 8601 string, as a Date. */
const dateInput = z
  .union([
    z.number().int().min(0).max(MAX_EPOCH_MS),
    storableIso(z.iso.datetime({ offset: true })),
    storableIso(z.iso.date()),
  ])
  .transform((v) => new Date(v))
  .meta({
    description: 'When it happened: epoch milliseconds or ISO 8601 (returned as ISO 8601). Defaults to now.',
    example: '2026-03-01T14:00:00Z',
  });

// The console's form sends "" for an empty optional field; treat it as absent.
const blankAsAbsent = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

/** Body of `POST /interactions`. */
export const interactionInput = z
  .strictObject({
    type: z.enum(INTERACTION_TYPES).meta({ description: 'Kind of interaction.', example: 'MEETING' }),
    direction: blankAsAbsent(z.enum(DIRECTIONS)).meta({
      description: 'Who reached out.',
      example: 'OUTBOUND',
    }),
    title: blankAsAbsent(z.string().max(1000)).meta({
      description: 'Short title, at most 1000 characters.',
      example: 'Intro call',
    }),
    summary: blankAsAbsent(z.string().max(10_000)).meta({
      description:
        'Details, at most 10000 characters. May hold HTML; stored as given and never rendered unescaped.',
      example: '<p>Discussed the <b>pilot</b>.</p>',
    }),
    mainContact: blankAsAbsent(z.string().max(100)).meta({
      description:
        'Id of the person this is with (`per_…`). Give exactly one of mainContact and mainContactEmail.',
      example: 'per_01J9Z3C4V7Y7R8WG2F5M6NQ5TK',
    }),
    mainContactEmail: blankAsAbsent(z.email().max(320)).meta({
      description: 'Email of the person this is with; an unknown email creates the person.',
      example: 'ada@analytical-engines.com',
    }),
    primaryId: blankAsAbsent(z.string().max(500)).meta({
      description:
        'Your external id. Sending the same primaryId again returns the existing interaction with `isDuplicate: true`.',
      example: 'gmail:18c2f0a9d3',
    }),
    secondaryId: blankAsAbsent(z.string().max(500)).meta({
      description: 'A second external id (for example a thread id), also used to detect duplicates.',
      example: 'thread:77a1',
    }),
    interactionDate: blankAsAbsent(dateInput),
  })
  .refine((v) => (v.mainContact === undefined) !== (v.mainContactEmail === undefined), {
    message: 'Give exactly one of mainContact or mainContactEmail.',
    path: ['mainContact'],
    ...evenWithFieldErrors,
  })
  .meta({
    id: 'InteractionInput',
    description: 'An interaction to record, with exactly one of mainContact and mainContactEmail.',
    // The refine above, in JSON Schema, so generated clients cannot send neither or both.
    // Each branch also types the other field as null, so a generated client's type
    // (Base & (A | B)) cannot hold neither or both.
    oneOf: [
      {
        required: ['mainContact'],
        properties: {
          mainContact: { type: 'string', minLength: 1, description: 'Given: the person id.' },
          mainContactEmail: { type: 'null', description: 'Absent (or null) when mainContact is given.' },
        },
      },
      {
        required: ['mainContactEmail'],
        properties: {
          mainContactEmail: { type: 'string', format: 'email', description: 'Given: the person email.' },
          mainContact: { type: 'null', description: 'Absent (or null) when mainContactEmail is given.' },
        },
      },
    ],
  });
export type InteractionInput = z.infer<typeof interactionInput>;

/** Body of `PATCH /interactions/{interactionId}`: what happened, not who it was with. */
export const interactionPatch = z
  .strictObject({
    type: z
      .enum(INTERACTION_TYPES)
      .optional()
      .meta({ description: 'Kind of interaction.', example: 'MEETING' }),
    direction: z.enum(DIRECTIONS).nullable().optional().meta({
      description: 'Who reached out; `null` clears it.',
      example: 'INBOUND',
    }),
    title: z.string().max(1000).nullable().optional().meta({
      description: 'Short title, at most 1000 characters; `null` clears it.',
      example: 'Intro call (rescheduled)',
    }),
    summary: z.string().max(10_000).nullable().optional().meta({
      description:
        'Details, at most 10000 characters; `null` clears it. Stored as given, never rendered unescaped.',
      example: 'Moved to Thursday; they want the batch API.',
    }),
    interactionDate: dateInput.optional(),
  })
  .meta({
    id: 'InteractionPatch',
    description:
      'The fields to change. The contacts and companies an interaction involves, and its external ids, are fixed at creation.',
  });
export type InteractionPatch = z.infer<typeof interactionPatch>;

/** Body of `POST /interactions/query`. */
export const interactionsQuery = z
  .strictObject({
    filter: z
      .strictObject({
        companyId: z.string().max(100).optional().meta({
          description: 'Interactions involving this company.',
          example: 'com_01J9Z3C4V7Y7R8WG2F5M6NQ5TK',
        }),
        contactId: z.string().max(100).optional().meta({
          description: 'Interactions involving this person.',
          example: 'per_01J9Z3C4V7Y7R8WG2F5M6NQ5TK',
        }),
        type: z.enum(INTERACTION_TYPES).optional().meta({ description: 'Only this type.', example: 'EMAIL' }),
        from: storableIso(z.iso.datetime({ offset: true }))
          .optional()
          .meta({ description: 'interactionDate on or after (ISO 8601).', example: '2026-01-01T00:00:00Z' }),
        to: storableIso(z.iso.datetime({ offset: true }))
          .optional()
          .meta({ description: 'interactionDate before (ISO 8601).', example: '2026-02-01T00:00:00Z' }),
      })
      .optional()
      .meta({ description: 'All given conditions must hold.' }),
    sort: sortField(['createdAt', 'updatedAt', 'occurredAt'], 'occurredAt'),
    ...pageFields,
  })
  .meta({
    id: 'InteractionsQuery',
    description:
      'Filter and page through interactions, oldest first unless `sort` says otherwise (`occurredAt` is the `interactionDate`).',
  });
export type InteractionsQuery = z.infer<typeof interactionsQuery>;

const contactRef = z
  .object({
    id: z.string().meta({ description: 'Person id.', example: 'per_01J9Z3C4V7Y7R8WG2F5M6NQ5TK' }),
    firstName: z.string().nullable().meta({ description: 'Given name.', example: 'Ada' }),
    lastName: z.string().nullable().meta({ description: 'Family name.', example: 'Lovelace' }),
    email: z.string().nullable().meta({ description: 'Email.', example: 'ada@analytical-engines.com' }),
  })
  .meta({ description: 'A person the interaction involves.' });
const companyRef = z
  .object({
    id: z.string().meta({ description: 'Company id.', example: 'com_01J9Z3C4V7Y7R8WG2F5M6NQ5TK' }),
    name: z.string().meta({ description: 'Company name.', example: 'Analytical Engines Ltd' }),
    domain: z.string().nullable().meta({ description: 'Domain.', example: 'analytical-engines.com' }),
  })
  .meta({ description: 'A company the interaction involves.' });

/** An interaction as the API returns it. */
export const interactionSchema = z
  .object({
    id: z
      .string()
      .meta({ description: 'Unique id, `int_` + ULID.', example: 'int_01J9Z3C4V7Y7R8WG2F5M6NQ5TK' }),
    type: z.enum(INTERACTION_TYPES).meta({ description: 'Kind.', example: 'MEETING' }),
    direction: z.enum(DIRECTIONS).nullable().meta({ description: 'Direction.', example: 'OUTBOUND' }),
    title: z.string().nullable().meta({ description: 'Title.', example: 'Intro call' }),
    summary: z.string().nullable().meta({
      description: 'Summary exactly as sent (may hold HTML: escape it when displaying).',
      example: '<p>Discussed the <b>pilot</b>.</p>',
    }),
    mainContact: z.string().nullable().meta({
      description: 'Main person id (null if that person was deleted).',
      example: 'per_01J9Z3C4V7Y7R8WG2F5M6NQ5TK',
    }),
    contacts: z.array(contactRef).meta({ description: 'People involved.' }),
    companies: z.array(companyRef).meta({ description: 'Companies involved (the main contact’s company).' }),
    primaryId: z.string().nullable().meta({ description: 'External id.', example: 'gmail:18c2f0a9d3' }),
    secondaryId: z.string().nullable().meta({ description: 'Second external id.', example: 'thread:77a1' }),
    interactionDate: isoTimestamp('When it happened (ISO 8601).'),
    createdBy: z.string().nullable().meta({
      description: 'Who recorded it: an API key prefix or a user email.',
      example: 'klipy_api_a1B2c3D4e5F6',
    }),
    creationTime: isoTimestamp('When it was recorded.'),
    createdAt: isoTimestamp('When it was recorded (same as creationTime).'),
    updatedAt: isoTimestamp('When it last changed.'),
  })
  .meta({
    id: 'Interaction',
    description: 'An interaction: an email, meeting, message or event with a person.',
  });
export type Interaction = z.infer<typeof interactionSchema>;

/** The response `data` of `POST /interactions`: the interaction plus whether it already existed. */
export const createdInteractionSchema = interactionSchema
  .extend({
    isDuplicate: z.boolean().meta({
      description:
        'True when primaryId / secondaryId matched an existing interaction, which is returned unchanged.',
      example: false,
    }),
  })
  .meta({ id: 'CreatedInteraction', description: 'The recorded (or already existing) interaction.' });
