/**
 * `Klipy`: the typed client. Every method returns `{ data, …ResponseInfo }` or throws a
 * `KlipyError` whose `code` is one of the documented codes.
 *
 *   const klipy = new Klipy({ apiKey: process.env.KLIPY_API_KEY!, baseUrl: 'https://crm.example.com/api/v1' });
 *   const { data: person } = await klipy.people.create({ email: 'ada@example.com' });
 *   for await (const p of klipy.people.query({ filter: { companyId } })) console.log(p.email);
 */
import createClient, { type Client } from 'openapi-fetch';
import { KlipyError } from './errors.js';
import { type ResponseInfo, responseInfo } from './response-info.js';
import { DEFAULT_RETRY, type RetryOptions, retryingFetch } from './retry.js';
import type { BodyOf, DataOf, PageInfo, paths, ResponseMeta } from './types.js';

export interface KlipyOptions {
  /** A Klipy API key (`klipy_api_…`). */
  apiKey: string;
  /** The API root, e.g. `https://crm.example.com/api/v1` (default `http://localhost:3000/api/v1`). */
  baseUrl?: string;
  /** Send the key as `X-Klipy-Api-Key` (default) or as `Authorization: Bearer`. */
  auth?: 'x-klipy-api-key' | 'bearer';
  /** Retries on 429 / 503 (and network errors when safe); see retry.ts. */
  retry?: Partial<RetryOptions>;
  /** Called with the headers' information of every response, success or error. */
  onResponse?: (info: ResponseInfo) => void;
  /** A fetch implementation (default: the global one). */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  /** Cancels the request and any wait between retries. */
  signal?: AbortSignal;
  /** For writes: reuse your own Idempotency-Key (default: a fresh random UUID per call). */
  idempotencyKey?: string;
}

export interface Result<T> extends ResponseInfo {
  data: T;
  meta: ResponseMeta;
}

export interface PageResult<T> extends Result<T[]> {
  pageInfo: PageInfo;
}

type Fetched = { data?: unknown; error?: unknown; response: Response };

/** Pages through a query: `for await (const item of pages)`, or `.pages()` for whole pages. */
export class Paginator<T> implements AsyncIterable<T> {
  constructor(
    private readonly fetchPage: (cursor: string | null) => Promise<PageResult<T>>,
    private readonly start: string | null,
  ) {}

  /** Each page, with its rate-limit information, until the last one. */
  async *pages(): AsyncGenerator<PageResult<T>> {
    let cursor = this.start;
    do {
      const page = await this.fetchPage(cursor);
      yield page;
      cursor = page.pageInfo.next_cursor;
    } while (cursor);
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T> {
    for await (const page of this.pages()) yield* page.data;
  }

  /** Every item, in one array (mind the size of what you ask for). */
  async toArray(): Promise<T[]> {
    const all: T[] = [];
    for await (const item of this) all.push(item);
    return all;
  }
}

const uuid = () => globalThis.crypto.randomUUID();

export class Klipy {
  /** The underlying openapi-fetch client, typed by the served document, for anything not wrapped here. */
  readonly raw: Client<paths>;
  /** What the last response said about rate limits and key expiry. */
  lastResponse: ResponseInfo | null = null;

  constructor(private readonly options: KlipyOptions) {
    if (!options.apiKey) throw new TypeError('Klipy: apiKey is required');
    const auth: Record<string, string> =
      options.auth === 'bearer'
        ? { Authorization: `Bearer ${options.apiKey}` }
        : { 'X-Klipy-Api-Key': options.apiKey };
    this.raw = createClient<paths>({
      baseUrl: (options.baseUrl ?? 'http://localhost:3000/api/v1').replace(/\/$/, ''),
      headers: auth,
      fetch: retryingFetch(options.fetch ?? globalThis.fetch.bind(globalThis), {
        ...DEFAULT_RETRY,
        ...options.retry,
      }),
    });
  }

