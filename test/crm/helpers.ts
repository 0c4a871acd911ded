import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { apiKeyHeaders, createTestKey, createTestOrg } from '../helpers/api-keys.js';
import { createTestApp, type TestApp, type TestDeps } from '../helpers/app.js';
import type { TestDepsOptions } from '../helpers/deps.js';

/**
 * The app for CRM tests: rate limits far above what a test sends (they are tested on
 * their own), so a suite's 1,000 requests with one key measure the CRM, not the limiter.
 */
export const createCrmTestApp = (opts: TestDepsOptions = {}) =>
  createTestApp({
    ...opts,
    env: { KLIPY_RATE_LIMIT_PER_KEY: '10000000', KLIPY_RATE_LIMIT_PER_ORG: '10000000', ...opts.env },
  });

let clientCount = 0;

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A v1 client for one organization, with a key holding `scopes` (default ALL). */
export class ApiClient {
  /**
   * Each client has its own address: on PostgreSQL / Redis the per-IP failed-auth guard
   * is shared by every test file, so one suite's deliberate 401s must not block another.
   */
  readonly ip = `198.51.100.${(clientCount++ % 250) + 1}-${process.pid}`;
  constructor(
    readonly t: TestApp,
    readonly orgId: string,
    readonly key: string,
    readonly prefix: string,
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await this.t.app.request(`/api/v1${path}`, {
      method,
      headers: apiKeyHeaders(this.key, {
        'x-test-client-ip': this.ip,
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      }),
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text ? JSON.parse(text) : null,
    } as ApiResponse<T>;
  }
  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown, headers?: Record<string, string>) =>
    this.request('POST', path, body ?? {}, headers);
  put = (path: string, body?: unknown) => this.request('PUT', path, body ?? {});
  patch = (path: string, body?: unknown) => this.request('PATCH', path, body ?? {});
  delete = (path: string) => this.request('DELETE', path);
}

/** A fresh organization and a key for it. */
export async function newClient(t: TestApp, scopes: string[] = ['ALL']): Promise<ApiClient> {
  const org = await createTestOrg(t.deps, { name: `Org ${randomUUID().slice(0, 6)}` });
  const { key, prefix } = await createTestKey(t.deps, { orgId: org.id, scopes });
  return new ApiClient(t, org.id, key, prefix);
}

/** A unique company-looking domain. */
export const uniqueDomain = (label = 'acme') => `${label}-${randomUUID().slice(0, 8)}.com`;

/**
 * Row counts of one organization's CRM tables, audit log and event outbox, to prove a request changed
 * nothing (scoped: on PostgreSQL other test files write at the same time).
 */
export async function crmCounts(deps: TestDeps, orgId: string) {
  const res = (await deps.database.db.execute(
    sql`select (select count(*) from people where org_id = ${orgId})::int as people,
        (select count(*) from companies where org_id = ${orgId})::int as companies,
        (select count(*) from interactions where org_id = ${orgId})::int as interactions,
        (select count(*) from audit_events where org_id = ${orgId})::int as audit,
        (select count(*) from events where org_id = ${orgId})::int as events`,
  )) as unknown as { rows: Record<string, number>[] };
  return res.rows[0];
}
