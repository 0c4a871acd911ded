import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consoleFetch,
  DESKTOP,
  type Harness,
  MOBILE,
  openPage,
  shot,
  signUp,
  startHarness,
} from './helpers.js';

const activeTestId = (page: Page) =>
  page.evaluate(
    `(() => { const e = document.activeElement; return e ? (e.getAttribute('data-testid') || e.id || e.tagName) : ''; })()`,
  ) as Promise<string>;

describe.each([
  ['desktop', DESKTOP],
  ['mobile', MOBILE],
] as const)('console chrome and audit details (%s)', (label, viewport) => {
  let h: Harness;
  let page: Page;
  beforeAll(async () => {
    h = await startHarness(viewport);
    page = h.page;
    await signUp(page, { email: `chrome-${label}@acme.test`, name: 'Chris Chrome', org: 'Chrome Works' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('shows the organization in the header and offers "Skip to content" as the first Tab stop', async () => {
    await openPage(page, '/crm/people', 'People');
    expect(await page.getByTestId('org-name').textContent()).toBe('Chrome Works');
    await page.keyboard.press('Tab');
    expect(await activeTestId(page)).toBe('skip-link');
    await page.getByTestId('skip-link').waitFor({ state: 'visible' });
    await page.keyboard.press('Enter');
    await expect.poll(() => activeTestId(page)).toBe('main');
  });

  it('offers Retry on a failed load, and Retry loads the page', async () => {
    let fail = true;
    await page.route('**/console/api/crm/people/query', (route) =>
      fail ? route.fulfill({ status: 503, body: 'upstream down' }) : route.continue(),
    );
    await page.goto('/crm/people');
    const retry = page.getByTestId('retry');
    // react-query retries a failed load a few times before it shows the error.
    await retry.waitFor({ timeout: 30_000 });
    fail = false;
    await retry.click();
    await page.getByTestId('empty-state').waitFor();
    expect(await page.getByTestId('error-alert').count()).toBe(0);
    await page.unroute('**/console/api/crm/people/query');
  });

  it('opens an audit event in full, and still finds a deleted key in the key filter', async () => {
    const created = await consoleFetch(page, 'POST', '/keys', {
      name: `Doomed ${label}`,
      scopes: ['people:read'],
      expiresAt: null,
    });
    expect(created.status).toBe(201);
    const id = String((created.body?.data?.apiKey as { id?: string } | undefined)?.id ?? '');
    expect((await consoleFetch(page, 'DELETE', `/keys/${id}`)).status).toBeLessThan(300);

    await openPage(page, '/audit', 'Audit log');
    const deleted = page.locator('[data-testid="audit-row"][data-action="api_key.deleted"]').first();
    await deleted.getByTestId('audit-open').click();
    const details = page.getByTestId('audit-details-json');
    await details.waitFor();
    const json = JSON.parse((await details.textContent()) ?? '{}');
    expect(json).toMatchObject({ name: `Doomed ${label}`, scopes: ['people:read'] });
    await shot(page, `${label}-audit-details`);
    await page.getByRole('button', { name: 'Close dialog' }).click();

    await page.getByTestId('audit-filter-key').click();
    await page
      .getByRole('option', { name: new RegExp(`^Doomed ${label} · klipy_api_\\S+ \\(deleted\\)$`) })
      .click();
    await expect
      .poll(async () => page.locator('[data-testid="audit-row"]').evaluateAll((rows) => rows.length))
      .toBe(2); // created and deleted
  });
});