  private async unwrap<T>(call: Promise<Fetched>): Promise<Result<T> & { page_info?: PageInfo }> {
    const { data, error, response } = await call;
    const info = responseInfo(response);
    this.lastResponse = info;
    this.options.onResponse?.(info);
    if (!response.ok || error !== undefined) throw new KlipyError(info, error);
    const body = data as { data: T; meta: ResponseMeta; page_info?: PageInfo };
    return { ...info, data: body.data, meta: body.meta, page_info: body.page_info };
  }

  private async one<T>(call: Promise<Fetched>): Promise<Result<T>> {
    const { page_info: _, ...result } = await this.unwrap<T>(call);
    return result;
  }

  private async page<T>(call: Promise<Fetched>): Promise<PageResult<T>> {
    const { page_info, ...result } = await this.unwrap<T[]>(call);
    return { ...result, pageInfo: page_info ?? { has_next_page: false, next_cursor: null } };
  }

  private write(opts: RequestOptions = {}) {
    return { signal: opts.signal, headers: { 'Idempotency-Key': opts.idempotencyKey ?? uuid() } };
  }

  /**
   * `GET /authenticate`: the organization, the key and the rate limits in force. With
   * `scope`, also a dry run: `data.allowed` / `data.missingScopes` for those scopes.
   */
  authenticate(opts: RequestOptions & { scope?: string[] } = {}) {
    const query = opts.scope ? { query: { scope: opts.scope.join(',') } } : {};
    return this.one<DataOf<'/authenticate', 'get'>>(
      this.raw.GET('/authenticate', { params: query, signal: opts.signal } as never),
    );
  }

  /** `POST /authenticate/check`: may this key do it (scopes, an operation id, an address)? No side effects. */
  checkAuthorization(body: BodyOf<'/authenticate/check', 'post'>, opts: RequestOptions = {}) {
    return this.one<DataOf<'/authenticate/check', 'post'>>(
      this.raw.POST('/authenticate/check', { body, signal: opts.signal } as never),
    );
  }

  readonly keys = {
    /** `POST /keys/current/roll`: a new key for this one; retried safely with one Idempotency-Key. */
    rollCurrent: (body: BodyOf<'/keys/current/roll', 'post'>, opts: RequestOptions = {}) =>
      this.one<DataOf<'/keys/current/roll', 'post'>>(
        this.raw.POST('/keys/current/roll', { body, ...this.write(opts) } as never),
      ),
  };

  readonly people = {
    get: (personId: string, opts: RequestOptions = {}) =>
      this.one<DataOf<'/people/{personId}', 'get'>>(
        this.raw.GET('/people/{personId}', { params: { path: { personId } }, signal: opts.signal }),
      ),
    /** Every person matching `query`, page by page (`for await`). */
    query: (query: BodyOf<'/people/query', 'post'> = {}, opts: RequestOptions = {}) =>
      new Paginator<DataOf<'/people/query', 'post'>[number]>(
        (cursor) =>
          this.page(this.raw.POST('/people/query', { body: { ...query, cursor }, signal: opts.signal })),
        query.cursor ?? null,
      ),
    create: (body: BodyOf<'/people', 'post'>, opts?: RequestOptions) =>
      this.one<DataOf<'/people', 'post'>>(this.raw.POST('/people', { body, ...this.write(opts) } as never)),
    upsert: (body: BodyOf<'/people', 'put'>, opts: RequestOptions = {}) =>
      this.one<DataOf<'/people', 'put'>>(this.raw.PUT('/people', { body, signal: opts.signal })),
    update: (personId: string, body: BodyOf<'/people/{personId}', 'patch'>, opts: RequestOptions = {}) =>
      this.one<DataOf<'/people/{personId}', 'patch'>>(
        this.raw.PATCH('/people/{personId}', { params: { path: { personId } }, body, signal: opts.signal }),
      ),
    delete: (personId: string, opts: RequestOptions = {}) =>
      this.one<DataOf<'/people/{personId}', 'delete'>>(
        this.raw.DELETE('/people/{personId}', { params: { path: { personId } }, signal: opts.signal }),
      ),
    batch: (items: BodyOf<'/people/batch', 'post'>['items'], opts?: RequestOptions) =>
      this.one<DataOf<'/people/batch', 'post'>>(
        this.raw.POST('/people/batch', { body: { items }, ...this.write(opts) } as never),
      ),
  };

