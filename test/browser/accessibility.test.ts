import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.js';
import { apiFetch, consoleFetch, DESKTOP, type Harness, MOBILE, signUp, startHarness } from './helpers.js';

/**
 * axe-core (the engine behind Lighthouse's accessibility audit) on every console screen,
 * signed out and signed in, at desktop and phone sizes: no serious or critical violation
 * of WCAG 2.x A/AA. /docs is Scalar's reference and is covered by its own tests.
 */
/** Creates a record through the console API and returns its id. */
const create = async (page: Page, path: string, body: unknown) =>
  String((await consoleFetch(page, 'POST', path, body)).body?.data?.id ?? 'undefined');

const SIGNED_OUT: [string, string][] = [
  ['/login', 'Log in'],
  ['/signup', 'Create your account'],
  ['/forgot-password', ''],
  ['/reset-password?token=not-a-real-token', ''],
  ['/accept-invite?token=not-a-real-token', ''],
];

const SIGNED_IN = [
  '/welcome',
  '/settings/api',
  '/settings/api/policy',
  '/settings/webhooks',
  '/settings/organization',
  '/usage',
  '/audit',
  '/members',
  '/crm/people',
  '/crm/companies',
  '/crm/interactions',
  '/crm/import',
  '/no-such-page',
];

describe.each([
  ['desktop', DESKTOP],
  ['mobile', MOBILE],
] as const)('accessibility of every screen (%s)', (label, viewport) => {
  let h: Harness;
  let page: Page;
  const records: string[] = [];
  beforeAll(async () => {
    h = await startHarness(viewport);
    page = h.page;
  });
  afterAll(async () => {
    await h?.close();
  });

  it.each(SIGNED_OUT)('%s has no serious or critical violations', async (path) => {
    await page.goto(path);
    await page.locator('h1, h2').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('signs up and seeds a company, a person and a key', async () => {
    await signUp(page, { email: `a11y-${label}@acme.test`, name: 'Ally Axe', org: 'Access Co' });
    const company = await create(page, '/crm/companies', {
      name: 'Engines',
      domain: `engines-${label}.test`,
    });
    const person = await create(page, '/crm/people', {
      firstName: 'Ada',
      email: `ada@engines-${label}.test`,
    });
    const key = (await consoleFetch(page, 'POST', '/keys', { name: 'CI', scopes: ['read'], expiresAt: null }))
      .body?.data as { key: string; apiKey: { id: string } } | undefined;
    // A few requests, so the key's page has its chart, last requests and history to check.
    expect((await apiFetch(page, String(key?.key), `/api/v1/people/${person}`)).status).toBe(200);
    expect(
      (await apiFetch(page, String(key?.key), '/api/v1/people/per_01J0000000000000000000000A')).status,
    ).toBe(404);
    records.push(`/crm/companies/${company}`, `/crm/people/${person}`, `/settings/api/${key?.apiKey.id}`);
    expect(records.every((r) => !r.endsWith('undefined'))).toBe(true);
  });

  it.each(SIGNED_IN)('%s has no serious or critical violations', async (path) => {
    await page.goto(path);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it("record pages, a key's page and the New key dialog have no serious or critical violations", async () => {
    for (const path of records) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      expect(await seriousViolations(page), path).toEqual([]);
    }
    await page.goto('/settings/api');
    await page
      .getByRole('button', { name: /New API key/ })
      .first()
      .click();
    await page.getByRole('dialog').waitFor();
    expect(await seriousViolations(page), 'New key dialog').toEqual([]);
  });
});
