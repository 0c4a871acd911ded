/**
 * Per-key IP allow-lists (issue 14), pure: parse, normalise, match.
 *
 * Usage:
 *   normaliseAllowlist(['10.0.0.5', '2001:db8::/32'])   // { ok: true, list: ['10.0.0.5/32', '2001:db8::/32'] }
 *   normaliseAllowlist(['10.0.0.300'])                   // { ok: false, fields: [{ path: 'ipAllowlist.0', … }] }
 *   ipAllowed(['10.0.0.0/8'], '::ffff:10.1.2.3')         // true (IPv4-mapped IPv6 is its IPv4 address)
 *
 * An entry is a CIDR range or a bare address (IPv4 → /32, IPv6 → /128). Normal form: the
 * network address and prefix (`10.1.2.3/8` → `10.0.0.0/8`), IPv4-mapped IPv6 ranges
 * (`::ffff:10.0.0.0/104`) as their IPv4 range, duplicates dropped, order kept. An empty
 * list allows every address. Parsing is ipaddr.js, as for every other client address.
 */
import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import type { FieldError } from '../errors.js';

/** At most this many entries per key (ranges, not addresses: a /16 is one entry). */
export const MAX_ALLOWLIST_ENTRIES = 50;
const MAX_ENTRY_LENGTH = 64;

type Range = [ipaddr.IPv4 | ipaddr.IPv6, number];

/** One entry in normal form, or null when it is neither an address nor a CIDR range. */
export function normaliseCidr(raw: string): string | null {
  const range = parseRange(raw);
  if (!range) return null;
  const [addr, bits] = range;
  const network =
    addr.kind() === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(`${addr.toString()}/${bits}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${addr.toString()}/${bits}`);
  return `${network.toString()}/${bits}`;
}

function parseRange(raw: string): Range | null {
  const text = raw.trim();
  // A zone id (`fe80::1%eth0`) names an interface of this host, never a remote client.
  if (text.length === 0 || text.length > MAX_ENTRY_LENGTH || text.includes('%')) return null;
  let range: Range;
  try {
    if (text.includes('/')) {
      // Strict digits only: ipaddr.js would take "/08" or "/+8" too.
      if (!/\/\d{1,3}$/.test(text)) return null;
      range = ipaddr.parseCIDR(text);
    } else {
      if (!ipaddr.isValid(text)) return null;
      const addr = ipaddr.parse(text);
      range = [addr, addr.kind() === 'ipv4' ? 32 : 128];
    }
  } catch {
    return null;
  }
  const [addr, bits] = range;
  // Only dotted-quad IPv4 ("10.1" or "0x0a000001" parse too, but nobody means them).
  if (addr.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(text.split('/')[0] ?? '')) return null;
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
    return [(addr as ipaddr.IPv6).toIPv4Address(), bits - 96];
  }
  return range;
}

export type NormalisedAllowlist = { ok: true; list: string[] } | { ok: false; fields: FieldError[] };

/** Validates and normalises a whole list; field errors name each bad entry by index. */
export function normaliseAllowlist(entries: readonly string[], field = 'ipAllowlist'): NormalisedAllowlist {
  const fields: FieldError[] = [];
  if (entries.length > MAX_ALLOWLIST_ENTRIES) {
    fields.push({ path: field, message: `must have at most ${MAX_ALLOWLIST_ENTRIES} entries` });
  }
  const list: string[] = [];
  entries.forEach((entry, i) => {
    const normal = typeof entry === 'string' ? normaliseCidr(entry) : null;
    if (normal === null) {
      fields.push({
        path: `${field}.${i}`,
        message: `${JSON.stringify(String(entry).slice(0, MAX_ENTRY_LENGTH))} is not an IPv4/IPv6 address or CIDR range (e.g. 203.0.113.0/24, 2001:db8::/32)`,
      });
    } else if (!list.includes(normal)) list.push(normal);
  });
  return fields.length > 0 ? { ok: false, fields } : { ok: true, list };
}

/** The request body field: validated entry by entry, returned in normal form. */
export const ipAllowlistSchema = z
  .array(z.string({ error: 'must be a string' }))
  .superRefine((entries, ctx) => {
    const result = normaliseAllowlist(entries, '');
    if (result.ok) return;
    for (const f of result.fields) {
      const index = f.path.slice(1);
      ctx.addIssue({ code: 'custom', message: f.message, path: index ? [Number(index)] : [] });
    }
  })
  .transform((entries) => {
    const result = normaliseAllowlist(entries);
    return result.ok ? result.list : entries;
  })
  .meta({
    description: `CIDR ranges (IPv4 or IPv6; a bare address is /32 or /128) the key may be used from, at most ${MAX_ALLOWLIST_ENTRIES}. Empty: any address. Stored in normal form (network address, IPv4-mapped ranges as IPv4, no duplicates).`,
    example: ['203.0.113.0/24', '2001:db8::/32'],
  });

/** True when `text` is one IPv4 (dotted quad) or IPv6 address. */
export function isIpAddress(text: string): boolean {
  const t = text.trim();
  if (t.includes('/') || t.includes('%') || !ipaddr.isValid(t)) return false;
  return ipaddr.parse(t).kind() === 'ipv6' || ipaddr.IPv4.isValidFourPartDecimal(t);
}

/** Parsed once per distinct list: verification checks it on every request. */
const parsedCache = new Map<string, Range[]>();
const MAX_PARSED = 1000;

function parsedRanges(list: readonly string[]): Range[] {
  const cacheKey = list.join(',');
  const hit = parsedCache.get(cacheKey);
  if (hit) return hit;
  const ranges = list.map(parseRange).filter((r): r is Range => r !== null);
  if (parsedCache.size >= MAX_PARSED) parsedCache.clear();
  parsedCache.set(cacheKey, ranges);
  return ranges;
}

/**
 * True when `ip` may use a key with this allow-list: the list is empty, or the address
 * lies in one of its ranges. IPv4-mapped IPv6 addresses match as IPv4. An address that
 * does not parse (e.g. `unknown`) never matches a non-empty list (fail closed).
 */
export function ipAllowed(list: readonly string[], ip: string): boolean {
  if (list.length === 0) return true;
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    if (!ipaddr.isValid(ip.trim())) return false;
    addr = ipaddr.process(ip.trim());
  } catch {
    return false;
  }
  return parsedRanges(list).some(([network, bits]) => {
    if (network.kind() !== addr.kind()) return false;
    return addr.match([network, bits] as never);
  });
}
