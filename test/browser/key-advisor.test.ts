import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiFetch,
  consoleFetch,
  DESKTOP,
  expectNoHorizontalScroll,
  type Harness,
  MOBILE,
  openPage,
  shot,
  signUp,
  startHarness,
} from './helpers.js';

/**
 * The least-privilege advisor at 1280×800: a key holding `write` that only reads and
 * writes people is flagged on the key list and its page, and "Narrow" cuts it down with
 * an audited edit.
 */
let h: Harness;
let page: Page;
let keyId = '';
let key = '';
let personId = '';

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
    key = created.data.key;
    const person = await apiFetch(page, key, '/api/v1/people', {
      method: 'POST',
      body: { email: 'p@advisor.test' },
    });
    expect(person.status).toBe(201);
    personId = (person.body as { data: { id: string } }).data.id;
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
    // Three more calls after the narrowing: a read, an unknown person (404), companies (403).
    expect((await apiFetch(page, key, `/api/v1/people/${personId}?expand=secret-query`)).status).toBe(200);
    expect((await apiFetch(page, key, '/api/v1/people/per_01J0000000000000000000000A')).status).toBe(404);
    expect((await apiFetch(page, key, '/api/v1/companies/query', { method: 'POST', body: {} })).status).toBe(
      403,
    );
    await row().getByTestId('key-link').click();
    await page.getByTestId('key-page').waitFor();
    expect(await page.getByTestId('key-used-scopes').textContent()).toBe('people:readpeople:write');
    await page.locator('[data-testid="key-audit-row"][data-action="api_key.updated"]').waitFor();
    expect(await page.locator('[data-testid="key-audit-row"][data-action="api_key.created"]').count()).toBe(
      1,
    );
    await shot(page, 'key-page', true);
  });

  it("lists the key's last requests newest first, charts them by status class, and tells its status history", async () => {
    const rows = page.getByTestId('key-request-row');
    await expect.poll(() => rows.count()).toBe(5);
    const seen = await rows.evaluateAll((trs) =>
      trs.map((tr) => `${tr.getAttribute('data-status')} ${tr.getAttribute('data-route')}`),
    );
    expect(seen).toEqual([
      '403 /api/v1/companies/query',
      '404 /api/v1/people/:personId',
      '200 /api/v1/people/:personId',
      '200 /api/v1/people/:personId',
      '201 /api/v1/people',
    ]);
    const table = (await page.getByTestId('key-requests').textContent()) ?? '';
    expect(table).toContain('POST');
    expect(table).toContain('127.0.0.1');
    expect(table).not.toContain('secret-query');
    expect(table).not.toContain(personId);
    await page.getByTestId('key-usage-chart').locator('svg').first().waitFor();
    expect(await page.getByTestId('key-usage-total').textContent()).toBe('5 requests, 2 failed (4xx/5xx)');
    const history = page.getByTestId('key-history-item');
    await expect.poll(() => history.count()).toBe(2);
    expect(await history.evaluateAll((li) => li.map((x) => x.getAttribute('data-kind')))).toEqual([
      'created',
      'edited',
    ]);
    expect(await history.nth(1).textContent()).toContain('Changed scopes');
    await page.getByTestId('key-history').scrollIntoViewIfNeeded();
    await shot(page, 'key-page-requests-history', true);
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

  it('status history after a roll (old key: rolled, stops working ahead; new key: by rolling) and a deletion', async () => {
    const rolled = await consoleFetch(page, 'POST', `/keys/${keyId}/roll`, { gracePeriodSeconds: 3600 });
    expect(rolled.status).toBe(201);
    const newId = String((rolled.body?.data?.apiKey as { id?: string } | undefined)?.id);
    const kinds = () =>
      page
        .getByTestId('key-history-item')
        .evaluateAll((li) =>
          li.map((x) => `${x.getAttribute('data-kind')}${x.getAttribute('data-upcoming') ? '?' : ''}`),
        );
    await page.goto(`/settings/api/${keyId}`);
    await expect.poll(kinds).toEqual(['created', 'edited', 'rolled', 'stopped?']);
    expect(
      await page.locator('[data-testid="key-history-item"][data-kind="rolled"]').textContent(),
    ).toContain('works until the grace period ends');
    await page.goto(`/settings/api/${newId}`);
    await expect.poll(kinds).toEqual(['created']);
    expect(await page.getByTestId('key-history-item').textContent()).toContain('By rolling Sync');
    await page.getByText('No requests with this key yet').waitFor();
    // Revoked from its own page: the history follows without a reload.
    await page.getByTestId('key-actions').click();
    await page.getByTestId('key-action-revoke').click();
    const confirm = page.getByRole('dialog', { name: /^Revoke / });
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await expect.poll(kinds).toEqual(['created', 'revoked']);

    const list = await consoleFetch(page, 'GET', '/keys');
    const short = ((list.body?.data ?? []) as unknown as { id: string; name: string }[]).find(
      (k) => k.name === 'Short-lived',
    );
    expect((await consoleFetch(page, 'DELETE', `/keys/${short?.id}`)).status).toBe(200);
    await page.goto(`/settings/api/${short?.id}`);
    await page.getByRole('heading', { name: 'Short-lived (deleted)', level: 1 }).waitFor();
    await expect.poll(kinds).toEqual(['created', 'deleted']);
    await page.locator('[data-testid="key-audit-row"][data-action="api_key.deleted"]').waitFor();
    await page.goto('/settings/api/key_01J0000000000000000000000A');
    await page.getByRole('heading', { name: 'Key not found', level: 1 }).waitFor();
  });

  it("the key's page fits a phone (390×844): no sideways scroll, tables scroll in their own box", async () => {
    await page.setViewportSize(MOBILE);
    await page.goto(`/settings/api/${keyId}`);
    await page.getByTestId('key-requests').waitFor();
    await page.getByTestId('key-history').waitFor();
    await expectNoHorizontalScroll(page, 'key page');
    await shot(page, 'key-page-mobile', true);
    await page.setViewportSize(DESKTOP);
  });
});
