import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checksumOf,
  crc32,
  digestEquals,
  generateKey,
  hashKey,
  KEY_LENGTH,
  KEY_PATTERN,
  KEY_PREFIX,
  parseKey,
  toBase62,
} from '../../src/modules/api-keys/token.js';

describe('generateKey', () => {
  it('mints klipy_api_<12 id><32 secret><6 checksum> that parses back to its public id', () => {
    const { key, publicId, prefix, digest } = generateKey();
    expect(key).toHaveLength(KEY_LENGTH);
    expect(KEY_LENGTH).toBe(60);
    expect(key.startsWith(`${KEY_PREFIX}${publicId}`)).toBe(true);
    expect(prefix).toBe(`klipy_api_${publicId}`);
    expect(digest).toBe(hashKey(key));
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(parseKey(key)).toEqual({ ok: true, publicId, prefix });
  });

  it('matches the published scanner pattern, also inside text', () => {
    const { key } = generateKey();
    expect(KEY_PATTERN.test(key)).toBe(true);
    expect(KEY_PATTERN.test(`export KLIPY_KEY="${key}"`)).toBe(true);
    expect(KEY_PATTERN.test(`${key}x`)).toBe(false);
  });

  it('never repeats (1,000 keys, distinct ids and secrets)', () => {
    const keys = Array.from({ length: 1000 }, () => generateKey());
    expect(new Set(keys.map((k) => k.publicId)).size).toBe(1000);
    expect(new Set(keys.map((k) => k.key.slice(22, 54))).size).toBe(1000);
  });

  it('uses the whole base62 alphabet in secrets (no bias towards a few characters)', () => {
    const chars = new Set(
      Array.from({ length: 200 }, () => generateKey().key.slice(22, 54))
        .join('')
        .split(''),
    );
    expect(chars.size).toBe(62);
  });
});

describe('checksum', () => {
  it('is CRC-32 (IEEE) in 6 base62 characters', () => {
    expect(crc32('123456789')).toBe(0xcbf43926);
    expect(crc32('')).toBe(0);
    expect(toBase62(0, 6)).toBe('000000');
    expect(toBase62(61, 2)).toBe('0z');
    expect(toBase62(0xffffffff, 6)).toBe('4gfFC3');
    expect(checksumOf('klipy_api_x')).toHaveLength(6);
  });
});

describe('parseKey', () => {
  const { key } = generateKey();
  it.each([
    ['a bad prefix', `klipy_pk_${key.slice(10)}`],
    ['another product prefix', `ck_live_${key.slice(8)}`],
    ['one character short', key.slice(0, -1)],
    ['one character long', `${key}a`],
    ['a character outside base62', `${key.slice(0, 30)}_${key.slice(31)}`],
    ['a changed secret character', `${key.slice(0, 30)}${key[30] === 'a' ? 'b' : 'a'}${key.slice(31)}`],
    ['a changed checksum', `${key.slice(0, -1)}${key.at(-1) === '0' ? '1' : '0'}`],
    ['whitespace around it', ` ${key}`],
    ['the display prefix only', key.slice(0, 22)],
    ['an empty string', ''],
  ])('rejects %s', (_label, value) => {
    expect(parseKey(value)).toEqual({ ok: false });
  });

  it.each([undefined, null, 42, {}, [], Symbol('k')])(
    'rejects non-strings (%s) without throwing',
    (value) => {
      expect(parseKey(value)).toEqual({ ok: false });
    },
  );

  it('never throws and never accepts random garbage (fuzzed)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.anything()), (value) => {
        const result = parseKey(value);
        if (result.ok) throw new Error(`accepted ${String(value)}`);
      }),
      { numRuns: 5000 },
    );
  });

  it('rejects every single-character corruption of a real key (fuzzed)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: KEY_LENGTH - 1 }),
        fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'),
        (index, char) => {
          const { key: k } = generateKey();
          if (k[index] === char) return;
          const corrupted = `${k.slice(0, index)}${char}${k.slice(index + 1)}`;
          expect(parseKey(corrupted).ok).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('accepts well-formed keys of any content (fuzzed)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9A-Za-z]{44}$/), (body) => {
        const head = `${KEY_PREFIX}${body}`;
        expect(parseKey(`${head}${checksumOf(head)}`).ok).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('digestEquals', () => {
  it('compares digests in constant time and refuses malformed ones', () => {
    const d = hashKey('a');
    expect(digestEquals(d, hashKey('a'))).toBe(true);
    expect(digestEquals(d, hashKey('b'))).toBe(false);
    expect(digestEquals(d, d.slice(0, 10))).toBe(false);
    expect(digestEquals('', '')).toBe(false);
  });
});
