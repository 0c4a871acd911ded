/**
 * Client addresses as identities (PRODUCT.md §5: failed authentications are limited per
 * client IP).
 *
 * Usage:
 *   canonicalIp('::ffff:c633:6409')          // '198.51.100.9' (what audit rows and last-used show)
 *   ipLimitId('2001:db8:1:2:aaaa::1')        // '2001:db8:1:2::/64' (what a per-IP counter counts)
 *
 * Why: a counter keyed on the raw text gives every spelling of one address its own budget
 * (`::ffff:198.51.100.9`, `::ffff:c633:6409`, `0:0:0:0:0:ffff:c633:6409`, …), and one
 * IPv6 host owns a whole /64 (SLAAC, privacy addresses), so counting single IPv6
 * addresses lets it rotate through 2^64 budgets. IPv4-mapped and IPv4-compatible forms
 * fold to IPv4; IPv6 counts per /64. Parsing is ipaddr.js (the parser Express trusts).
 */
import ipaddr from 'ipaddr.js';

function parse(raw: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const text = raw.trim();
  if (!ipaddr.isValid(text)) return null;
  try {
    // `process` turns IPv4-mapped IPv6 (::ffff:a.b.c.d in any spelling) into IPv4.
    return ipaddr.process(text);
  } catch {
    return null;
  }
}

/** Dotted-quad IPv4 already in its canonical spelling (no leading zeros, each part ≤ 255). */
const PLAIN_IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** The address in one canonical spelling; unparseable text comes back trimmed and lower-cased. */
export function canonicalIp(raw: string): string {
  // Nearly every address is plain IPv4: skip the parser (a few % of a request's CPU).
  if (PLAIN_IPV4.test(raw)) return raw;
  const addr = parse(raw);
  return addr ? addr.toString() : raw.trim().toLowerCase();
}

/** The identity per-client limits count: an IPv4 address, or the IPv6 /64 it belongs to. */
export function ipLimitId(raw: string): string {
  const addr = parse(raw);
  if (!addr) return raw.trim().toLowerCase();
  if (addr.kind() === 'ipv4') return addr.toString();
  const parts = (addr as ipaddr.IPv6).parts.slice(0, 4);
  const prefix = ipaddr.IPv6.parse(`${parts.map((p) => p.toString(16)).join(':')}::`);
  return `${prefix.toString()}/64`;
}
