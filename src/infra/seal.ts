/**
 * Authenticated encryption of a short text under a key derived from a secret the server
 * does not keep (pure; node:crypto only).
 *
 * Usage:
 *   const key = sealKey(idempotencyKey, installationSecret, `roll ${orgId} ${keyId}`);
 *   const sealed = seal(key, responseText);   // base64url(iv ‖ tag ‖ ciphertext)
 *   open(key, sealed)                          // the text, or null if key or data differ
 *
 * AES-256-GCM with a random 96-bit IV per message; the key comes from HKDF-SHA256 over
 * the caller's secret, salted with the installation secret and bound to `context`.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** A 256-bit key from `secret`, salted with `salt`, for one `context`. */
export const sealKey = (secret: string, salt: string, context: string): Buffer =>
  Buffer.from(hkdfSync('sha256', secret, salt, context, 32));

/** Encrypts `text`; the result is opaque base64url. */
export function seal(key: Buffer, text: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64url');
}

/** Decrypts what `seal` made with the same key; null when the key or the data differ. */
export function open(key: Buffer, sealed: string): string | null {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
