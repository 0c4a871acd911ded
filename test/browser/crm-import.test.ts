import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './axe.js';
import {
  consoleFetch,
  DESKTOP,
  expectNoHorizontalScroll,
  type Harness,
  MOBILE,
  openPage,
  shot,
  signUp,
  startHarness,
} from './helpers.js';

/** 250 people, a BOM, a quoted comma, and 3 malformed emails on file lines 11, 121 and 241. */
const BAD = new Set([10, 120, 240]);
function peopleCsv(): string {
  const lines = ['First Name,Last Name,E-mail,Job,Tags,Favourite colour'];
  for (let i = 1; i <= 250; i++) {
    const email = BAD.has(i) ? `not-an-email-${i}` : `person${i}@import.test`;
    const last = i === 1 ? '"Lovelace, Countess"' : `Last${i}`;
    lines.push(`First${i},${last},${email},Engineer ${i},imported;batch,blue`);
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Every person carrying `tag`, through the console API (100 a page). */
async function peopleTagged(page: Page, tag: string) {
  const all: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const res = await consoleFetch(page, 'POST', '/crm/people/query', {
      filter: { tag },
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    expect(res.status).toBe(200);
    const body = res.body as unknown as {
      data: Record<string, unknown>[];
      page_info: { has_next_page: boolean; next_cursor: string | null };
    };
    all.push(...body.data);
    cursor = body.page_info.has_next_page ? (body.page_info.next_cursor ?? undefined) : undefined;
  } while (cursor);
  return all;
}

describe('CRM import (console)', () => {
  let h: Harness;
  let page: Page;
  beforeAll(async () => {
    h = await startHarness(DESKTOP);
    page = h.page;
    await signUp(page, { email: 'importer@acme.test', name: 'Ivy Import', org: 'Import Co' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses a file that is not CSV in words', async () => {
    await openPage(page, '/crm/import', 'Import');
    await page.getByTestId('import-file').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('only a header\n'),
    });
    expect(await page.getByTestId('import-file-error').textContent()).toContain('no rows to import');
  });

  it('imports 250 people in batches, survives a failed batch, reports 3 bad rows and downloads them', async () => {
    await openPage(page, '/crm/people', 'People');
    await page.getByTestId('import-people').click();
    await page.getByRole('heading', { name: 'Import', level: 1 }).waitFor();
    await page.getByTestId('import-file').setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(peopleCsv()),
    });
    await page.getByTestId('import-mapping').waitFor();
    expect(await page.getByText('250 rows, 6 columns').count()).toBe(1);

    // The guesses: names, E-mail and Tags are known; Job and Favourite colour are not.
    const mapped = (i: number) => page.getByTestId(`import-map-${i}`).inputValue();
    expect(await Promise.all([0, 1, 2, 3, 4, 5].map(mapped))).toEqual([
      'firstName',
      'lastName',
      'email',
      '',
      'tags',
      '',
    ]);
    await page.getByLabel('Import column “Job” as').selectOption('title');
    const preview = page.getByTestId('import-preview-table');
    expect(await preview.locator('tbody tr').count()).toBe(5);
    const firstRow = (await preview.locator('tbody tr').first().textContent()) ?? '';
    expect(firstRow).toContain('Lovelace, Countess');
    expect(firstRow).toContain('Engineer 1');
    expect(firstRow).toContain('imported, batch');
    expect(await seriousViolations(page), 'mapping step').toEqual([]);

    // The second batch fails once as a whole (a 503): the run stops, Resume sends it again.
    let batches = 0;
    await page.route('**/console/api/crm/people/batch', (route) => {
      batches++;
      if (batches === 2)
        return route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({
            object: 'error',
            error: { code: 'unavailable', message: 'The service is briefly unavailable.' },
          }),
        });
      return route.continue();
    });
    await page.getByTestId('import-start').click();
    const stopped = page.getByTestId('import-stopped');
    await stopped.waitFor();
    expect(await stopped.textContent()).toContain('100 of 250 rows are done; Resume continues from line 102');
    await page.getByTestId('import-resume').click();

    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('People: 247 created, 0 updated, 3 failed.');
    expect(batches).toBe(4);
    const bar = page.getByRole('progressbar');
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    expect(await page.getByTestId('import-progress-text').textContent()).toBe(
      '250 of 250 rows · 247 created · 0 updated · 3 failed',
    );
    const failedRows = await page.getByTestId('import-failed-row').allTextContents();
    expect(failedRows).toHaveLength(3);
    expect(failedRows.map((t) => t.match(/^\d+/)?.[0])).toEqual(['11', '121', '241']);
    expect(failedRows[0]).toContain('Email: Enter a valid email address, like name@example.com.');
    await shot(page, 'crm-import-done', true);
    expect(await seriousViolations(page), 'summary').toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-download-report').click(),
    ]);
    expect(download.suggestedFilename()).toBe('people-errors.csv');
    const report = readFileSync(await download.path(), 'utf8');
    const lines = report
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toEqual([
      'First Name,Last Name,E-mail,Job,Tags,Favourite colour,line,error',
      ...[10, 120, 240].map(
        (i) =>
          `First${i},Last${i},not-an-email-${i},Engineer ${i},imported;batch,blue,${i + 1},"Email: Enter a valid email address, like name@example.com."`,
      ),
    ]);

    // Through the console API: the 247 people exist, mapped as chosen.
    const people = await peopleTagged(page, 'imported');
    expect(people).toHaveLength(247);
    const ada = people.find((p) => p.email === 'person1@import.test');
    expect(ada).toMatchObject({
      firstName: 'First1',
      lastName: 'Lovelace, Countess',
      title: 'Engineer 1',
      tags: ['imported', 'batch'],
    });
    expect(people.some((p) => String(p.email).startsWith('not-an-email'))).toBe(false);
  });

  it('Cancel stops after the batch in flight; Resume finishes, updating what the first run created', async () => {
    await page.unrouteAll();
    // Slow batches, so Cancel lands while the first one is in flight.
    await page.route('**/console/api/crm/people/batch', async (route) => {
      await new Promise((r) => setTimeout(r, 400));
      await route.continue();
    });
    await page.getByTestId('import-choose-again').click();
    await page.getByTestId('import-file').setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(peopleCsv()),
    });
    await page.getByLabel('Import column “Job” as').selectOption('title');
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-cancel').click();
    const cancelled = page.getByTestId('import-cancelled');
    await cancelled.waitFor();
    expect(await cancelled.textContent()).toContain('Stopped after 100 of 250 rows.');
    expect(await page.getByTestId('import-progress-text').textContent()).toBe(
      '100 of 250 rows · 0 created · 99 updated · 1 failed',
    );
    await page.getByTestId('import-resume').click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain('People: 0 created, 247 updated, 3 failed.');
    expect(await peopleTagged(page, 'imported')).toHaveLength(247);
    await page.unrouteAll();
  });

  it('updates instead of duplicating when the same file is imported again (companies list button too)', async () => {
    await openPage(page, '/crm/companies', 'Companies');
    await page.getByTestId('import-companies').click();
    await page.getByRole('heading', { name: 'Import', level: 1 }).waitFor();
    await page.getByText('Companies', { exact: true }).first().waitFor();
    const csv = 'Company Name,Company Website,Employees\nAcme,https://acme.test,12\nBeta,beta.test,x\n';
    const importCompanies = async () => {
      await page.getByTestId('import-file').setInputFiles({
        name: 'companies.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
      expect(await page.getByTestId('import-map-1').inputValue()).toBe('website');
      await page.getByTestId('import-start').click();
      await page.getByTestId('import-summary').waitFor();
      expect(await page.getByTestId('import-failed-row').textContent()).toBe(
        '3Employee count: Employee count is not valid.',
      );
      return page.getByTestId('import-summary').textContent();
    };
    expect(await importCompanies()).toContain('Companies: 1 created, 0 updated, 1 failed.');
    await page.getByTestId('import-choose-again').click();
    expect(await importCompanies()).toContain('Companies: 0 created, 1 updated, 1 failed.');
  });

  it('imports interactions one by one; a second run finds them instead of recording them twice', async () => {
    await openPage(page, '/crm/interactions', 'Interactions');
    await page.getByTestId('import-interactions').click();
    await page.getByRole('heading', { name: 'Import', level: 1 }).waitFor();
    const csv = [
      'Type,With,Subject,Date,Notes',
      'MEETING,person1@import.test,Kick-off,2026-03-01,"Agenda: scope, dates"',
      'EMAIL,person2@import.test,Follow-up,2026-03-02,',
      'CARRIER_PIGEON,person3@import.test,Bad type,2026-03-03,',
    ].join('\n');
    const importInteractions = async () => {
      await page.getByTestId('import-file').setInputFiles({
        name: 'interactions.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
      const mapped = (i: number) => page.getByTestId(`import-map-${i}`).inputValue();
      expect(await Promise.all([0, 1, 2, 3, 4].map(mapped))).toEqual([
        'type',
        'mainContactEmail',
        'title',
        'interactionDate',
        'summary',
      ]);
      await page.getByTestId('import-start').click();
      await page.getByTestId('import-summary').waitFor();
      expect(await page.getByTestId('import-failed-row').textContent()).toMatch(/^4Type: Choose one of: /);
      return page.getByTestId('import-summary').textContent();
    };
    expect(await importInteractions()).toContain('Interactions: 2 created, 0 already recorded, 1 failed.');
    await page.getByTestId('import-choose-again').click();
    expect(await importInteractions()).toContain('Interactions: 0 created, 2 already recorded, 1 failed.');
    const res = await consoleFetch(page, 'POST', '/crm/interactions/query', { limit: 100 });
    const titles = (res.body as unknown as { data: { title: string }[] }).data.map((i) => i.title).sort();
    expect(titles).toEqual(['Follow-up', 'Kick-off']);
  });
});

describe('CRM import on a phone', () => {
  let h: Harness;
  let page: Page;
  beforeAll(async () => {
    h = await startHarness(MOBILE);
    page = h.page;
    await signUp(page, { email: 'phone-importer@acme.test', name: 'Pia Phone', org: 'Phone Co' });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('maps, imports and reports without sideways scrolling or axe violations', async () => {
    await openPage(page, '/crm/import', 'Import');
    await page.getByTestId('import-file').setInputFiles({
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(peopleCsv()),
    });
    await page.getByTestId('import-mapping').waitFor();
    await expectNoHorizontalScroll(page, 'mapping');
    expect(await seriousViolations(page), 'mapping step').toEqual([]);
    await page.getByTestId('import-start').click();
    await page.getByTestId('import-summary').waitFor();
    await expectNoHorizontalScroll(page, 'summary');
    expect(await seriousViolations(page), 'summary').toEqual([]);
    await shot(page, 'mobile-crm-import-done', true);
  });
});
