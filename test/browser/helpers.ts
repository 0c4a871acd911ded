import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { type ServerProcess, startServerProcess, stopProcess } from '../helpers/process.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const SHOTS_DIR = `${root}test-output/browser`;

export const DESKTOP = { width: 1280, height: 800 } as const;
export const MOBILE = { width: 390, height: 844 } as const;

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Harness {
  server: ServerProcess;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Requests the page tried to send anywhere but 127.0.0.1 (all aborted). */
  external: string[];
  close: () => Promise<void>;
}

/**
 * A klipy server on a throwaway embedded database (child process, 127.0.0.1 only), the
 * Debian chromium driven by playwright-core, and one fresh browser context.
 */
export async function startHarness(
  viewport: { width: number; height: number },
  env: Record<string, string> = {},
): Promise<Harness> {
  if (!existsSync(`${root}web/dist/index.html`))
    throw new Error('web/dist is missing: run npm run build:web');
  mkdirSync(SHOTS_DIR, { recursive: true });
  const server = await startServerProcess({ DATABASE_URL: 'memory://', ...env });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const context = await browser.newContext({
      baseURL: server.url,
      viewport,
      permissions: ['clipboard-read', 'clipboard-write'],
      reducedMotion: 'reduce',
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    context.setDefaultTimeout(15_000);
    // Nothing leaves the machine: anything not on 127.0.0.1 (web fonts, CDNs) is aborted.
    const external: string[] = [];
    await context.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) => {
        external.push(route.request().url());
        return route.abort();
      },
    );
    const page = await context.newPage();
    const b = browser;
    return {
      server,
      browser,
      context,
      page,
      external,
      close: async () => {
        await context.close().catch(() => {});
        await b.close().catch(() => {});
        await stopProcess(server);
      },
    };
  } catch (e) {
    await browser?.close().catch(() => {});
    await stopProcess(server);
    throw e;
  }
}

export const shot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: `${SHOTS_DIR}/${name}.png`, fullPage, animations: 'disabled' });

export interface ApiResult {
  status: number;
  body: {
    data?: Record<string, unknown>;
    error?: { code: string; message: string; details?: Record<string, unknown> };
  } | null;
}

/** Calls the public API with `fetch` from inside the page (same origin), with a key. */
export function apiFetch(
  page: Page,
  key: string,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<ApiResult> {
  return page.evaluate(
    async ({ key, path, method, body }) => {
      const res = await fetch(path, {
        method,
        headers: {
          'X-Klipy-Api-Key': key,
          ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed = null;
      try {
        parsed = JSON.parse(text);
      } catch {
        // not JSON
      }
      return { status: res.status, body: parsed };
    },
    { key, path, method: init.method ?? 'GET', body: init.body },
  );
}

/** Calls the console API from inside the page with its session cookie (JSON, as the CSRF defence requires). */
export function consoleFetch(page: Page, method: string, path: string, body?: unknown): Promise<ApiResult> {
  const result = page.evaluate(
    async ({ method, path, body }) => {
      const res = await fetch(`/console/api${path}`, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    { method, path, body },
  );
  return result as Promise<ApiResult>;
}

/** Signs up through the UI and waits for the welcome screen. */
export async function signUp(page: Page, who: { email: string; name: string; org: string }) {
  await page.goto('/signup');
  await page.getByTestId('signup-email').fill(who.email);
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('correct horse battery');
  await page.getByTestId('signup-name').fill(who.name);
  await page.getByTestId('signup-organization').fill(who.org);
  await page.getByTestId('signup-submit').click();
  await page.waitForURL('**/welcome');
}

/** Fails when the page scrolls sideways at its current viewport. */
export async function expectNoHorizontalScroll(page: Page, label: string) {
  // A string expression: the test project's types have no DOM lib.
  const { scrollWidth, innerWidth } = (await page.evaluate(
    '({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })',
  )) as { scrollWidth: number; innerWidth: number };
  expect(
    scrollWidth,
    `${label}: document is ${scrollWidth}px wide in a ${innerWidth}px window`,
  ).toBeLessThanOrEqual(innerWidth);
}

/** Opens the console page at `path` and waits until its heading is shown. */
export async function openPage(page: Page, path: string, heading: string) {
  await page.goto(path);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}
