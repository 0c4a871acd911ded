import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, type Harness, openPage, shot, signUp, startHarness } from './helpers.js';

/**
 * Settings → Key policy at 1280×800: an owner sets a maximum lifetime and a scope cap,
 * and the New key dialog shows both limits before the server would refuse.
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

describe('key policy screen', () => {
  it('signs up and opens the policy from the key list, with the defaults', async () => {
    await signUp(page, { email: 'owner@policy.test', name: 'Olive Owner', org: 'Policy Co' });
    await openPage(page, '/settings/api', 'API keys');
    await page.getByTestId('key-policy-link').click();
    await page.getByRole('heading', { name: 'Key policy', level: 1 }).waitFor();
    expect(await page.getByTestId('policy-limit-lifetime').isChecked()).toBe(false);
    expect(await page.getByTestId('policy-allow-no-expiry').isChecked()).toBe(true);
  });

  it('refuses an out-of-range lifetime on the field, then saves a 30-day maximum and an owner cap', async () => {
    await page.getByTestId('policy-limit-lifetime').check();
    const lifetime = page.getByTestId('policy-max-lifetime');
    await lifetime.fill('0');
    await page.getByTestId('policy-save').click();
    await page.getByText('Enter a whole number from 1 to 3650').first().waitFor();
    await lifetime.fill('30');
    await page.getByTestId('policy-cap-owner').click();
    await page.getByRole('option', { name: 'read', exact: true }).click();
    await page.keyboard.press('Escape');
    await page.getByTestId('policy-save').click();
    await page.getByTestId('policy-saved').waitFor();
    await shot(page, 'key-policy-saved', true);
    // What the server now holds.
    const saved = (await page.evaluate(
      "fetch('/console/api/organization/key-policy').then((r) => r.json())",
    )) as { data: { maxLifetimeDays: number; maxScopesByRole: Record<string, string[]> } };
    expect(saved.data.maxLifetimeDays).toBe(30);
    expect(saved.data.maxScopesByRole).toEqual({ owner: ['read'] });
  });

  it('the New key dialog disables what the policy forbids and creates a key within it', async () => {
    await openPage(page, '/settings/api', 'API keys');
    await page.getByTestId('new-key-button').click();
    const dialog = page.getByRole('dialog', { name: 'New API key' });
    await dialog.getByTestId('expiry-policy-note').waitFor();
    expect(await dialog.getByTestId('expiry-policy-note').textContent()).toContain('within 30 days');
    for (const name of ['60 days', '90 days', 'No expiry']) {
      expect(await dialog.getByRole('radio', { name, exact: true }).isDisabled(), name).toBe(true);
    }
    expect(await dialog.getByRole('radio', { name: '30 days', exact: true }).isChecked()).toBe(true);
    for (const s of ['people:write', 'write', 'ALL']) {
      expect(await dialog.getByRole('checkbox', { name: s, exact: true }).isDisabled(), s).toBe(true);
    }
    await dialog.getByTestId('new-key-name').fill('Within policy');
    await dialog.getByRole('checkbox', { name: 'people:read', exact: true }).check();
    await shot(page, 'key-policy-new-key-dialog');
    await dialog.getByTestId('new-key-submit').click();
    await page.getByRole('dialog', { name: 'API key created' }).getByTestId('key-reveal').waitFor();
  });
});
