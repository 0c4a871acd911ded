/**
 * The console's fetch client. Every call goes to `/console/api/*` with the session
 * cookie, sends JSON on writes (`{}` when there is no body, as the CSRF defence
 * requires a JSON content type), and unwraps the `{ object, data, meta }` envelope.
 */
export const CONSOLE_BASE = '/console/api';

export interface PageInfo {
  has_next_page: boolean;
  next_cursor: string | null;
}

export interface ListResult<T> {
  data: T[];
  pageInfo: PageInfo;
}

export interface FieldError {
  path: string;
  message: string;
}

/** An error the API (or the network) reported, carrying what forms need to show it inline. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> & { fields?: FieldError[] };

  constructor(status: number, code: string, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = { ...(details ?? {}), fields: normalizeFields(details?.fields) };
  }

  /** `{ fieldPath: message }` from `details.fields`, first message per field. */
  get fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const f of this.details.fields ?? []) if (!(f.path in out)) out[f.path] = f.message;
    return out;
  }
}

function normalizeFields(raw: unknown): FieldError[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((f: { path?: unknown; message?: unknown }) => ({
    path: Array.isArray(f.path) ? f.path.join('.') : String(f.path ?? ''),
    message: String(f.message ?? 'Invalid value'),
  }));
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface Envelope<T> {
  object: 'success' | 'error';
  data?: T;
  page_info?: PageInfo;
  error?: { code: string; message: string; details?: Record<string, unknown> };
}

async function send<T>(method: Method, path: string, body?: unknown): Promise<Envelope<T>> {
  const write = method !== 'GET';
  let res: Response;
  try {
    res = await fetch(`${CONSOLE_BASE}${path}`, {
      method,
      credentials: 'same-origin',
      headers: write
        ? { 'Content-Type': 'application/json', Accept: 'application/json' }
        : { Accept: 'application/json' },
      body: write ? JSON.stringify(body ?? {}) : undefined,
    });
  } catch {
    throw new ApiError(
      0,
      'network_error',
      'Could not reach the server. Check your connection and try again.',
    );
  }
  let json: Envelope<T> | null = null;
  try {
    json = (await res.json()) as Envelope<T>;
  } catch {
    json = null;
  }
  if (!res.ok || !json || json.object !== 'success') {
    const err = json?.error;
    throw new ApiError(
      res.status,
      err?.code ?? (res.status >= 500 ? 'internal_error' : 'bad_request'),
      err?.message ?? `The server answered ${res.status} ${res.statusText}`.trim(),
      err?.details,
    );
  }
  return json;
}

async function data<T>(method: Method, path: string, body?: unknown): Promise<T> {
  return (await send<T>(method, path, body)).data as T;
}

/** Query-string from an object, skipping empty values. */
export function qs(params: Record<string, string | number | null | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}

export const api = {
  get: <T>(path: string) => data<T>('GET', path),
  post: <T>(path: string, body?: unknown) => data<T>('POST', path, body),
  put: <T>(path: string, body?: unknown) => data<T>('PUT', path, body),
  patch: <T>(path: string, body?: unknown) => data<T>('PATCH', path, body),
  del: <T>(path: string) => data<T>('DELETE', path),
  /** A list endpoint: `data` array plus `page_info`. */
  list: async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<ListResult<T>> => {
    const env = await send<T[]>(method, path, body);
    return {
      data: env.data ?? [],
      pageInfo: env.page_info ?? { has_next_page: false, next_cursor: null },
    };
  },
};

/** Human message for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return 'Something went wrong.';
}
