import { describe, expect, it } from 'vitest';
import { canonicalIp, ipLimitId } from '../../src/infra/ip.js';

describe('canonicalIp', () => {
  it('returns a plain dotted quad as it is', () => {
    for (const ip of ['0.0.0.0', '10.0.0.1', '198.51.100.9', '255.255.255.255', '1.22.199.250'])
      expect(canonicalIp(ip)).toBe(ip);
  });

  it('folds every other spelling of an IPv4 address to the dotted quad', () => {
    expect(canonicalIp('::ffff:c633:6409')).toBe('198.51.100.9');
    expect(canonicalIp('::ffff:198.51.100.9')).toBe('198.51.100.9');
    expect(canonicalIp('0:0:0:0:0:ffff:c633:6409')).toBe('198.51.100.9');
    expect(canonicalIp(' 198.51.100.9 ')).toBe('198.51.100.9');
    // Leading zeros and hex parts are not the fast path's plain form: the parser decides.
    expect(canonicalIp('0xc6.51.100.9')).toBe('198.51.100.9');
    expect(canonicalIp('198.051.100.9')).not.toBe('198.051.100.9');
  });

  it('leaves what is not an address trimmed and lower-cased', () => {
    expect(canonicalIp('256.1.1.1')).toBe('256.1.1.1');
    expect(canonicalIp(' Unknown ')).toBe('unknown');
  });

  it('counts IPv6 per /64 and IPv4 per address', () => {
    expect(ipLimitId('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(ipLimitId('198.51.100.9')).toBe('198.51.100.9');
  });
});
