import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DESKTOP,
  expectNoHorizontalScroll,
  type Harness,
  MOBILE,
  openPage,
  shot,
  signUp,
  startHarness,
} from './helpers.js';

/** The members page as the only owner, at desktop and phone sizes. */
describe.each([
  ['desktop', DESKTOP],
  ['mobile', MOBILE],
] as const)('members page as the only owner (%s)', (label, viewport) => {
  let h: Harness;
  let page: Page;
  beforeAll(async () => {
    h = await startHarness(viewport);
    page = h.page;
    await signUp(page, { email: `owner-${label}@acme.test`, name: 'Olga Owner', org: 'Members Co' });
    await openPage(page, '/members', 'Members');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('cannot demote or remove the only owner, and says why before anything is confirmed', async () => {
    const row = page.locator(`[data-testid="member-row"][data-email="owner-${label}@acme.test"]`);
    await row.waitFor();
    // No role picker on the last owner's row, a note instead.
    expect(await row.getByRole('combobox').count()).toBe(0);
    await row.getByTestId('last-owner-note').waitFor();
    const remove = row.getByRole('button', { name: /Remove .* \(not possible: the only owner\)/ });
    expect(await remove.getAttribute('aria-disabled')).toBe('true');
    await remove.click({ force: true }); // playwright treats aria-disabled as not clickable; a user can still try
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('describes what each role may do', async () => {
    const roles = page.getByTestId('role-descriptions');
    for (const r of ['owner', 'admin', 'developer', 'member'])
      await roles.getByText(r, { exact: true }).waitFor();
    expect(await roles.textContent()).toContain('No API keys');
    await expectNoHorizontalScroll(page, `members ${label}`);
    await shot(page, `${label}-members`, true);
  });
});
