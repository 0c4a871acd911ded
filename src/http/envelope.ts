import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode, ErrorDetails } from '../modules/errors.js';
import { statusOf } from './error-table.js';

export const API_VERSION = '1' as const;

export interface PageInfo {
  has_next_page: boolean;
  next_cursor: string | null;
}

const meta = (c: Context) => ({
  request_id: (c.get('requestId') as string | undefined) ?? '',
  api_version: API_VERSION,
  timestamp: new Date().toISOString(),
});

/** `{ object: "success", data, meta }` */
export const successBody = <T>(c: Context, data: T) => ({ object: 'success' as const, data, meta: meta(c) });

/** `{ object: "error", error: { code, message, details? }, meta }` */
export const errorBody = (c: Context, code: ErrorCode, message: string, details?: ErrorDetails) => ({
  object: 'error' as const,
  error: details === undefined ? { code, message } : { code, message, details },
  meta: meta(c),
});

export const ok = <T>(c: Context, data: T, status: ContentfulStatusCode = 200) =>
  c.json(successBody(c, data), status);

/** A list or query result: `data` is an array and `page_info` sits beside it. */
export const okList = <T>(c: Context, data: T[], pageInfo: PageInfo) =>
  c.json({ ...successBody(c, data), page_info: pageInfo }, 200);

export const fail = (c: Context, code: ErrorCode, message: string, details?: ErrorDetails) =>
  c.json(errorBody(c, code, message, details), statusOf(code));
