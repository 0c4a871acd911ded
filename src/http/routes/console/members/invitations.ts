import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  acceptInvitation,
  createInvitation,
  invitationAccount,
  listInvitations,
  previewInvitation,
  revokeInvitation,
} from '../../../../modules/invitations/invitations.js';
import { renewInvitationLink } from '../../../../modules/invitations/renew-invitation-link.js';
import { getMe } from '../../../../modules/users/get-me.js';
import { acceptInvitationInput, invitationInput } from '../../../../modules/users/schemas.js';
import { createSession, loadSession } from '../../../../modules/users/sessions.js';
import type { App } from '../../../env.js';
import { ok } from '../../../envelope.js';
import { ownOrigin } from '../../../middleware/csrf.js';
import {
  activeOrg,
  requirePermission,
  requireSession,
  setSessionCookie,
} from '../../../middleware/session.js';
import { withLoginGuard } from '../accounts/login-guard.js';
import { sessionActor } from '../actor.js';
import { described, jsonBody } from '../schemas.js';

const admin = [requireSession, requirePermission('member.invite')];

const createInvitationRoute = createRoute({
  method: 'post',
  path: '/invitations',
  summary: 'Invite someone: emailed when SMTP_URL is set; the link to share is returned either way',
  middleware: admin,
  request: jsonBody(invitationInput),
  responses: described(201, 'The invitation, its token and link'),
});
const listRoute = createRoute({
  method: 'get',
  path: '/invitations',
  summary: 'Pending invitations',
  middleware: admin,
  responses: described(200, 'Invitations'),
});
const revokeRoute = createRoute({
  method: 'delete',
  path: '/invitations/{id}',
  summary: 'Revoke a pending invitation',
  middleware: admin,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: described(200, 'Revoked'),
});
const renewRoute = createRoute({
  method: 'post',
  path: '/invitations/{id}/link',
  summary:
    'A new link for a pending invitation (the old link stops working, 7 more days; emailed again when SMTP_URL is set)',
  middleware: admin,
  request: { params: z.object({ id: z.string().min(1).max(64) }) },
  responses: described(200, 'The invitation, its new token and link'),
});
const previewRoute = createRoute({
  method: 'get',
  path: '/invitations/preview',
  summary: 'What an invitation token is for',
  request: { query: z.object({ token: z.string().min(10).max(200) }) },
  responses: described(200, 'The invitation'),
});
const acceptRoute = createRoute({
  method: 'post',
  path: '/invitations/accept',
  summary: 'Accept an invitation and start a session',
  request: jsonBody(acceptInvitationInput),
  responses: described(200, 'The signed-in user'),
});

/** The accept link a token makes on this server's own origin. */
const acceptLink = (c: Context) => (token: string) =>
  `${ownOrigin(c)}/accept-invite?token=${encodeURIComponent(token)}`;

export const registerInvitations = (app: App) => {
  app.openapi(createInvitationRoute, async (c) => {
    const input = c.req.valid('json');
    const linkFor = acceptLink(c);
    const result = await createInvitation(c.get('deps'), {
      ...input,
      orgId: activeOrg(c).id,
      actor: sessionActor(c),
      linkFor,
    });
    const url = linkFor(result.token);
    // The token is a credential shown once, like a new key: never cached.
    c.header('Cache-Control', 'no-store');
    return ok(c, { token: result.token, url, invitation: result.invitation, emailed: result.emailed }, 201);
  });
  app.openapi(renewRoute, async (c) => {
    const linkFor = acceptLink(c);
    const result = await renewInvitationLink(c.get('deps'), {
      orgId: activeOrg(c).id,
      id: c.req.valid('param').id,
      actor: sessionActor(c),
      linkFor,
    });
    c.header('Cache-Control', 'no-store');
    return ok(c, {
      token: result.token,
      url: linkFor(result.token),
      invitation: result.invitation,
      emailed: result.emailed,
    });
  });
  app.openapi(listRoute, async (c) => ok(c, await listInvitations(c.get('deps'), activeOrg(c).id)));
  app.openapi(revokeRoute, async (c) => {
    await revokeInvitation(c.get('deps'), {
      orgId: activeOrg(c).id,
      id: c.req.valid('param').id,
      actor: sessionActor(c),
    });
    return ok(c, { revoked: true });
  });
  app.openapi(previewRoute, async (c) =>
    ok(c, await previewInvitation(c.get('deps'), c.req.valid('query').token)),
  );
  app.openapi(acceptRoute, async (c) => {
    const deps = c.get('deps');
    const input = c.req.valid('json');
    // For an existing account this checks its password: throttled like the login form.
    const { email, hasAccount } = await invitationAccount(deps, input.token);
    const accept = () => acceptInvitation(deps, input);
    const { user, orgId } = hasAccount ? await withLoginGuard(c, email, accept) : await accept();
    const { token, expiresAt } = await createSession(deps, user.id, orgId);
    setSessionCookie(c, token, expiresAt);
    const session = await loadSession(deps, token);
    return ok(c, await getMe(deps, session ?? { user, org: null }));
  });
};
