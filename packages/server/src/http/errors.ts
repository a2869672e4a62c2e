// Typed error codes with one mapping to HTTP status. 4xx messages tell the user what to do;
// 5xx bodies never carry internals.

export const ERROR_STATUS = {
  validation_failed: 400,
  bad_request: 400,
  weak_password: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  totp_required: 401,
  totp_invalid: 401,
  csrf_failed: 403,
  forbidden: 403,
  account_disabled: 403,
  totp_enrollment_required: 403,
  not_found: 404,
  conflict: 409,
  username_taken: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_attempts: 429,
  rate_limited: 429,
  unavailable: 503,
  storage_unavailable: 503,
  insufficient_storage: 507,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type ErrorDetail = { path: string; message: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  readonly headers: Record<string, string>;
  /** a refusal whose `denied` audit entry the service wrote itself (with the record's id); others are audited centrally */
  audited = false;

  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = [], headers: Record<string, string> = {}) {
    super(message);
    this.code = code;
    this.details = details;
    this.headers = headers;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export const notFound = (what = 'record') => new AppError('not_found', `The ${what} does not exist or is not visible to you.`);
export const conflict = (message: string) => new AppError('conflict', message);
export const forbidden = (message = 'You are not allowed to do this.') => new AppError('forbidden', message);
/** A 403 already audited as `denied` by the service (so the error handler does not audit it twice). */
export const auditedForbidden = (message: string) => Object.assign(forbidden(message), { audited: true });
export const validation = (details: ErrorDetail[], message = 'The request has invalid fields.') =>
  new AppError('validation_failed', message, details);

export function errorBody(code: ErrorCode, message: string, details: ErrorDetail[] = []) {
  return { error: { code, message, details } };
}

/** The PostgreSQL error behind a failed query (drizzle wraps it as the cause): its code, table and constraint, never values. */
export function databaseError(err: unknown): { code: string; table?: string; constraint?: string } | null {
  for (let e: unknown = err, i = 0; e && typeof e === 'object' && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    const { code, table, constraint, severity } = e as { code?: unknown; table?: unknown; constraint?: unknown; severity?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof severity === 'string') {
      return { code, ...(typeof table === 'string' ? { table } : {}), ...(typeof constraint === 'string' ? { constraint } : {}) };
    }
  }
  return null;
}
