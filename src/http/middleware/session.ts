import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { type Action, minimumRole, roleRefusal } from '../../modules/access/permissions.js';
import { type Role, roleAtLeast } from '../../modules/orgs/roles.js';
import { loadSession } from '../../modules/users/sessions.js';
import type { AppEnv } from '../env.js';
import { fail } from '../envelope.js';

export const SESSION_COOKIE = 'klipy_session';

const isHttps = (c: Context<AppEnv>) => {
  const { config } = c.get('deps');
  if (config.KLIPY_PUBLIC_URL) return config.KLIPY_PUBLIC_URL.startsWith('https://');
  if (config.KLIPY_TRUST_PROXY && c.req.header('x-forwarded-proto') === 'https') return true;
  return new URL(c.req.url).protocol === 'https:';
};

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure when served over https. */
export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: Date) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    path: '/',
    expires: expiresAt,
  });
}

export const clearSessionCookie = (c: Context<AppEnv>) => deleteCookie(c, SESSION_COOKIE, { path: '/' });

/** Requires a valid session; sets `c.var.session`. */
export const requireSession: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = getCookie(c, SESSION_COOKIE);
  const session = token ? await loadSession(c.get('deps'), token) : null;
  if (!session) return fail(c, 'unauthorized', 'Log in to continue.', { reason: 'session' });
  c.set('session', session);
  return next();
};

/** Requires an active organization where the user has at least `minimum`. */
export const requireRole =
  (minimum: Role): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const { org } = c.get('session');
    if (!org)
      return fail(c, 'forbidden', 'You do not belong to an organization.', { reason: 'no_organization' });
    if (!roleAtLeast(org.role, minimum)) {
      return fail(c, 'forbidden', `This needs the ${minimum} role or higher; you are ${org.role}.`, {
        reason: 'role',
        required_role: minimum,
      });
    }
    return next();
  };

/**
 * Requires an active organization where the user's role may do `action` to at least the
 * objects they own (the permission table); ownership itself is checked by the service.
 */
export const requirePermission =
  (action: Action): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const { org } = c.get('session');
    if (!org)
      return fail(c, 'forbidden', 'You do not belong to an organization.', { reason: 'no_organization' });
    const minimum = minimumRole(action);
    if (minimum === null || !roleAtLeast(org.role, minimum)) {
      const refusal = roleRefusal(action, org.role, 'own');
      return fail(c, 'forbidden', refusal.message, refusal.details);
    }
    return next();
  };

/** The active organization of a request that passed `requireRole`. */
export const activeOrg = (c: Context<AppEnv>) => {
  const { org } = c.get('session');
  if (!org) throw new Error('activeOrg() used without requireRole()');
  return org;
};
