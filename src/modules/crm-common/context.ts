import type { Actor, RequestContext } from '../audit/actor.js';

/**
 * Who is calling a CRM operation and for which organization. The public API builds it
 * from an API key's principal, the console from the session; the services do not care.
 */
export interface CrmContext {
  orgId: string;
  actor: Actor;
  request?: RequestContext;
}
