import type { ResponseInfo } from './response-info.js';
import type { ErrorCode, ErrorDetails, ErrorEnvelope } from './types.js';

/** The code a response without a Klipy envelope (a proxy's page, say) is reported as. */
const codeOfStatus = (status: number): ErrorCode =>
  status === 429
    ? 'rate_limited'
    : status === 413
      ? 'payload_too_large'
      : status >= 502 && status <= 504
        ? 'service_unavailable'
        : status === 401
          ? 'unauthorized'
          : status === 403
            ? 'forbidden'
            : status === 404
              ? 'not_found'
              : status >= 500
                ? 'internal_error'
                : 'bad_request';

/**
 * An error answer of the API. `code` is one of the documented codes and narrows
 * `details`: `if (isKlipyError(err, 'conflict')) err.details?.existingId`.
 */
export class KlipyError<C extends ErrorCode = ErrorCode> extends Error {
  override name = 'KlipyError';
  readonly code: C;
  readonly details: ErrorDetails<C>;
  readonly status: number;
  readonly requestId: string | null;
  /** Rate-limit and key-expiry headers of the failed response. */
  readonly response: ResponseInfo;
  /** The envelope as sent, when there was one. */
  readonly body: ErrorEnvelope | null;

  constructor(info: ResponseInfo, body: unknown) {
    const envelope = isEnvelope(body) ? body : null;
    const code = (envelope?.error.code ?? codeOfStatus(info.status)) as C;
    super(envelope?.error.message ?? `HTTP ${info.status}`);
    this.code = code;
    this.details = (envelope?.error as { details?: unknown } | undefined)?.details as ErrorDetails<C>;
    this.status = info.status;
    this.requestId = info.requestId;
    this.response = info;
    this.body = envelope;
  }
}

function isEnvelope(body: unknown): body is ErrorEnvelope {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof error?.code === 'string' && typeof error.message === 'string';
}

/** Narrows an unknown error to a Klipy API error, optionally of one code. */
export function isKlipyError<C extends ErrorCode>(err: unknown, code?: C): err is KlipyError<C> {
  return err instanceof KlipyError && (code === undefined || err.code === code);
}
