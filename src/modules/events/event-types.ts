/**
 * The event catalogue: every `type` an event (and a webhook delivery) can carry. Names
 * follow Klipy's documents (`lead.captured`, `contact.job_changed`, `interaction.captured`)
 * and `<object>.<past tense>` for the rest.
 */
export const EVENT_TYPES = [
  'lead.captured',
  'person.updated',
  'person.deleted',
  'contact.job_changed',
  'company.created',
  'company.updated',
  'company.deleted',
  'interaction.captured',
  'interaction.updated',
  'interaction.deleted',
  'api_key.created',
  'api_key.revoked',
  'api_key.rolled',
  'api_key.expiring',
  'api_key.expired',
  'member.joined',
  'member.removed',
  'webhook.test',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** What each event means, shown in the console's event filter and the docs. */
export const EVENT_DESCRIPTIONS: Record<EventType, string> = {
  'lead.captured': 'A person was created (API, console, batch, upsert, or an interaction by email).',
  'person.updated': 'A person changed; `data.previous_attributes` holds the old values of what changed.',
  'person.deleted': 'A person was deleted.',
  'contact.job_changed': "A person's title or company changed.",
  'company.created': 'A company was created (also when a person’s email domain links a new one).',
  'company.updated': 'A company changed; `data.previous_attributes` holds the old values.',
  'company.deleted': 'A company was deleted.',
  'interaction.captured': 'An interaction was recorded (repeats of an external id are not).',
  'interaction.updated':
    'An interaction was edited (type, direction, title, summary or date); `data.previous_attributes` holds the old values.',
  'interaction.deleted': 'An interaction was deleted.',
  'api_key.created': 'An API key was created.',
  'api_key.revoked':
    'An API key was revoked; `data.reason` says why: `revoked`, `leaked` (a secret scanner reported it) or `member_removed`.',
  'api_key.rolled': 'An API key was rolled: a new key replaces it after the grace period.',
  'api_key.expiring': 'An API key expires in 7 days, or in 1 day (`data.expires_in_days`).',
  'api_key.expired': 'An API key reached its expiry.',
  'member.joined': 'Someone accepted an invitation and joined the organization.',
  'member.removed': 'A member was removed from the organization.',
  'webhook.test': 'Sent by "Send test event"; goes to that one endpoint only.',
};
