import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFetch, consoleFetch, DESKTOP, type Harness, SHOTS_DIR, signUp, startHarness } from './helpers.js';

/**
 * The README's screenshots, taken from a real server and browser. `npm run screenshots`
 * (KLIPY_SCREENSHOTS=1) writes them to docs/screenshots; in the normal browser run the
 * same walk is a test and writes to test-output/ only, so the documented screens keep working.
 */
const OUT = process.env.KLIPY_SCREENSHOTS
  ? fileURLToPath(new URL('../../docs/screenshots', import.meta.url))
  : `${SHOTS_DIR}/readme`;

const save = (page: Page, name: string) =>
  page.screenshot({ path: `${OUT}/${name}.png`, animations: 'disabled', caret: 'hide' });

const consolePost = (page: Page, path: string, body: unknown) => consoleFetch(page, 'POST', path, body);

/** A few API calls with a key, so its page has requests to chart and list (2xx, a 404, a 403). */
async function someTraffic(page: Page, key: string) {
  for (const email of ['zap-1@pipeline.test', 'zap-2@pipeline.test', 'zap-3@pipeline.test']) {
    const made = await apiFetch(page, key, '/api/v1/people', { method: 'POST', body: { email } });
    expect(made.status).toBe(201);
    const id = String(made.body?.data?.id);
    expect((await apiFetch(page, key, `/api/v1/people/${id}`)).status).toBe(200);
  }
  expect((await apiFetch(page, key, '/api/v1/people/query', { method: 'POST', body: {} })).status).toBe(200);
  expect((await apiFetch(page, key, '/api/v1/people/per_01J0000000000000000000000A')).status).toBe(404);
  expect((await apiFetch(page, key, '/api/v1/companies/query', { method: 'POST', body: {} })).status).toBe(
    403,
  );
}

describe('README screenshots', () => {
  let h: Harness;
  let page: Page;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    h = await startHarness(DESKTOP);
    page = h.page;
    await signUp(page, { email: 'founder@acme.test', name: 'Frida Founder', org: 'Acme Robotics' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('key list and the one-time reveal', async () => {
    for (const [name, scopes] of [
      ['Zapier sync', ['people:read', 'people:write']],
      ['Warehouse export', ['read']],
    ] as const) {
      const made = await consolePost(page, '/keys', { name, scopes, expiresAt: null });
      expect(made.status).toBe(201);
      if (name === 'Zapier sync') await someTraffic(page, String(made.body?.data?.key));
    }
    await page.goto('/settings/api');
    await page.getByTestId('new-key-button').click();
    const dialog = page.getByRole('dialog', { name: 'New API key' });
    await dialog.getByTestId('new-key-name').fill('Billing webhook relay');
    await dialog.getByRole('checkbox', { name: 'companies:read', exact: true }).check();
    await dialog.getByRole('radio', { name: '30 days', exact: true }).check();
    await dialog.getByTestId('new-key-submit').click();
    const reveal = page.getByRole('dialog', { name: 'API key created' });
    await reveal.getByTestId('key-reveal').waitFor();
    await save(page, 'key-reveal');
    await reveal.getByTestId('copy-key').click();
    await reveal.getByTestId('reveal-done').click();
    await page.locator('[data-testid="key-row"]').nth(2).waitFor();
    await save(page, 'key-list');
  });

  it('roll dialog and the per-key page', async () => {
    const row = page.locator('[data-testid="key-row"][data-key-name="Zapier sync"]');
    await row.getByTestId('key-actions').click();
    await page.getByTestId('key-action-roll').click();
    await page.getByRole('dialog', { name: 'Roll Zapier sync' }).waitFor();
    await save(page, 'key-roll');
    await page.getByRole('button', { name: 'Close dialog' }).click();
    await row.getByRole('link', { name: 'Zapier sync' }).click();
    await page.waitForURL(/\/settings\/api\/key_/);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.getByRole('status').count()).toBe(0); // every "Loading…" is done
    await page.getByTestId('key-usage-chart').locator('svg').first().waitFor();
    await page.getByTestId('key-request-row').first().waitFor();
    await page.getByTestId('key-history-item').first().waitFor();
    await save(page, 'key-page');
  });

  it('person page and members page', async () => {
    const company = await consolePost(page, '/crm/companies', {
      name: 'Analytical Engines',
      domain: 'engines.test',
    });
    expect(company.status).toBe(201);
    const person = await consolePost(page, '/crm/people', {
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'ada@engines.test',
      phone: '+442079460958',
      title: 'Head of Engineering',
      leadStatus: 'CONTACTED',
      leadSource: 'Paris meetup',
      tags: ['vip', 'beta'],
      remarks: 'Wants the batch API for the nightly import.',
    });
    expect(person.status).toBe(201);
    await consolePost(page, '/crm/interactions', {
      type: 'MEETING',
      title: 'Intro call',
      summary: 'Walked through keys and scopes; follow up with the SDK docs.',
      mainContact: person.body?.data?.id,
    });
    await page.goto(`/crm/people/${person.body?.data?.id}`);
    await page.getByTestId('interaction-timeline').waitFor();
    await page.getByTestId('company-link').getByText('Analytical Engines').waitFor();
    await save(page, 'person-page');
    await consolePost(page, '/invitations', { email: 'dev@acme.test', role: 'developer' });
    await page.goto('/members');
    await page.getByRole('heading', { name: 'Members', level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await save(page, 'members');
  });
});
