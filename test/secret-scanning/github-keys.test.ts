import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import {
  parseGithubKeys,
  pemKeyIdentifier,
  verifyGithubSignature,
} from '../../src/modules/secret-scanning/github-keys.js';

const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = pair.publicKey.export({ type: 'spki', format: 'pem' }) as string;
const dir = mkdtempSync(join(tmpdir(), 'klipy-gh-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('GitHub secret-scanning keys', () => {
  it("reads GitHub's JSON document, a bare array, PEM (identified by its SPKI SHA-256) and a file path", () => {
    expect(
      parseGithubKeys(JSON.stringify({ public_keys: [{ key_identifier: 'k1', key: pem }] }))[0]?.id,
    ).toBe('k1');
    expect(parseGithubKeys(JSON.stringify([{ key_identifier: 'k2', key: pem }]))[0]?.id).toBe('k2');
    const [fromPem] = parseGithubKeys(pem);
    expect(fromPem?.id).toBe(pemKeyIdentifier(pair.publicKey));
    const file = join(dir, 'keys.pem');
    writeFileSync(file, pem);
    expect(
      loadConfig({ KLIPY_SECRET_SCANNING_GITHUB_KEYS: file }).KLIPY_SECRET_SCANNING_GITHUB_KEYS?.[0]?.id,
    ).toBe(fromPem?.id);
  });

  it('verifies the exact raw body only', () => {
    const keys = parseGithubKeys(pem);
    const id = keys[0]?.id;
    const body = '[{"token":"x"}]';
    const sig = sign('sha256', Buffer.from(body), pair.privateKey).toString('base64');
    expect(verifyGithubSignature(keys, id, sig, body)).toBe(true);
    expect(verifyGithubSignature(keys, id, sig, `${body} `)).toBe(false);
    expect(verifyGithubSignature(keys, 'other', sig, body)).toBe(false);
    expect(verifyGithubSignature(keys, id, undefined, body)).toBe(false);
    expect(verifyGithubSignature(keys, id, 'AAAA', body)).toBe(false);
  });

  it('fails fast on a missing file, a non-EC key or a short operator token, without echoing secrets', () => {
    expect(() => loadConfig({ KLIPY_SECRET_SCANNING_GITHUB_KEYS: join(dir, 'nope.pem') })).toThrow(
      /no such file/,
    );
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    expect(() => loadConfig({ KLIPY_SECRET_SCANNING_GITHUB_KEYS: rsa as string })).toThrow(/ECDSA/);
    try {
      loadConfig({ KLIPY_SECRET_SCANNING_TOKEN: 'hunter2-secret' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toMatch(/KLIPY_SECRET_SCANNING_TOKEN="\*\*\*": must be at least 32/);
      expect((err as Error).message).not.toContain('hunter2');
    }
  });
});
