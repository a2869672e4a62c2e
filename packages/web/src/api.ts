// The one way the app talks to the server: same-origin JSON under /api, the session cookie,
// and the CSRF token (kept in memory only) on every request that changes something.

export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'totp_required',
  'totp_invalid',
  'totp_enrollment_required',
  'too_many_attempts',
  'forbidden',
  'not_found',
  'conflict',
  'username_taken',
  'csrf_failed',
  'payload_too_large',
  'rate_limited',
  'account_disabled',
  'weak_password',
  'internal',
  // also sent by the server
  'bad_request',
  'unsupported_media_type',
  'unavailable',
] as const;
export type KnownErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorDetail {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly code: string;
  readonly details: readonly ErrorDetail[];
  readonly status: number;

  constructor(code: string, message: string, details: readonly ErrorDetail[], status: number) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
    this.status = status;
  }
}

/** Thrown when the server cannot be reached at all (offline, DNS, aborted). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network', { cause });
    this.name = 'NetworkError';
  }
}

let csrfToken: string | null = null;
let currentLanguage = 'kk';
type ErrorListener = (error: ApiError, path: string) => void;
const errorListeners = new Set<ErrorListener>();

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Sent as Accept-Language so that server-side messages come back in the user's language. */
export function setApiLanguage(language: string): void {
  currentLanguage = language;
}

/** Hears every API error, e.g. to return to sign-in when the session has expired. */
export function onApiError(listener: ErrorListener): () => void {
  errorListeners.add(listener);
  return () => errorListeners.delete(listener);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads the server's `{error: {code, message, details}}` body; tolerates anything else. */
export function parseErrorBody(status: number, body: unknown, fallbackText = ''): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (!error) {
    const code = status === 401 ? 'unauthenticated' : status === 403 ? 'forbidden' : status === 404 ? 'not_found'
      : status === 413 ? 'payload_too_large' : status === 429 ? 'rate_limited' : status >= 500 ? 'internal' : 'http_' + String(status);
    return new ApiError(code, fallbackText || `HTTP ${status}`, [], status);
  }
  const code = typeof error.code === 'string' ? error.code : 'http_' + String(status);
  const message = typeof error.message === 'string' ? error.message : '';
  const details: ErrorDetail[] = [];
  if (Array.isArray(error.details)) {
    for (const d of error.details as unknown[]) {
      if (isRecord(d)) {
        const path = Array.isArray(d.path) ? d.path.join('.') : typeof d.path === 'string' ? d.path : '';
        details.push({ path, message: typeof d.message === 'string' ? d.message : '' });
      }
    }
  }
  return new ApiError(code, message, details, status);
}

export type QueryValue = string | number | boolean | null | undefined;

/** Builds `path?a=1&b=2`, leaving out empty values. */
export function withQuery(path: string, query: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLanguage };
  // a FormData body (file upload) sets its own multipart Content-Type with the boundary
  const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
    });
  } catch (cause) {
    throw new NetworkError(cause);
  }
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
  }
  if (!response.ok) {
    const error = parseErrorBody(response.status, parsed, parsed === undefined ? text.slice(0, 200) : '');
    for (const listener of errorListeners) listener(error, path);
    throw error;
  }
  return parsed as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
/** multipart/form-data, e.g. a file in the field `file` */
export const upload = <T>(path: string, form: FormData) => api<T>('POST', path, form);
