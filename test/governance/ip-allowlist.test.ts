import { describe, expect, it } from 'vitest';
import { ipAllowed, normaliseAllowlist, normaliseCidr } from '../../src/modules/api-keys/ip-allowlist.js';
import { IpRefusalThrottle, PER_KEY_PER_MINUTE } from '../../src/modules/api-keys/record-ip-refusal.js';

describe('normaliseCidr', () => {
  it.each([
    ['192.0.2.7', '192.0.2.7/32'],
    ['192.0.2.7/24', '192.0.2.0/24'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['2001:DB8:0:0::1', '2001:db8::1/128'],
    ['2001:db8::ff/32', '2001:db8::/32'],
    ['::/0', '::/0'],
    ['::ffff:192.0.2.0/120', '192.0.2.0/24'],
    ['::ffff:192.0.2.9', '192.0.2.9/32'],
  ])('%s → %s', (raw, normal) => expect(normaliseCidr(raw)).toBe(normal));

  it.each([
    '',
    ' ',
    '192.0.2',
    '192.0.2.256',
    '192.0.2.0/33',
    '192.0.2.0/-1',
    '192.0.2.0/',
    '2001:db8::/129',
    'fe80::1%eth0',
    '0x7f000001',
    'example.com',
    `${'1'.repeat(70)}`,
  ])('refuses %j', (raw) => expect(normaliseCidr(raw)).toBeNull());

  it('drops duplicates (in any spelling), keeps order, names each bad entry by index', () => {
    expect(normaliseAllowlist(['10.0.0.0/8', '10.9.9.9/8', '192.0.2.1'])).toEqual({
      ok: true,
      list: ['10.0.0.0/8', '192.0.2.1/32'],
    });
    const bad = normaliseAllowlist(['10.0.0.0/8', 'x', '10.0.0.0/40']);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.fields.map((f) => f.path)).toEqual(['ipAllowlist.1', 'ipAllowlist.2']);
  });
});

describe('ipAllowed', () => {
  it('allows anything with an empty list, and never an unparseable address with a non-empty one', () => {
    expect(ipAllowed([], 'unknown')).toBe(true);
    expect(ipAllowed(['0.0.0.0/0'], 'unknown')).toBe(false);
  });
  it('matches IPv4, IPv6 and IPv4-mapped IPv6 against the right family only', () => {
    const list = ['192.0.2.0/24', '2001:db8::/32'];
    expect(ipAllowed(list, '192.0.2.200')).toBe(true);
    expect(ipAllowed(list, '::ffff:192.0.2.200')).toBe(true);
    expect(ipAllowed(list, '2001:db8:ffff::1')).toBe(true);
    expect(ipAllowed(list, '192.0.3.1')).toBe(false);
    expect(ipAllowed(list, '2001:db9::1')).toBe(false);
    expect(ipAllowed(['0.0.0.0/0'], '2001:db8::1')).toBe(false);
    expect(ipAllowed(['::/0'], '192.0.2.1')).toBe(false);
  });
});

describe('IpRefusalThrottle', () => {
  it('one per key per address (IPv6 per /64) per minute, at most PER_KEY_PER_MINUTE per key', () => {
    const t = new IpRefusalThrottle();
    expect(t.take('k1', '192.0.2.1', 0)).toBe(true);
    expect(t.take('k1', '192.0.2.1', 59_999)).toBe(false);
    expect(t.take('k2', '192.0.2.1', 1)).toBe(true);
    expect(t.take('k1', '2001:db8:1:2::1', 2)).toBe(true);
    expect(t.take('k1', '2001:db8:1:2::ffff', 3)).toBe(false);
    expect(t.take('k1', '192.0.2.1', 60_000)).toBe(true);
    const many = new IpRefusalThrottle();
    const taken = Array.from({ length: 30 }, (_, i) => many.take('k', `198.51.100.${i}`, i)).filter(Boolean);
    expect(taken).toHaveLength(PER_KEY_PER_MINUTE);
    expect(many.take('k', '198.51.100.200', 60_000)).toBe(true);
  });
});
