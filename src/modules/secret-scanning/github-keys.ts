/**
 * GitHub secret-scanning public keys, as the operator configures them
 * (`KLIPY_SECRET_SCANNING_GITHUB_KEYS`) and the signature check over a report's raw body.
 * Pure: no network (servers reach none), no database.
 *
 * Accepted forms, inline or as a path to a file holding them:
 *   - GitHub's own document, `{ "public_keys": [{ "key_identifier", "key" }, …] }`
 *     (from https://api.github.com/meta/public_keys/secret_scanning, copied over by hand);
 *   - a JSON array of `{ "key_identifier", "key" }`;
 *   - one or more PEM public keys; each one's identifier is then the SHA-256 hex of its
 *     DER (SubjectPublicKeyInfo) encoding.
 */
import { createHash, createPublicKey, type KeyObject, verify } from 'node:crypto';

export interface GithubKey {
  id: string;
  key: KeyObject;
}

const PEM = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g;

/** The identifier of a PEM-only key: SHA-256 hex of its DER SubjectPublicKeyInfo. */
export const pemKeyIdentifier = (key: KeyObject): string =>
  createHash('sha256')
    .update(key.export({ type: 'spki', format: 'der' }))
    .digest('hex');

/** Parses the configured keys; throws an Error saying what is wrong (config reports it). */
export function parseGithubKeys(text: string): GithubKey[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const doc = JSON.parse(trimmed) as unknown;
    const list = Array.isArray(doc) ? doc : (doc as { public_keys?: unknown }).public_keys;
    if (!Array.isArray(list) || list.length === 0) throw new Error('no public_keys in the JSON');
    return list.map((entry: { key_identifier?: unknown; key?: unknown }) => {
      if (typeof entry?.key_identifier !== 'string' || typeof entry.key !== 'string')
        throw new Error('each key needs key_identifier and key (PEM)');
      return { id: entry.key_identifier, key: ecKey(entry.key) };
    });
  }
  const pems = trimmed.match(PEM);
  if (!pems) throw new Error('neither JSON nor a PEM public key');
  return pems.map((pem) => {
    const key = ecKey(pem);
    return { id: pemKeyIdentifier(key), key };
  });
}

function ecKey(pem: string): KeyObject {
  const key = createPublicKey(pem);
  if (key.asymmetricKeyType !== 'ec') throw new Error('keys must be ECDSA (P-256) public keys');
  return key;
}

/**
 * True when `signature` (base64 DER, header `Github-Public-Key-Signature`) is an
 * ECDSA-SHA-256 signature of the exact raw body by the configured key named
 * `keyId` (header `Github-Public-Key-Identifier`). Never throws.
 */
export function verifyGithubSignature(
  keys: readonly GithubKey[],
  keyId: string | undefined,
  signature: string | undefined,
  rawBody: string,
): boolean {
  if (!keyId || !signature) return false;
  const entry = keys.find((k) => k.id === keyId);
  if (!entry) return false;
  try {
    return verify('sha256', Buffer.from(rawBody, 'utf8'), entry.key, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
