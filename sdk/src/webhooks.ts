/**
 * Verifying Klipy's webhook deliveries (Standard Webhooks): the signature is
 * `v1,<base64 HMAC-SHA256(key, "<webhook-id>.<webhook-timestamp>.<raw body>")>` where the
 * key is the base64 part of the endpoint's `whsec_…` secret. Web Crypto only, so it runs
 * in Node 20+, Deno, Bun, edge runtimes and browsers.
 */
import type { components } from './generated/openapi.js';

/** The body of every delivery. */
export type KlipyEvent = components['schemas']['Event'];
export type KlipyEventType = components['schemas']['EventType'];

export type WebhookFailure =
  | 'missing_headers'
  | 'bad_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_in_future'
  | 'bad_secret'
  | 'no_matching_signature'
  | 'bad_payload';

export class WebhookVerificationError extends Error {
  constructor(
    readonly reason: WebhookFailure,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** The raw request body, exactly as received (parse it only after verifying). */
  payload: string | Uint8Array;
  /** The request's headers: a `Headers` or a Node-style object. */
  headers: HeaderSource;
  /** The endpoint's `whsec_…` secret; during a rotation, both the old and the new. */
  secret: string | readonly string[];
  /** Deliveries signed longer ago (or further ahead) than this are refused. Default 300. */
  toleranceSeconds?: number;
  /** Current time in milliseconds (tests). */
  now?: number;
}

const SECRET_PREFIX = 'whsec_';

function header(headers: HeaderSource, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value[0] : value;
}

function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function bytesToBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Compares two strings in time that depends only on their length. */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

async function sign(secret: string, content: Uint8Array<ArrayBuffer>): Promise<string> {
  let raw: Uint8Array<ArrayBuffer>;
  try {
    raw = base64ToBytes(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret);
  } catch {
    throw new WebhookVerificationError('bad_secret', 'The webhook secret is not a whsec_… secret.');
  }
  const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return bytesToBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, content)));
}

/**
 * Checks a delivery's signature and age and returns the parsed event. Throws
 * `WebhookVerificationError` (with a `reason`) when the delivery must be rejected.
 *
 * ```ts
 * const event = await verifyWebhook({ payload: rawBody, headers: req.headers, secret: process.env.KLIPY_WEBHOOK_SECRET! });
 * if (event.type === 'lead.captured') …
 * ```
 */
export async function verifyWebhook(options: VerifyWebhookOptions): Promise<KlipyEvent> {
  const id = header(options.headers, 'webhook-id');
  const timestamp = header(options.headers, 'webhook-timestamp');
  const signatures = header(options.headers, 'webhook-signature');
  if (!id || !timestamp || !signatures)
    throw new WebhookVerificationError(
      'missing_headers',
      'The request lacks webhook-id, webhook-timestamp or webhook-signature.',
    );

  if (!/^\d{1,12}$/.test(timestamp))
    throw new WebhookVerificationError('bad_timestamp', 'webhook-timestamp is not Unix seconds.');
  const tolerance = options.toleranceSeconds ?? 300;
  const age = Math.floor((options.now ?? Date.now()) / 1000) - Number(timestamp);
  if (age > tolerance)
    throw new WebhookVerificationError(
      'timestamp_too_old',
      `The delivery was signed ${age} s ago (limit ${tolerance} s).`,
    );
  if (age < -tolerance)
    throw new WebhookVerificationError(
      'timestamp_in_future',
      'The delivery is signed in the future; check your clock.',
    );

  const body =
    typeof options.payload === 'string' ? options.payload : new TextDecoder().decode(options.payload);
  const content = new TextEncoder().encode(`${id}.${timestamp}.${body}`) as Uint8Array<ArrayBuffer>;
  const secrets = typeof options.secret === 'string' ? [options.secret] : options.secret;
  const offered = signatures
    .split(' ')
    .filter((s) => s.startsWith('v1,'))
    .map((s) => s.slice(3));

  let matched = false;
  for (const secret of secrets) {
    const expected = await sign(secret, content);
    for (const candidate of offered) matched = constantTimeEqual(candidate, expected) || matched;
  }
  if (!matched)
    throw new WebhookVerificationError('no_matching_signature', 'No signature matches the secret(s) given.');

  try {
    return JSON.parse(body) as KlipyEvent;
  } catch {
    throw new WebhookVerificationError('bad_payload', 'The signed body is not JSON.');
  }
}
