import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFetch, DESKTOP, type Harness, openPage, shot, signUp, startHarness } from './helpers.js';

/**
 * The least-privilege advisor at 1280×800: a key holding `write` that only reads and
 * writes people is flagged on the key list and its page, and "Narrow" cuts it down with
 * an audited edit.
 */
let h: Harness;
let page: Page;
let keyId = '';

beforeAll(async () => {
  h = await startHarness(DESKTOP);
  page = h.page;
});
afterAll(async () => {
  await h?.close();
});

const row = () => page.locator(`[data-testid="key-row"][data-key-id="${keyId}"]`);

describe('least-privilege advisor', () => {
  it('flags a key that uses 2 of the 9 scopes it holds, above and in the list', async () => {
    await signUp(page, { email: 'owner@advisor.test', name: 'Ada Admin', org: 'Advisor Co' });
    const created = (await page.evaluate(
      `fetch('/console/api/keys', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Sync', scopes: ['write'], expiresAt: null }) }).then((r) => r.json())`,
    )) as { data: { key: string; apiKey: { id: string } } };
    keyId = created.data.apiKey.id;
    const key = created.data.key;
    const person = await apiFetch(page, key, '/api/v1/people', {
      method: 'POST',
      body: { email: 'p@advisor.test' },
    });
    expect(person.status).toBe(201);
    const personId = (person.body as { data: { id: string } }).data.id;
    const got = await apiFetch(page, key, `/api/v1/people/${personId}`);
    expect(got.status).toBe(200);

    await openPage(page, '/settings/api', 'API keys');
    await page.getByTestId('key-summary-overPrivileged').waitFor();
    expect(await page.getByTestId('key-summary-overPrivileged').textContent()).toContain('1 over-privileged');
    expect(await page.getByTestId('key-summary-neverExpiring').textContent()).toContain('1 never expiring');
    const advice = row().getByTestId('key-advice-narrow');
    expect(await advice.textContent()).toBe('Uses 2 of 9 scopes — narrow to people:read, people:write');
    await shot(page, 'key-advisor-list');
  });

  it('Narrow replaces the scopes with the used ones, and the advice goes away', async () => {
    await row().getByTestId('key-narrow').click();
    await expect
      .poll(async () => (await row().getByTestId('key-scopes').textContent())?.replace(/\s+/g, ' '))
      .toBe('people:readpeople:write');
    await expect.poll(() => row().getByTestId('key-advice-narrow').count()).toBe(0);
    await expect.poll(() => page.getByTestId('key-summary-overPrivileged').count()).toBe(0);
  });

  it("the key's page shows scopes held and used and its audit events, the narrowing among them", async () => {
    await row().getByTestId('key-link').click();
    await page.getByTestId('key-page').waitFor();
    expect(await page.getByTestId('key-used-scopes').textContent()).toBe('people:readpeople:write');
    await page.locator('[data-testid="key-audit-row"][data-action="api_key.updated"]').waitFor();
    expect(await page.locator('[data-testid="key-audit-row"][data-action="api_key.created"]').count()).toBe(
      1,
    );
    await shot(page, 'key-page', true);
  });

  it('the first-run page and the summary show a key expiring within 7 days', async () => {
    const inThreeDays = new Date(Date.now() + 3 * 86_400_000).toISOString();
    const made = (await page.evaluate(
      `fetch('/console/api/keys', { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Short-lived', scopes: ['read'], expiresAt: '${inThreeDays}' }) }).then((r) => r.status)`,
    )) as number;
    expect(made).toBe(201);
    await page.goto('/welcome');
    await page.getByTestId('expiring-keys').waitFor();
    expect(await page.getByTestId('expiring-key').count()).toBe(1);
    expect(await page.getByTestId('expiring-key').textContent()).toContain('Short-lived');
    await openPage(page, '/settings/api', 'API keys');
    await page.getByTestId('key-summary-expiringSoon').waitFor();
    expect(await page.getByTestId('key-summary-expiringSoon').textContent()).toContain(
      '1 expiring within 7 days',
    );
  });

  it('searches the key list by name or prefix, filters by status and sorts', async () => {
    const rows = page.locator('[data-testid="key-row"]');
    await expect.poll(() => rows.count()).toBe(2);
    await page.getByTestId('key-search').fill('short');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute('data-key-name')).toBe('Short-lived');
    const syncPrefix = await page.evaluate(
      `fetch('/console/api/keys').then((r) => r.json()).then((b) => b.data.find((k) => k.id === '${keyId}').prefix)`,
    );
    await page.getByTestId('key-search').fill(String(syncPrefix));
    await expect.poll(() => rows.first().getAttribute('data-key-name')).toBe('Sync');
    expect(await rows.count()).toBe(1);
    await page.getByTestId('key-search').fill('');
    await page.getByTestId('key-sort').click();
    await page.getByRole('option', { name: 'Name' }).click();
    await expect.poll(() => rows.first().getAttribute('data-key-name')).toBe('Short-lived');
    await page.getByTestId('key-sort').click();
    await page.getByRole('option', { name: 'Oldest first' }).click();
    await expect.poll(() => rows.first().getAttribute('data-key-name')).toBe('Sync');
    await page.getByTestId('key-status-filter').click();
    await page.getByRole('option', { name: 'Revoked' }).click();
    await page.getByText('No keys match').waitFor();
  });
});
