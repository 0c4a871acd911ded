import { randomUUID } from 'node:crypto';
import { buildApp } from '../../src/http/app.js';
import type { App } from '../../src/http/env.js';
import { createTestDeps, type TestDepsOptions } from './deps.js';
import { validateResponses } from './openapi-validator.js';

export type TestDeps = Awaited<ReturnType<typeof createTestDeps>>;

export interface TestApp {
  app: App;
  deps: TestDeps;
  close(): Promise<void>;
}

/** The real app on the suite's backend, called in process with `app.request()`. */
export async function createTestApp(opts: TestDepsOptions = {}): Promise<TestApp> {
  const deps = await createTestDeps(opts);
  // Every /api/v1 response a test observes is checked against the served document.
  return { app: await validateResponses(buildApp(deps)), deps, close: () => deps.close() };
}

/** A unique email so tests never collide on a shared database. */
export const uniqueEmail = (label = 'user') => `${label}-${randomUUID().slice(0, 12)}@example.com`;

export const TEST_PASSWORD = 'correct horse battery';

export interface JsonResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A fresh address per client, so per-IP throttles of one test never reach another. */
const randomIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join('.')}`;

/** A browser-like console user: keeps its session cookie, sends JSON, from its own IP. */
export class ConsoleClient {
  cookie = '';
  constructor(
    private readonly app: App,
    readonly ip = randomIp(),
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const init: RequestInit = {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        'x-test-client-ip': this.ip,
        ...(method !== 'GET' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : method !== 'GET' ? { body: '{}' } : {}),
    };
    const res = await this.app.request(`/console/api${path}`, init);
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const value = setCookie.split(';')[0] ?? '';
      this.cookie = value.endsWith('=') ? '' : value;
    }
    const text = await res.text();
    return {
      status: res.status,
      headers: res.headers,
      body: text ? JSON.parse(text) : null,
    } as JsonResponse<T>;
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** Signs up a fresh user with a fresh organization; returns ids. */
  async signup(overrides: Partial<{ email: string; name: string; organizationName: string }> = {}) {
    const email = overrides.email ?? uniqueEmail();
    const res = await this.post('/signup', {
      email,
      password: TEST_PASSWORD,
      name: overrides.name ?? 'Test User',
      organizationName: overrides.organizationName ?? 'Test Org',
    });
    if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${JSON.stringify(res.body)}`);
    return {
      email,
      userId: res.body.data.user.id as string,
      orgId: res.body.data.activeOrganizationId as string,
    };
  }
}

/** A response body as loosely typed JSON, for assertions. */
export const readJson = async (res: Response): Promise<any> => res.json();
