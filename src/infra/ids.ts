import { encodeTime, monotonicFactory } from 'ulid';

const ulid = monotonicFactory();

export const ID_PREFIXES = {
  user: 'usr',
  org: 'org',
  invitation: 'inv',
  apiKey: 'key',
  audit: 'aud',
  person: 'per',
  company: 'com',
  interaction: 'int',
  event: 'evt',
  webhookEndpoint: 'whe',
  webhookDelivery: 'msg',
  webhookAttempt: 'wha',
  email: 'eml',
  passwordReset: 'pwr',
} as const;

export type IdKind = keyof typeof ID_PREFIXES;

/** `<prefix>_<ULID>`: type-tagged and time-sortable (keyset pagination orders by id). */
export const newId = (kind: IdKind): string => `${ID_PREFIXES[kind]}_${ulid()}`;

/** The lowest id of `kind` made at `time`: every id made earlier sorts below it (ULIDs start with their time). */
export const idAt = (kind: IdKind, time: Date): string =>
  `${ID_PREFIXES[kind]}_${encodeTime(time.getTime(), 10)}`;

const ID_RE = /^[a-z]{3}_[0-9A-HJKMNP-TV-Z]{26}$/;

/** True when `value` looks like an id of `kind`; a bad id is a 404, never a query error. */
export const isId = (kind: IdKind, value: string): boolean =>
  ID_RE.test(value) && value.startsWith(`${ID_PREFIXES[kind]}_`);
