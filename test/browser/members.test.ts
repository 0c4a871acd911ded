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

  it('gives a pending invitation a new link to copy, and the old link stops working', async () => {
    const email = `invitee-${label}@acme.test`;
    await page.getByTestId('invite-email').fill(email);
    await page.getByTestId('invite-submit').click();
    const first = (await page.getByTestId('invite-url').textContent()) ?? '';
    expect(first).toMatch(/\/accept-invite\?token=/);
    const row = page.locator(`[data-testid="invitation-row"][data-email="${email}"]`);
    await row.getByTestId('invitation-new-link').click();
    const url = page.getByTestId('renewed-invitation-url');
    await url.waitFor();
    const second = await url.inputValue();
    expect(second).toMatch(/\/accept-invite\?token=/);
    expect(second).not.toBe(first);
    await page.getByTestId('copy-renewed-link').click();
    await page.getByRole('button', { name: 'Copied', exact: true }).waitFor();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(second);
    await page.getByRole('button', { name: 'Done' }).click();
    const old = await page.evaluate(
      `fetch('/console/api/invitations/preview?token=' + new URL(${JSON.stringify(first)}).searchParams.get('token')).then((r) => r.status)`,
    );
    expect(old).toBe(404);
  });
});
