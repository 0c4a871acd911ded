import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, type Harness, openPage, shot, signUp, startHarness } from './helpers.js';

/**
 * Issue 14 in the console at 1280×800: the New key dialog takes an IP allow-list and a
 * per-key limit, shows the server's per-entry and maximum errors on their fields, the list
 * shows both, and the edit dialog changes them.
 */
let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness(DESKTOP);
  page = h.page;
});
afterAll(async () => {
  await h?.close();
});

describe('key IP allow-list and rate limit', () => {
  it('creates a restricted key, naming a bad entry and a limit above the plan on their fields', async () => {
    await signUp(page, { email: 'owner@restrict.test', name: 'Rita Restrict', org: 'Restrict Co' });
    await openPage(page, '/settings/api', 'API keys');
    await page.getByTestId('new-key-button').click();
    const dialog = page.getByRole('dialog', { name: 'New API key' });
    await dialog.getByTestId('new-key-name').fill('Office only');
    await dialog.getByRole('checkbox', { name: 'people:read', exact: true }).check();
    await dialog.getByRole('radio', { name: 'No expiry', exact: true }).check();
    // The placeholder shows the plan's per-key limit (standard: 200).
    await expect
      .poll(() => dialog.getByTestId('key-rate-limit').getAttribute('placeholder'))
      .toContain('200');
    const allow = dialog.getByTestId('key-ip-allowlist');
    await allow.fill('203.0.113.7\nnot-an-ip');
    await dialog.getByTestId('key-rate-limit').fill('500');
    await dialog.getByTestId('new-key-submit').click();
    await dialog.getByText('Entry 2 (not-an-ip)').waitFor();
    await shot(page, 'key-restrictions-entry-error');
    await allow.fill('203.0.113.7\n2001:db8::/32');
    await dialog.getByTestId('new-key-submit').click();
    await dialog.getByText(/at most 200/).waitFor();
    await dialog.getByTestId('key-rate-limit').fill('60');
    await dialog.getByTestId('new-key-submit').click();
    const reveal = page.getByRole('dialog', { name: 'API key created' });
    await reveal.getByTestId('key-reveal').waitFor();
    await reveal.getByTestId('reveal-done').click();
    const row = page.locator('[data-key-name="Office only"]').first();
    await row.getByTestId('key-ip-badge').waitFor();
    expect(await row.getByTestId('key-ip-badge').textContent()).toBe('2 IP ranges');
    expect(await row.getByTestId('key-limit-badge').textContent()).toBe('60/min');
    await shot(page, 'key-restrictions-list');
  });

  it('edits them: one range left, the plan limit again', async () => {
    const row = page.locator('[data-key-name="Office only"]').first();
    await row.getByRole('button', { name: 'Actions for Office only' }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const dialog = page.getByTestId('edit-key-dialog');
    const allow = dialog.getByTestId('key-ip-allowlist');
    expect(await allow.inputValue()).toBe('203.0.113.7/32\n2001:db8::/32');
    expect(await dialog.getByTestId('key-rate-limit').inputValue()).toBe('60');
    await allow.fill('203.0.113.0/24');
    await dialog.getByTestId('key-rate-limit').fill('');
    await dialog.getByTestId('edit-key-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row.getByTestId('key-ip-badge').textContent()).toBe('203.0.113.0/24');
    expect(await row.getByTestId('key-limit-badge').count()).toBe(0);
    const keys = (await page.evaluate("fetch('/console/api/keys').then((r) => r.json())")) as {
      data: { name: string; ipAllowlist: string[]; rateLimitPerMinute: number | null }[];
    };
    expect(keys.data.find((k) => k.name === 'Office only')).toMatchObject({
      ipAllowlist: ['203.0.113.0/24'],
      rateLimitPerMinute: null,
    });
  });
});
