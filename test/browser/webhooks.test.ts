import type { Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReceiver } from '../events/receiver.js';
import {
  DESKTOP,
  expectNoHorizontalScroll,
  type Harness,
  MOBILE,
  shot,
  signUp,
  startHarness,
} from './helpers.js';

/**
 * Settings → Webhooks in Chromium against a real server whose worker delivers to a real
 * local receiver (private targets allowed for the test), and the "forgot password" flow.
 */
let h: Harness;
let page: Page;
let rx: Awaited<ReturnType<typeof startReceiver>>;

beforeAll(async () => {
  rx = await startReceiver();
  rx.plan.push(500);
  h = await startHarness(DESKTOP, { KLIPY_WEBHOOK_ALLOW_PRIVATE: 'true' });
  page = h.page;
});
afterAll(async () => {
  await h?.close();
  await rx?.close();
});

describe('Settings → Webhooks', () => {
  it('adds an endpoint, shows its secret once, and a lead reaches the receiver signed', async () => {
    await signUp(page, { email: 'hooks@example.com', name: 'Hook Admin', org: 'Hooks Inc' });
    await page.goto('/settings/webhooks');
    await page.getByTestId('webhook-url').fill(rx.url);
    await page.getByTestId('webhook-description').fill('Lead router');
    await page.getByTestId('webhook-create').click();
    const secret = (await page.getByTestId('webhook-secret-value').textContent()) ?? '';
    expect(secret).toMatch(/^whsec_/);
    await expect.poll(() => page.getByTestId('webhook-endpoint').count()).toBe(1);
    await shot(page, 'webhooks-created');
    // A person created through the console API is a lead.captured event.
    const status = await page.evaluate(async () => {
      const res = await fetch('/console/api/crm/people', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ firstName: 'Browser', email: 'lead@gmail.com' }),
      });
      return res.status;
    });
    expect(status).toBe(201);
    // The first try gets a 500 (scripted); send a test event to see both in the log.
    await page.getByTestId('webhook-send-test').click();
    await expect.poll(() => rx.received.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    await page.getByTestId('webhook-show-log').click();
    await expect
      .poll(() => page.getByTestId('delivery-row').count(), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(2);
    const log = (await page.getByTestId('delivery-log').textContent()) ?? '';
    expect(log).toContain('500');
    expect(log).toContain('200');
    const wh = new Webhook(secret);
    const types = rx.received.map(
      (r) => (wh.verify(r.body, r.headers as Record<string, string>) as { type: string }).type,
    );
    expect(types).toEqual(expect.arrayContaining(['lead.captured', 'webhook.test']));
    await shot(page, 'webhooks-delivery-log', true);
  });

  it('refuses a non-URL inline, and turns an endpoint off', async () => {
    await page.getByTestId('webhook-url').fill('not a url');
    await page.getByTestId('webhook-create').click();
    await expect.poll(() => page.getByText('Not an absolute URL.').count()).toBeGreaterThan(0);
    await page.getByTestId('webhook-enabled').first().click({ force: true });
    await expect.poll(() => page.getByText('Disabled', { exact: true }).count()).toBe(1);
  });

  it('fits a phone screen', async () => {
    await page.setViewportSize(MOBILE);
    await page.goto('/settings/webhooks');
    await page.getByTestId('webhook-endpoint').first().waitFor();
    await expectNoHorizontalScroll(page, 'webhooks (mobile)');
    await shot(page, 'webhooks-mobile', true);
    await page.setViewportSize(DESKTOP);
  });
});

describe('forgot password', () => {
  it('the login page links to the reset form, which answers the same for any email', async () => {
    await page.context().clearCookies();
    await page.goto('/login');
    await page.getByTestId('forgot-password').click();
    await page.waitForURL('**/forgot-password');
    await page.getByTestId('reset-email').fill('nobody-here@example.com');
    await page.getByTestId('reset-submit').click();
    await page.getByTestId('reset-requested').waitFor();
    await shot(page, 'forgot-password');
  });
});
