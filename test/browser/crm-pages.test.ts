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

/** The element that has focus, described by its test id, label or role (string expression: no DOM lib). */
const focused = (page: Page) =>
  page.evaluate(
    `(() => { const e = document.activeElement; return e ? (e.getAttribute('data-testid') || e.getAttribute('role') || e.tagName) + '|' + (e.getAttribute('aria-invalid') || '') : ''; })()`,
  ) as Promise<string>;

async function createCompany(page: Page, name: string, domain: string) {
  await openPage(page, '/crm/companies', 'Companies');
  await page.getByTestId('new-company').click();
  await page.getByTestId('company-name').fill(name);
  await page.getByTestId('company-domain').fill(domain);
  await page.getByTestId('company-submit').click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

async function openNewPerson(page: Page) {
  await openPage(page, '/crm/people', 'People');
  await page.getByTestId('new-person').click();
  await page.getByRole('dialog').waitFor();
}

describe.each([
  ['desktop', DESKTOP],
  ['mobile', MOBILE],
] as const)('CRM pages (%s)', (label, viewport) => {
  let h: Harness;
  let page: Page;
  beforeAll(async () => {
    h = await startHarness(viewport);
    page = h.page;
    await signUp(page, { email: `crm-${label}@acme.test`, name: 'Cora Crm', org: 'CRM Co' });
    await createCompany(page, 'Analytical Engines', 'engines.test');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('checks a person before sending, in words, and focuses the first problem', async () => {
    await openNewPerson(page);
    await page.getByTestId('person-submit').click();
    const alert = page.getByTestId('form-error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('a person needs at least one');
    await expect.poll(() => focused(page)).toBe('form-error|');

    await page.getByTestId('person-email').fill('not-an-email');
    await page.getByTestId('person-submit').click();
    await page.getByText('Enter a valid email address, like name@example.com.').waitFor();
    await expect.poll(() => focused(page)).toBe('person-email|true');
    const text = (await page.getByTestId('person-form-dialog').textContent()) ?? '';
    expect(text).not.toContain('(body)');
    expect(text).not.toContain('Invalid request');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('shows the company by name, lead source, remarks and a readable phone', async () => {
    await openNewPerson(page);
    await page.getByTestId('person-firstName').fill('Ada');
    await page.getByTestId('person-lastName').fill('Lovelace');
    await page.getByTestId('person-email').fill(`ada-${label}@engines.test`);
    await page.getByTestId('person-phone').fill('+14155550123');
    await page.getByTestId('person-leadSource').fill('Paris meetup');
    await page.getByTestId('person-remarks').fill('Asked about the batch API.\nCall back in May.');
    await page.getByTestId('person-submit').click();
    await page.getByRole('heading', { name: 'Ada Lovelace', level: 1 }).waitFor();
    const details = page.getByTestId('person-details');
    await details.getByTestId('company-link').getByText('Analytical Engines').waitFor();
    expect(await details.textContent()).toContain('+1 415 555 0123');
    expect(await details.textContent()).toContain('Paris meetup');
    // Every empty field reads "—" (LinkedIn was left blank).
    expect(await details.textContent()).toMatch(/LinkedIn—/);
    expect(await page.getByTestId('person-remarks-text').textContent()).toBe(
      'Asked about the batch API.\nCall back in May.',
    );
    await shot(page, `${label}-person-page`, true);
  });

  it('reports a duplicate email under the Email field with a link to the existing person', async () => {
    await openNewPerson(page);
    await page.getByTestId('person-firstName').fill('Ada again');
    await page.getByTestId('person-email').fill(`ada-${label}@engines.test`);
    await page.getByTestId('person-submit').click();
    const link = page.getByRole('link', { name: 'Open the existing person' });
    await link.waitFor();
    await expect.poll(() => focused(page)).toBe('person-email|true');
    expect(await page.getByTestId('form-error').count()).toBe(0);
    expect((await page.getByTestId('person-form-dialog').textContent()) ?? '').not.toMatch(
      /per_[0-9A-Z]{10}/,
    );
    await link.click();
    await page.getByRole('heading', { name: 'Ada Lovelace', level: 1 }).waitFor();
  });

  it('lists people newest first with their company, and sorts on request', async () => {
    await openNewPerson(page);
    await page.getByTestId('person-firstName').fill('Grace');
    await page.getByTestId('person-submit').click();
    await page.getByRole('heading', { name: 'Grace', level: 1 }).waitFor();
    await openPage(page, '/crm/people', 'People');
    const names = () => page.getByTestId('person-row').locator('a').first().textContent();
    await expect.poll(names).toBe('Grace');
    if (label === 'desktop')
      await page
        .getByTestId('person-row')
        .getByTestId('company-link')
        .getByText('Analytical Engines')
        .waitFor();
    await page.getByTestId('crm-sort').click();
    await page.getByRole('option', { name: 'Oldest first' }).click();
    await expect.poll(names).toBe('Ada Lovelace');
    await expectNoHorizontalScroll(page, `people ${label}`);
  });

  it('logs an interaction by picking the person from a search', async () => {
    await openPage(page, '/crm/interactions', 'Interactions');
    await page.getByTestId('new-interaction').click();
    await page.getByTestId('interaction-title').fill('Intro call');
    await page.getByTestId('interaction-submit').click();
    await page.getByText('Choose who this was with, or type their email.').waitFor();
    await expect.poll(() => focused(page)).toBe('interaction-contact-picker|true');
    await page.getByTestId('interaction-contact-picker').fill('Lovelace');
    await page.getByRole('option', { name: new RegExp(`Ada Lovelace · ada-${label}@engines.test`) }).click();
    await page.getByTestId('interaction-submit').click();
    await page.getByTestId('interaction-form-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('interaction-item').getByText('Intro call').waitFor();
    // On Ada's page the timeline has it too.
    await openPage(page, '/crm/people', 'People');
    await page.getByRole('link', { name: 'Ada Lovelace' }).click();
    await page.getByTestId('interaction-timeline').getByText('Intro call').waitFor();
  });

  it('edits an interaction from the timeline', async () => {
    await page.getByTestId('interaction-timeline').getByTestId('interaction-edit').first().click();
    const dialog = page.getByRole('dialog', { name: 'Edit interaction' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('interaction-contact-picker').count()).toBe(0);
    await dialog.getByTestId('interaction-title').fill('Intro call (moved)');
    await dialog.getByTestId('interaction-submit').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('interaction-timeline').getByText('Intro call (moved)').waitFor();
  });
});
