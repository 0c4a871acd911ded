import { parsePhoneNumberWithError } from 'libphonenumber-js';

/** Lower-cases and trims an email address (the dedupe key for people). */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** The domain part of a normalised email, or null when there is none. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  return at > 0 && at < email.length - 1 ? email.slice(at + 1) : null;
}

/**
 * Parses a phone number to E.164 (`+14155550123`). Numbers without a `+` country code
 * are read as `defaultCountry` when given. Returns null when the number is not valid,
 * so the caller can report the field instead of storing garbage.
 */
export function toE164(phone: string, defaultCountry?: string): string | null {
  try {
    const parsed = parsePhoneNumberWithError(
      phone,
      defaultCountry ? { defaultCountry: defaultCountry as never } : undefined,
    );
    return parsed.isValid() ? parsed.number : null;
  } catch {
    return null;
  }
}

/**
 * Reduces a website URL or domain to a bare lower-case host without `www.`
 * (`https://WWW.Acme.com/about` → `acme.com`). Null when it is not a plausible host.
 */
export function normalizeDomain(input: string): string | null {
  let text = input.trim().toLowerCase();
  if (!text) return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//.test(text)) text = `http://${text}`;
  let host: string;
  try {
    host = new URL(text).hostname;
  } catch {
    return null;
  }
  host = host.replace(/^www\./, '').replace(/\.$/, '');
  return /^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z0-9-]{2,63}$/.test(host) ? host : null;
}

/**
 * Canonical LinkedIn URL for dedupe: https, `www.linkedin.com`, no query, fragment or
 * trailing slash, lower-case path (`linkedin.com/in/Ada/` → `https://www.linkedin.com/in/ada`).
 * Null when it is not a LinkedIn URL.
 */
export function normalizeLinkedinUrl(input: string): string | null {
  let text = input.trim();
  if (!/^https?:\/\//i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const host = url.hostname.toLowerCase();
  if (host !== 'linkedin.com' && !host.endsWith('.linkedin.com')) return null;
  const path = decodeURIComponentSafe(url.pathname).toLowerCase().replace(/\/+$/, '');
  if (!path || path === '') return null;
  return `https://www.linkedin.com${path}`;
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
