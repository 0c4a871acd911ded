import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleClient, type TestApp } from '../helpers/app.js';
import { fetchOpenApiDocument } from '../openapi/document.js';
import { type ApiClient, createCrmTestApp, crmCounts, newClient } from './helpers.js';
import { crmOperationsOf, type DocOperation, fillPath, seedRecords } from './operations.js';

// Every id-taking route, from the document: another organization's id is a 404 and
// changes nothing, with a key (all scopes) and with a console session.
let t: TestApp;
let idRoutes: DocOperation[];
let owner: ApiClient;
let ids: Record<string, string>;
beforeAll(async () => {
  t = await createCrmTestApp();
  idRoutes = crmOperationsOf(await fetchOpenApiDocument(t.app)).filter((op) => op.template.includes('{'));
  owner = await newClient(t);
  ids = await seedRecords(owner);
});
afterAll(() => t.close());

/** A valid PATCH body for the route's resource (interactions have no tags). */
const patchBody = (op: DocOperation, tag: string) =>
  op.method !== 'PATCH'
    ? undefined
    : op.template.startsWith('/interactions')
      ? { title: tag }
      : { tags: [tag] };

describe('cross-organization access', () => {
  it('covers every id-taking route (get, update, delete of each resource)', () => {
    expect(idRoutes.map((o) => `${o.method} ${o.template}`).sort()).toEqual([
      'DELETE /companies/{companyId}',
      'DELETE /interactions/{interactionId}',
      'DELETE /people/{personId}',
      'GET /companies/{companyId}',
      'GET /interactions/{interactionId}',
      'GET /people/{personId}',
      'PATCH /companies/{companyId}',
      'PATCH /interactions/{interactionId}',
      'PATCH /people/{personId}',
    ]);
  });

  it("answers 404 to another organization's key on every id-taking route, changing nothing", async () => {
    const intruder = await newClient(t, ['ALL']);
    const before = await crmCounts(t.deps, owner.orgId);
    for (const op of idRoutes) {
      const res = await intruder.request(op.method, fillPath(op.template, ids), patchBody(op, 'stolen'));
      expect(res.status, `${op.method} ${op.template}`).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect(await crmCounts(t.deps, owner.orgId)).toEqual(before);
    const interaction = await owner.request('GET', `/interactions/${ids.interactionId}`);
    expect(interaction.body.data.title).toBeNull();
  });

  it("answers 404 to another organization's console session on every id-taking route", async () => {
    const stranger = new ConsoleClient(t.app);
    await stranger.signup();
    for (const op of idRoutes) {
      const res = await stranger.request(op.method, `/crm${fillPath(op.template, ids)}`, patchBody(op, 'x'));
      expect(res.status, `${op.method} ${op.template}`).toBe(404);
    }
  });

  it('the owner still reaches them (control)', async () => {
    for (const op of idRoutes.filter((o) => o.method === 'GET')) {
      expect((await owner.request('GET', fillPath(op.template, ids))).status).toBe(200);
    }
  });
});
