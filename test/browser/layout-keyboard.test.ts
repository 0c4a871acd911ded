import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiFetch,
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
 * The console on a 390×844 phone (cards instead of tables, screenshots), keyboard use of
 * the "New API key" dialog, and no sideways scrolling on the keys, usage and audit pages
 * at 1280×800 and 390×844.
 */
let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness(MOBILE);
  page = h.page;
});
afterAll(async () => {
  await h?.close();
});

interface Focused {
  tag: string;
  type: string | null;
  testid: string | null;
  name: string;
  inDialog: boolean;
}

/** What has keyboard focus, named as a screen reader would roughly name it. */
const focused = () =>
  page.evaluate(`(() => {
    const e = document.activeElement;
    if (!e) return null;
    const label = e.getAttribute('aria-label') || (e.labels && e.labels[0] ? e.labels[0].textContent : '') || e.textContent || '';
    return {
      tag: e.tagName.toLowerCase(),
      type: e.getAttribute('type'),
      testid: e.getAttribute('data-testid'),
      name: label.trim(),
      inDialog: !!e.closest('[role="dialog"]'),
    };
  })()`) as Promise<Focused | null>;

const PAGES = [
  { path: '/settings/api', heading: 'API keys', ready: '[data-testid="key-row"]' },
  { path: '/usage', heading: 'Usage', ready: '[data-testid="top-endpoints"]' },
  { path: '/audit', heading: 'Audit log', ready: '[data-testid="audit-row"]' },
];

