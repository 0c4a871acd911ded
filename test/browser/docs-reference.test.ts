import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, type Harness, shot, startHarness } from './helpers.js';

/** /docs as a stranger sees it: nothing that sends them elsewhere, nothing that reads as a joke or a lie. */
describe('/docs reference', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(DESKTOP);
    await h.page.goto('/docs');
    await h.page.getByText('Verify the API key and return its organization context').first().waitFor();
  });
  afterAll(async () => {
    await h?.close();
  });

  const placeholders = () =>
    h.page.evaluate(
      `[...document.querySelectorAll('input[type=text], input[type=password]')].map((i) => i.placeholder)`,
    ) as Promise<string[]>;

  it('says authentication is required and what goes in the key field', async () => {
    const { page } = h;
    await page.getByText('Required', { exact: true }).first().waitFor();
    expect(await page.getByText('Optional', { exact: true }).count()).toBe(0);
    await expect.poll(placeholders).toContain('klipy_api_… (your key, or use Generate test token)');
    expect((await placeholders()).some((p) => p.startsWith('QUxM'))).toBe(false);
  });

  it('has no "Open API Client" link to a hosted tool', async () => {
    expect(await h.page.getByText('Open API Client').count()).toBe(0);
  });

  it("opens the try-it panel with its close button clear of Klipy's bar, and closes it", async () => {
    const { page } = h;
    // The try-it panel's backdrop: present exactly while the panel is open.
    const send = page.locator('.scalar-app-exit');
    // Scalar wires the button up a moment after it renders: click until the panel opens.
    await expect
      .poll(
        async () => {
          await page
            .getByRole('button', { name: /Test Request/ })
            .first()
            .click();
          return send.isVisible();
        },
        { timeout: 30_000, interval: 1000 },
      )
      .toBe(true);
    await expect.poll(placeholders).toContain('klipy_api_… (your key, or use Generate test token)');
    await shot(page, 'desktop-docs-try-it');
    // A real click at the close button's centre: it fails if the bar lies on top of it.
    await page.getByRole('button', { name: /close/i }).last().click({ timeout: 5000 });
    await send.waitFor({ state: 'hidden' });
  });
});
