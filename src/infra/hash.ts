import { createHash, randomBytes } from 'node:crypto';

/** SHA-256 hex digest. */
export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex');

/** A random URL-safe token with `bytes` bytes of entropy. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');