describe('console on a phone, keyboard and layout', () => {
  let key = '';

  it('signs up and creates a key at 390×844', async () => {
    await signUp(page, { email: 'mobile@acme.test', name: 'Mo Bile', org: 'Pocket Org' });
    await openPage(page, '/settings/api', 'API keys');
    await page.getByText('No API keys yet').waitFor();
    await page.getByTestId('new-key-button').click();
    const dialog = page.getByRole('dialog', { name: 'New API key' });
    await dialog.waitFor();
    await dialog.getByTestId('new-key-name').fill('phone-integration');
    await dialog.getByRole('checkbox', { name: 'people:read', exact: true }).check();
    await dialog.getByRole('checkbox', { name: 'interactions:read', exact: true }).check();
    await dialog.getByRole('radio', { name: '90 days', exact: true }).check();
    await expectNoHorizontalScroll(page, 'new key dialog at 390');
    // Scroll the dialog back to its top so the screenshot shows the filled-in name.
    await dialog.evaluate((el) => {
      el.scrollTop = 0;
    });
    await shot(page, 'mobile-new-key-dialog');
    await dialog.getByTestId('new-key-submit').click();

    const reveal = page.getByRole('dialog', { name: 'API key created' });
    const input = reveal.getByTestId('revealed-key');
    await input.waitFor();
    expect(await input.getAttribute('data-masked')).toBe('true');
    await reveal.getByTestId('reveal-key').click();
    await expect.poll(() => input.getAttribute('data-masked')).toBe('false');
    key = await input.inputValue();
    expect(key).toMatch(/^klipy_api_[0-9A-Za-z]{20,}$/);
    await expectNoHorizontalScroll(page, 'key reveal at 390');
    await shot(page, 'mobile-key-reveal');
    await reveal.getByTestId('reveal-done').click();
    await reveal.waitFor({ state: 'hidden' });
  });

  it('shows keys as cards on a phone, playground key tagged', async () => {
    // Some traffic (2xx and a 403) for the usage chart and the sparkline.
    for (let i = 0; i < 4; i++) expect((await apiFetch(page, key, '/api/v1/authenticate')).status).toBe(200);
    for (let i = 0; i < 3; i++)
      expect((await apiFetch(page, key, '/api/v1/people/query', { method: 'POST', body: {} })).status).toBe(
        200,
      );
    const denied = await apiFetch(page, key, '/api/v1/companies/query', { method: 'POST', body: {} });
    expect(denied.status).toBe(403);
    // A playground key, minted the way /docs does it.
    const minted = (await page.evaluate(`fetch('/console/api/playground-keys', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}',
    }).then((r) => r.status)`)) as number;
    expect(minted).toBe(201);

    await openPage(page, '/settings/api', 'API keys');
    await page.getByTestId('keys-cards').waitFor();
    expect(await page.getByTestId('keys-table').count()).toBe(0);
    await expect.poll(() => page.getByTestId('key-row').count()).toBe(2);
    await page
      .locator('[data-testid="key-row"][data-key-name="Docs playground (temp)"]')
      .getByTestId('playground-tag')
      .waitFor();
    const card = page.locator('[data-testid="key-row"][data-key-name="phone-integration"]');
    await card.getByTestId('key-sparkline').locator('svg').waitFor();
    expect(await card.getByTestId('key-sparkline').getAttribute('aria-label')).toMatch(/: 8 requests/);
    await expect.poll(() => page.getByTestId('key-sparkline').count()).toBe(2);
    await shot(page, 'mobile-key-list', true);
  });

  it('usage and audit pages at 390×844', async () => {
    await openPage(page, '/usage', 'Usage');
    await expect.poll(() => page.getByTestId('usage-total').textContent()).toBe('8');
    await page.locator('.recharts-bar-rectangle').filter({ visible: true }).first().waitFor();
    await page.getByTestId('top-endpoints').waitFor();
    await shot(page, 'mobile-usage', true);

    await openPage(page, '/audit', 'Audit log');
    await page.locator('[data-testid="audit-row"][data-action="api_key.created"]').waitFor();
    await page.locator('[data-testid="audit-row"][data-action="api_key.playground_created"]').waitFor();
    await shot(page, 'mobile-audit', true);
  });

  for (const [label, viewport] of [
    ['1280×800', DESKTOP],
    ['390×844', MOBILE],
  ] as const)
    it(`no horizontal scroll on keys, usage and audit at ${label}`, async () => {
      await page.setViewportSize(viewport);
      for (const p of PAGES) {
        await openPage(page, p.path, p.heading);
        await page.locator(p.ready).first().waitFor();
        await expectNoHorizontalScroll(page, `${p.path} at ${label}`);
      }
    });

  it('the New API key dialog works from the keyboard: opens, Tab reaches its fields, Esc closes it', async () => {
    await page.setViewportSize(DESKTOP);
    await openPage(page, '/settings/api', 'API keys');
    const button = page.getByTestId('new-key-button');
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'New API key' });
    await dialog.waitFor();
    // Focus starts in the name field.
    await expect.poll(async () => (await focused())?.testid).toBe('new-key-name');
    await page.keyboard.type('keyboard-only');
    expect(await dialog.getByTestId('new-key-name').inputValue()).toBe('keyboard-only');

    // Tab walks through the scopes, the expiry and the buttons without leaving the dialog.
    const seen: Focused[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const f = await focused();
      expect(f?.inDialog, `Tab ${i + 1} left the dialog`).toBe(true);
      if (f) seen.push(f);
      if (f?.name === 'people:read') {
        await page.keyboard.press('Space');
        expect(await dialog.getByRole('checkbox', { name: 'people:read', exact: true }).isChecked()).toBe(
          true,
        );
      }
      if (f?.testid === 'new-key-submit') break;
    }
    const names = seen.map((f) => f.name);
    for (const n of [
      'ALL',
      'people:read',
      'companies:read',
      'interactions:remove',
      '30 days',
      'Cancel',
      'Create key',
    ])
      expect(names, `Tab reaches ${n}`).toContain(n);
    expect(seen.find((f) => f.name === '30 days')?.type).toBe('radio');

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // Focus goes back to the button that opened it; nothing was created.
    await expect.poll(async () => (await focused())?.testid).toBe('new-key-button');
    expect(await page.locator('[data-testid="key-row"][data-key-name="keyboard-only"]').count()).toBe(0);
  });

  it('talked only to 127.0.0.1', () => {
    expect(h.external).toEqual([]);
  });
});
