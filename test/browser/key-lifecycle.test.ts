import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiResult,
  apiFetch,
  DESKTOP,
  type Harness,
  openPage,
  shot,
  signUp,
  startHarness,
} from './helpers.js';

/**
 * One organization's API key lifecycle driven through the console at 1280×800, each
 * change checked against the public API with `fetch` from the page.
 */
const ORG = 'Acme Browser Tests';
const KEY_RE = /^klipy_api_[0-9A-Za-z]{20,}$/;

/** The `key` object of a GET /authenticate answer. */
const keyInfo = (r: ApiResult) => r.body?.data?.key as { kind?: string; endsAt?: string | null } | undefined;

let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness(DESKTOP);
  page = h.page;
});
afterAll(async () => {
  await h?.close();
});

const row = (name: string, status?: string) =>
  page.locator(
    `[data-testid="key-row"][data-key-name="${name}"]${status ? `[data-status="${status}"]` : ''}`,
  );

async function rowAction(r: Locator, action: 'edit' | 'roll' | 'revoke' | 'delete') {
  await r.getByTestId('key-actions').click();
  await page.getByTestId(`key-action-${action}`).click();
}

/** Reads a revealed key: un-masks it with the eye and returns the input's value. */
async function readRevealedKey(dialog: Locator): Promise<string> {
  const input = dialog.getByTestId('revealed-key');
  await dialog.getByTestId('reveal-key').click();
  await expect.poll(() => input.getAttribute('data-masked')).toBe('false');
  return input.inputValue();
}

/** Creates a key in the "New API key" dialog and returns the plaintext. */
async function createKey(name: string, scopes: string[], expiry: string): Promise<string> {
  await page.getByTestId('new-key-button').click();
  const dialog = page.getByRole('dialog', { name: 'New API key' });
  await dialog.waitFor();
  await dialog.getByTestId('new-key-name').fill(name);
  for (const s of scopes) {
    const box = dialog.getByRole('checkbox', { name: s, exact: true });
    await box.check();
    expect(await box.isChecked()).toBe(true);
  }
  await dialog.getByRole('radio', { name: expiry, exact: true }).check();
  await dialog.getByTestId('new-key-submit').click();
  const reveal = page.getByRole('dialog', { name: 'API key created' });
  await reveal.getByTestId('key-reveal').waitFor();
  return readRevealedKey(reveal);
}