  readonly companies = {
    get: (companyId: string, opts: RequestOptions = {}) =>
      this.one<DataOf<'/companies/{companyId}', 'get'>>(
        this.raw.GET('/companies/{companyId}', { params: { path: { companyId } }, signal: opts.signal }),
      ),
    query: (query: BodyOf<'/companies/query', 'post'> = {}, opts: RequestOptions = {}) =>
      new Paginator<DataOf<'/companies/query', 'post'>[number]>(
        (cursor) =>
          this.page(this.raw.POST('/companies/query', { body: { ...query, cursor }, signal: opts.signal })),
        query.cursor ?? null,
      ),
    create: (body: BodyOf<'/companies', 'post'>, opts?: RequestOptions) =>
      this.one<DataOf<'/companies', 'post'>>(
        this.raw.POST('/companies', { body, ...this.write(opts) } as never),
      ),
    upsert: (body: BodyOf<'/companies', 'put'>, opts: RequestOptions = {}) =>
      this.one<DataOf<'/companies', 'put'>>(this.raw.PUT('/companies', { body, signal: opts.signal })),
    update: (companyId: string, body: BodyOf<'/companies/{companyId}', 'patch'>, opts: RequestOptions = {}) =>
      this.one<DataOf<'/companies/{companyId}', 'patch'>>(
        this.raw.PATCH('/companies/{companyId}', {
          params: { path: { companyId } },
          body,
          signal: opts.signal,
        }),
      ),
    delete: (companyId: string, opts: RequestOptions = {}) =>
      this.one<DataOf<'/companies/{companyId}', 'delete'>>(
        this.raw.DELETE('/companies/{companyId}', { params: { path: { companyId } }, signal: opts.signal }),
      ),
    batch: (items: BodyOf<'/companies/batch', 'post'>['items'], opts?: RequestOptions) =>
      this.one<DataOf<'/companies/batch', 'post'>>(
        this.raw.POST('/companies/batch', { body: { items }, ...this.write(opts) } as never),
      ),
  };

  readonly interactions = {
    get: (interactionId: string, opts: RequestOptions = {}) =>
      this.one<DataOf<'/interactions/{interactionId}', 'get'>>(
        this.raw.GET('/interactions/{interactionId}', {
          params: { path: { interactionId } },
          signal: opts.signal,
        }),
      ),
    query: (query: BodyOf<'/interactions/query', 'post'> = {}, opts: RequestOptions = {}) =>
      new Paginator<DataOf<'/interactions/query', 'post'>[number]>(
        (cursor) =>
          this.page(
            this.raw.POST('/interactions/query', { body: { ...query, cursor }, signal: opts.signal }),
          ),
        query.cursor ?? null,
      ),
    create: (body: BodyOf<'/interactions', 'post'>, opts?: RequestOptions) =>
      this.one<DataOf<'/interactions', 'post'>>(
        this.raw.POST('/interactions', { body, ...this.write(opts) } as never),
      ),
    update: (
      interactionId: string,
      body: BodyOf<'/interactions/{interactionId}', 'patch'>,
      opts: RequestOptions = {},
    ) =>
      this.one<DataOf<'/interactions/{interactionId}', 'patch'>>(
        this.raw.PATCH('/interactions/{interactionId}', {
          params: { path: { interactionId } },
          body,
          signal: opts.signal,
        }),
      ),
    delete: (interactionId: string, opts: RequestOptions = {}) =>
      this.one<DataOf<'/interactions/{interactionId}', 'delete'>>(
        this.raw.DELETE('/interactions/{interactionId}', {
          params: { path: { interactionId } },
          signal: opts.signal,
        }),
      ),
  };
}
