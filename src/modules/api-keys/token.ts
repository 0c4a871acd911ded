/**
 * API key tokens, pure functions only (no I/O, no database).
 *
 * Usage:
 *   const { key, publicId, prefix, digest } = generateKey();   // at creation; show `key` once
 *   const parsed = parseKey(headerValue);                     // on every request, never throws
 *   if (!parsed.ok) → 401 malformed, without touching the database
 *   row = lookup(parsed.publicId); digestEquals(hashKey(key), row.digest) → authenticated
 *
 * Shape: `klipy_api_` + public id (12 base62) + secret (32 base62, ~190 bits) + checksum
 * (6 base62 chars of CRC32 over everything before it). 60 characters in all; see
 * KEY_PATTERN for the regular expression published for secret scanners.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const KEY_PREFIX = 'klipy_api_';
export const PUBLIC_ID_LENGTH = 12;
export const SECRET_LENGTH = 32;
export const CHECKSUM_LENGTH = 6;
export const KEY_LENGTH = KEY_PREFIX.length + PUBLIC_ID_LENGTH + SECRET_LENGTH + CHECKSUM_LENGTH;

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BODY_LENGTH = PUBLIC_ID_LENGTH + SECRET_LENGTH + CHECKSUM_LENGTH;

/** The regular expression for secret scanners (also documented in README.md). */
export const KEY_PATTERN = new RegExp(`\\b${KEY_PREFIX}[0-9A-Za-z]{${BODY_LENGTH}}\\b`);
const EXACT_PATTERN = new RegExp(`^${KEY_PREFIX}[0-9A-Za-z]{${BODY_LENGTH}}$`);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE) of an ASCII string. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) {
    crc = (CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** `value` in base62, left-padded with `0` to `width` characters. */
export function toBase62(value: number, width: number): string {
  let out = '';
  let v = value;
  while (v > 0) {
    out = BASE62[v % 62] + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, '0');
}

/** The 6-character checksum of everything that precedes it in a key. */
export const checksumOf = (body: string): string => toBase62(crc32(body), CHECKSUM_LENGTH);

/** `n` uniformly random base62 characters (rejection sampling: no modulo bias). */
export function randomBase62(n: number): string {
  let out = '';
  while (out.length < n) {
    for (const byte of randomBytes(n * 2)) {
      if (byte < 248 && out.length < n) out += BASE62[byte % 62];
    }
  }
  return out;
}

/** SHA-256 hex of the full key: the only form of it that is stored. */
export const hashKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** Constant-time comparison of two hex digests. */
export function digestEquals(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** The display prefix `klipy_api_<public id>`: shown everywhere, cannot authenticate. */
export const displayPrefix = (publicId: string): string => `${KEY_PREFIX}${publicId}`;

export interface GeneratedKey {
  /** The plaintext. Returned once to the creator, never stored or logged. */
  key: string;
  publicId: string;
  prefix: string;
  digest: string;
}

/** Mints a new key from `crypto.randomBytes`. */
export function generateKey(): GeneratedKey {
  const publicId = randomBase62(PUBLIC_ID_LENGTH);
  const body = `${KEY_PREFIX}${publicId}${randomBase62(SECRET_LENGTH)}`;
  const key = `${body}${checksumOf(body)}`;
  return { key, publicId, prefix: displayPrefix(publicId), digest: hashKey(key) };
}

export type ParsedKey = { ok: true; publicId: string; prefix: string } | { ok: false };

/**
 * Checks prefix, length, alphabet and checksum: a mistyped or fabricated key is
 * rejected here, before any cache or database lookup. Never throws, whatever the input.
 */
export function parseKey(input: unknown): ParsedKey {
  if (typeof input !== 'string' || input.length !== KEY_LENGTH || !EXACT_PATTERN.test(input)) {
    return { ok: false };
  }
  const split = KEY_LENGTH - CHECKSUM_LENGTH;
  if (checksumOf(input.slice(0, split)) !== input.slice(split)) return { ok: false };
  const publicId = input.slice(KEY_PREFIX.length, KEY_PREFIX.length + PUBLIC_ID_LENGTH);
  return { ok: true, publicId, prefix: displayPrefix(publicId) };
}
