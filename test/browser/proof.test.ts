import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, type Harness, openPage, shot, signUp, startHarness } from './helpers.js';

/**
 * The audit page's hash-chain badge and the key list's leaked-key banner, in Chromium at
 * 1280×800: a key is created, reported leaked through the generic endpoint, and the
 * console shows both.
 */
const TOKEN = 'browser-test-operator-token-0123456789abcdef';
let h: Harness;
let page: Page;

beforeAll(async () => {
  h = await startHarness(DESKTOP, { KLIPY_SECRET_SCANNING_TOKEN: TOKEN });
  page = h.page;
});
afterAll(async () => {
  await h?.close();
});

/** A same-origin JSON request from the page (the session cookie rides along). */
const call = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  page.evaluate(
    async ({ path, body, headers }) => {
      const res = await fetch(path, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as any };
    },
    { path, body, headers },
  );

describe('proof in the console', () => {
  it('shows a leaked key revoked with a banner, and the audit chain verified', async () => {
    await signUp(page, { email: 'sec@acme.test', name: 'Sam Sec', org: 'Acme Proof' });
    const created = await call('/console/api/keys', {
      name: 'CI deploy',
      scopes: ['people:read'],
      expiresAt: null,
    });
    expect(created.status).toBe(201);
    const reported = await call(
      '/api/secret-scanning/report',
      {
        tokens: [created.body.data.key],
        url: 'https://github.com/acme/site/blob/main/.env',
        source: 'gitleaks',
      },
      { Authorization: `Bearer ${TOKEN}` },
    );
    expect(reported.body[0].label).toBe('true_positive');

    await openPage(page, '/settings/api', 'API keys');
    const banner = page.getByTestId('leaked-keys-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('“CI deploy”');
    await shot(page, 'proof-leaked-banner');

    await openPage(page, '/audit', 'Audit log');
    const badge = page.getByTestId('audit-chain-badge');
    await badge.waitFor();
    expect(await badge.getAttribute('data-ok')).toBe('true');
    expect(await badge.textContent()).toMatch(/Verified through .+, \d+ events/);
    await shot(page, 'proof-audit-badge');
    expect(h.external).toEqual([]);
  }, 90_000);
});