describe('API key lifecycle in the console', () => {
  let key1 = '';
  let prefix1 = '';

  it('signs up through the UI and lands on the welcome screen', async () => {
    await signUp(page, { email: 'dev@acme.test', name: 'Dana Dev', org: ORG });
    await expect.poll(() => page.getByText(ORG).first().isVisible()).toBe(true);
    await openPage(page, '/settings/api', 'API keys');
    await page.getByText('No API keys yet').waitFor();
  });

  it('creates a key with two scopes and a 30-day expiry; the reveal is masked, then revealed and copied', async () => {
    await page.getByTestId('new-key-button').click();
    const dialog = page.getByRole('dialog', { name: 'New API key' });
    await dialog.waitFor();
    // The form step can be dismissed with its named ✕ (the reveal step cannot: below).
    await dialog.getByRole('button', { name: 'Close dialog' }).waitFor();
    // No scope is preselected; 30 days is the default expiry.
    const boxes = dialog.getByRole('checkbox');
    expect(await boxes.count()).toBeGreaterThanOrEqual(12);
    for (const b of await boxes.all()) expect(await b.isChecked()).toBe(false);
    // Submitting empty shows both errors instead of calling the API.
    await dialog.getByTestId('new-key-submit').click();
    await dialog.getByText('Name is required').waitFor();
    await dialog.getByText('Select at least one scope').waitFor();

    // ALL grants every scope: the finer boxes show that instead of staying ticked or blank.
    const all = dialog.getByRole('checkbox', { name: 'ALL', exact: true });
    const peopleRead = dialog.getByRole('checkbox', { name: 'people:read', exact: true });
    await all.check();
    expect(await peopleRead.isChecked()).toBe(true);
    expect(await peopleRead.isDisabled()).toBe(true);
    expect(await dialog.getByTestId('scope-people:read').getAttribute('data-covered-by')).toBe('ALL');
    await dialog.getByText('Included in ALL').first().waitFor();
    await all.uncheck();
    expect(await peopleRead.isChecked()).toBe(false);
    expect(await peopleRead.isDisabled()).toBe(false);

    await dialog.getByTestId('new-key-name').fill('crm-sync');
    await dialog.getByRole('checkbox', { name: 'people:read', exact: true }).check();
    await dialog.getByRole('checkbox', { name: 'companies:read', exact: true }).check();
    const thirty = dialog.getByRole('radio', { name: '30 days', exact: true });
    await thirty.check();
    expect(await thirty.isChecked()).toBe(true);
    await expect.poll(() => dialog.getByText('Select at least one scope').count()).toBe(0);
    // Scroll the dialog back to its top so the screenshot shows the filled-in name.
    await dialog.evaluate((el) => {
      el.scrollTop = 0;
    });
    await shot(page, 'desktop-new-key-dialog');
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/console/api/keys') && r.request().method() === 'POST',
    );
    await dialog.getByTestId('new-key-submit').click();
    const createdRes = await created;
    expect(createdRes.status()).toBe(201);
    const createdBody = (await createdRes.json()) as {
      data: { apiKey: { prefix: string; scopes: string[]; expiresAt: string } };
    };
    expect(createdBody.data.apiKey.scopes.sort()).toEqual(['companies:read', 'people:read']);
    const days = (Date.parse(createdBody.data.apiKey.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
    prefix1 = createdBody.data.apiKey.prefix;

    const reveal = page.getByRole('dialog', { name: 'API key created' });
    await reveal.getByTestId('key-once-warning').waitFor();
    const input = reveal.getByTestId('revealed-key');
    expect(await input.getAttribute('data-masked')).toBe('true');
    const masked = await input.inputValue();
    expect(masked.startsWith(prefix1)).toBe(true);
    expect(masked).toContain('•');
    expect(masked).not.toMatch(KEY_RE);
    expect(await reveal.getByTestId('snippet-header').textContent()).not.toMatch(
      /klipy_api_[0-9A-Za-z]{30,}/,
    );
    expect(await reveal.getByTestId('snippet-sdk').textContent()).not.toMatch(/klipy_api_[0-9A-Za-z]{30,}/);
    await shot(page, 'desktop-key-reveal-masked');

    await reveal.getByRole('button', { name: 'Reveal key' }).click();
    await expect.poll(() => input.getAttribute('data-masked')).toBe('false');
    key1 = await input.inputValue();
    expect(key1).toMatch(KEY_RE);
    expect(key1.startsWith(prefix1)).toBe(true);
    expect(await reveal.getByTestId('snippet-header').textContent()).toContain(`X-Klipy-Api-Key: ${key1}`);
    expect(await reveal.getByTestId('snippet-bearer').textContent()).toContain(
      `Authorization: Bearer ${key1}`,
    );
    expect(await reveal.getByTestId('snippet-sdk').textContent()).toContain(`new Klipy({ apiKey: '${key1}'`);
    await reveal.getByRole('button', { name: 'Hide key' }).waitFor();
    await shot(page, 'desktop-key-reveal');

    // A slip cannot lose the key: Escape and a click outside leave the reveal open, and it has no ✕.
    await page.keyboard.press('Escape');
    await page.mouse.click(5, 5);
    expect(await reveal.isVisible()).toBe(true);
    expect(await reveal.getByRole('button', { name: 'Close dialog' }).count()).toBe(0);

    await reveal.getByTestId('copy-key').click();
    await reveal.getByRole('button', { name: 'Copied', exact: true }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(key1);

    await reveal.getByTestId('reveal-done').click();
    await reveal.waitFor({ state: 'hidden' });
    const r = row('crm-sync', 'active');
    await r.waitFor();
    expect(await r.getByTestId('key-prefix').textContent()).toBe(prefix1);
    expect(await r.getByTestId('key-scopes').textContent()).toContain('people:read');
    expect(await r.getByTestId('key-scopes').textContent()).toContain('companies:read');
  });

  it('the key works from the page: authenticate and people query', async () => {
    const auth = await apiFetch(page, key1, '/api/v1/authenticate');
    expect(auth.status).toBe(200);
    expect(auth.body?.data?.team_name).toBe(ORG);
    const people = await apiFetch(page, key1, '/api/v1/people/query', { method: 'POST', body: {} });
    expect(people.status).toBe(200);
    const companies = await apiFetch(page, key1, '/api/v1/companies/query', { method: 'POST', body: {} });
    expect(companies.status).toBe(200);
  });

  it('removing people:read in the edit dialog gives 403 on people while companies still works', async () => {
    await rowAction(row('crm-sync', 'active'), 'edit');
    const dialog = page.getByRole('dialog', { name: 'Edit crm-sync' });
    await dialog.waitFor();
    const people = dialog.getByRole('checkbox', { name: 'people:read', exact: true });
    expect(await people.isChecked()).toBe(true);
    await people.uncheck();
    expect(await dialog.getByTestId('edit-key-expiry').isDisabled()).toBe(true);
    await dialog.getByTestId('edit-key-submit').click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => row('crm-sync').getByTestId('key-scopes').textContent()).toBe('companies:read');

    const denied = await apiFetch(page, key1, '/api/v1/people/query', { method: 'POST', body: {} });
    expect(denied.status).toBe(403);
    expect(denied.body?.error?.details?.required_scope).toBe('people:read');
    const companies = await apiFetch(page, key1, '/api/v1/companies/query', { method: 'POST', body: {} });
    expect(companies.status).toBe(200);
  });

  it('revoking with confirmation gives 401 reason revoked', async () => {
    await rowAction(row('crm-sync', 'active'), 'revoke');
    const confirm = page.getByRole('dialog', { name: 'Revoke crm-sync?' });
    await confirm.waitFor();
    // Cancel first: nothing changes.
    await confirm.getByTestId('confirm-cancel').click();
    await confirm.waitFor({ state: 'hidden' });
    expect((await apiFetch(page, key1, '/api/v1/authenticate')).status).toBe(200);

    await rowAction(row('crm-sync', 'active'), 'revoke');
    await confirm.getByText(prefix1).waitFor();
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await row('crm-sync', 'revoked').waitFor();
    expect(await row('crm-sync').getByTestId('key-status').textContent()).toBe('revoked');

    const res = await apiFetch(page, key1, '/api/v1/authenticate');
    expect(res.status).toBe(401);
    expect(res.body?.error?.details?.reason).toBe('revoked');
  });

  it('rolling with a 1-hour grace period keeps the old key working next to the new one', async () => {
    const oldKey = await createKey('warehouse-export', ['companies:read', 'people:read'], '7 days');
    const done = page.getByRole('dialog', { name: 'API key created' }).getByTestId('reveal-done');
    await done.click();
    await done.waitFor({ state: 'hidden' });
    await row('warehouse-export', 'active').waitFor();
    expect((await apiFetch(page, oldKey, '/api/v1/authenticate')).status).toBe(200);

    await rowAction(row('warehouse-export', 'active'), 'roll');
    const dialog = page.getByRole('dialog', { name: 'Roll warehouse-export' });
    await dialog.waitFor();
    // Rolling renews: the default is the old key's 7-day lifetime counted from today.
    const renew = dialog.getByRole('radio', { name: /^Same lifetime, from today: 7 days/ });
    expect(await renew.isChecked()).toBe(true);
    const hour = dialog.getByRole('radio', { name: '1 hour', exact: true });
    await hour.check();
    expect(await hour.isChecked()).toBe(true);
    const rolled = page.waitForResponse((r) => /\/console\/api\/keys\/[^/]+\/roll$/.test(r.url()));
    await dialog.getByTestId('roll-submit').click();
    const rollBody = (await (await rolled).json()) as {
      data: { apiKey: { prefix: string; expiresAt: string } };
    };
    const newDays = (Date.parse(rollBody.data.apiKey.expiresAt) - Date.now()) / 86_400_000;
    expect(newDays).toBeGreaterThan(6.9);
    expect(newDays).toBeLessThan(7.1);
    const issued = page.getByRole('dialog', { name: 'New key issued' });
    await issued.getByTestId('key-reveal').waitFor();
    const newKey = await readRevealedKey(issued);
    expect(newKey).toMatch(KEY_RE);
    expect(newKey).not.toBe(oldKey);
    expect(newKey.startsWith(rollBody.data.apiKey.prefix)).toBe(true);
    await issued.getByTestId('reveal-done').click();
    await issued.waitFor({ state: 'hidden' });

    // Two active rows with that name; the old one says it was rolled.
    await expect.poll(() => row('warehouse-export', 'active').count()).toBe(2);
    await row('warehouse-export').getByTestId('key-rolled').waitFor();
    // The old one is marked as on its way out, not green "active"; the new one is listed first.
    const rows = row('warehouse-export', 'active');
    expect(await rows.nth(0).getByTestId('key-status').textContent()).toBe('active');
    expect(await rows.nth(1).getByTestId('key-status').textContent()).toBe('rolled');
    expect(await rows.nth(0).getByTestId('key-prefix').textContent()).toBe(rollBody.data.apiKey.prefix);

    for (const k of [oldKey, newKey]) {
      const res = await apiFetch(page, k, '/api/v1/authenticate');
      expect(res.status).toBe(200);
      expect(res.body?.data?.team_name).toBe(ORG);
      expect((await apiFetch(page, k, '/api/v1/people/query', { method: 'POST', body: {} })).status).toBe(
        200,
      );
    }
    const old = await apiFetch(page, oldKey, '/api/v1/authenticate');
    const endsAt = Date.parse(String(keyInfo(old)?.endsAt));
    expect(endsAt - Date.now()).toBeGreaterThan(55 * 60_000);
    expect(endsAt - Date.now()).toBeLessThanOrEqual(3600_000);
  });

  it('"Generate test token" on /docs makes a playground key that authenticates and is listed as playground', async () => {
    await page.goto('/docs');
    const button = page.getByRole('button', { name: 'Generate test token' });
    await button.waitFor();
    const minted = page.waitForResponse((r) => r.url().endsWith('/console/api/playground-keys'));
    await button.click();
    const res = await minted;
    expect(res.status()).toBe(201);
    const body = (await res.json()) as { data: { key: string; apiKey: { prefix: string; kind: string } } };
    expect(body.data.apiKey.kind).toBe('playground');
    await expect
      .poll(() => page.locator('#klipy-playground-status').textContent())
      .toContain(body.data.apiKey.prefix);

    const auth = await apiFetch(page, body.data.key, '/api/v1/authenticate');
    expect(auth.status).toBe(200);
    expect(keyInfo(auth)?.kind).toBe('playground');
    // Read-only by default.
    const write = await apiFetch(page, body.data.key, '/api/v1/people', {
      method: 'POST',
      body: { first_name: 'Nope' },
    });
    expect(write.status).toBe(403);

    await openPage(page, '/settings/api', 'API keys');
    const r = row('Docs playground (temp)', 'active');
    await r.waitFor();
    await r.getByTestId('playground-tag').waitFor();
    expect(await r.getByTestId('key-prefix').textContent()).toBe(body.data.apiKey.prefix);
    // Only the playground key carries the tag.
    expect(await page.getByTestId('playground-tag').count()).toBe(1);
    // Every row's 7-day sparkline has loaded before the screenshot.
    const rows = await page.getByTestId('key-row').count();
    expect(rows).toBe(4);
    await expect.poll(() => page.getByTestId('key-sparkline').count()).toBe(rows);
    await shot(page, 'desktop-key-list');
  });

  it('the usage page charts the traffic', async () => {
    await openPage(page, '/usage', 'Usage');
    const total = page.getByTestId('usage-total');
    await total.waitFor();
    // 14 requests with a valid key so far (the 401s of the revoked key have no key to count).
    await expect.poll(() => total.textContent()).toBe('14');
    await page.locator('.recharts-bar-rectangle').filter({ visible: true }).first().waitFor();
    expect(await page.locator('.recharts-bar-rectangle').filter({ visible: true }).count()).toBeGreaterThan(
      0,
    );
    // The 24-hour axis spans the whole day (empty hours included), not one bar.
    expect(
      await page
        .locator('svg text')
        .filter({ hasText: /^\d{2}:\d{2}( [AP]M)?$/ })
        .count(),
    ).toBeGreaterThanOrEqual(6);
    const endpoints = page.getByTestId('top-endpoints');
    await endpoints.waitFor();
    expect(await endpoints.textContent()).toContain('/authenticate');
    await shot(page, 'desktop-usage', true);

    // Last 7 days: day buckets, labelled by date, today's bar drawn.
    await page.getByTestId('usage-range').click();
    await page.getByRole('option', { name: 'Last 7 days' }).click();
    const today = new Intl.DateTimeFormat('en-US', {
      month: 'short',
      day: 'numeric',
      timeZone: 'UTC',
    }).format(new Date());
    await page.locator('svg text').filter({ hasText: today }).first().waitFor();
    // Every day of the range is on the axis, not just the one with traffic.
    expect(
      await page
        .locator('svg text')
        .filter({ hasText: /^[A-Z][a-z]{2} \d{1,2}$/ })
        .count(),
    ).toBeGreaterThanOrEqual(7);
    expect(await total.textContent()).toBe('14');
    await page.locator('.recharts-bar-rectangle').filter({ visible: true }).first().waitFor();
    await shot(page, 'desktop-usage-7d');
  });

  it('the audit log lists created, updated, revoked, rolled and playground events', async () => {
    await openPage(page, '/audit', 'Audit log');
    await page.getByTestId('audit-row').first().waitFor();
    const actions = await page
      .getByTestId('audit-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    for (const a of [
      'api_key.created',
      'api_key.updated',
      'api_key.revoked',
      'api_key.rolled',
      'api_key.playground_created',
    ])
      expect(actions, `audit log has ${a}`).toContain(a);
    expect(actions.filter((a) => a === 'api_key.created')).toHaveLength(2);
    // The plaintext of a key never shows in the log.
    expect(await page.locator('body').textContent()).not.toMatch(/klipy_api_[0-9A-Za-z]{30,}/);
    await shot(page, 'desktop-audit');
  });

  it('talked only to 127.0.0.1', () => {
    expect(h.external).toEqual([]);
  });
});
