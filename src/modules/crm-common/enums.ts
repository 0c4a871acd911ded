/**
 * The CRM's closed value lists (PRODUCT.md §4.2). Plain constants with no imports, so the
 * server's zod schemas and the web console share one copy.
 */
export const LEAD_STATUSES = ['NOT_CONTACTED', 'CONTACTED', 'QUALIFIED', 'CONVERTED', 'LOST'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const INTERACTION_TYPES = [
  'DIRECT_MESSAGE',
  'EMAIL',
  'MEETING',
  'MEMO',
  'BOOKING_CREATED',
  'BOOKING_CANCELLED',
  'MANUAL',
  'API_EVENT',
  'VOICE_NOTE',
] as const;

export const DIRECTIONS = ['INBOUND', 'OUTBOUND', 'HYBRID', 'INTERNAL', 'EVENT'] as const;
