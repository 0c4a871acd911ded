import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, type Harness, signUp, startHarness } from './helpers.js';

/** /docs signed out: a way to a test key instead of a button that silently is not there. */
describe('/docs when signed out', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(DESKTOP);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('offers "Log in to get a test key", and after logging in comes back to /docs with the button', async () => {
    const { page } = h;
    await signUp(page, { email: 'docs@acme.test', name: 'Dora Docs', org: 'Docs Co' });
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.waitForURL('**/login');

    await page.goto('/docs');
    const link = page.getByRole('link', { name: 'Log in to get a test key' });
    await link.waitFor();
    expect(await page.locator('#klipy-generate-token').isVisible()).toBe(false);
    await link.click();
    await page.waitForURL('**/login?next=/docs');
    await page.getByTestId('login-email').fill('docs@acme.test');
    await page.getByTestId('login-password').fill('correct horse battery');
    await page.getByTestId('login-submit').click();
    await page.waitForURL('**/docs');
    await page.getByRole('button', { name: 'Generate test token' }).waitFor();
    expect(await link.isVisible()).toBe(false);
  });
});
