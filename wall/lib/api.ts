/**
 * The one HTTP client of every screen. A refusal has one shape, the hub's JSON `{ error, field?, message }` plus
 * the status (0 when there was no answer: offline, timeout, connection dropped) and the hub's Retry-After.
 * `request` throws it as an ApiError (the phone screens retry on it); `api` returns it as a result (the staff
 * screens show it beside the form). Uploads with progress go by `postForm` (lib/upload.ts), same error.
 */

/** What the hub said when it refused, or what stood in for it when it did not answer. */
export type Refusal = {
  /** HTTP status; 0 when there was no answer, -1 when the screen itself gave up (its signal aborted). */
  status: number;
  /** The hub's error code (`invalid`, `conflict`, …) or `network` / `timeout` / `aborted`. */
  error: string;
  /** The form field the hub named, if any. */
  field: string | null;
  message: string;
  /** The hub's Retry-After (a full photo line answers 503 with one): wait at least this long before sending again. */
  retryAfterMs: number | null;
  /** The whole JSON the hub sent with the refusal (an import's row errors ride along in it). */
  body: unknown;
};

export class ApiError extends Error implements Refusal {
  readonly error: string;
  readonly field: string | null;
  readonly retryAfterMs: number | null;
  readonly body: unknown;
  constructor(
    readonly status: number,
    error: string,
    message: string,
    field: string | null = null,
    retryAfterMs: number | null = null,
    body: unknown = null,
  ) {
    super(message);
    this.error = error;
    this.field = field;
    this.retryAfterMs = retryAfterMs;
    this.body = body;
  }
  /** No answer, or an answer that a retry may change (server trouble, rate limit). */
  get transient(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 408 || this.status === 429;
  }
}

/** The hub's refusal body as an ApiError; `retryAfter` is the header's raw value. */
export function refusalFrom(status: number, data: unknown, statusText: string, retryAfter: string | null): ApiError {
  const e = (data ?? {}) as { error?: string; field?: string; message?: string };
  return new ApiError(status, e.error ?? `http_${status}`, e.message ?? (statusText || `HTTP ${status}`), e.field ?? null, parseRetryAfter(retryAfter), data);
}

/** Retry-After as seconds or an HTTP date, in ms from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isFinite(at) ? Math.max(0, at - now) : null;
}

/** How long to wait before the next try: our own back-off, or longer when the hub said so. */
export const waitBeforeRetry = (backoffMs: number, e: { retryAfterMs: number | null }) => Math.max(backoffMs, e.retryAfterMs ?? 0);

/** Any 401 from the hub on a signed-in call: the session ended; a staff screen goes back to its login form. */
const unauthorizedListeners = new Set<() => void>();
export function onUnauthorized(fn: () => void): () => void {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}
/** Asking who is signed in, or signing in, answers 401 without a session having ended. */
const SIGN_IN_PATHS = new Set(['/api/auth/login', '/api/auth/me', '/api/auth/session']);

export type RequestOptions = Omit<RequestInit, 'body' | 'headers'> & {
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as it is (FormData, a CSV text); the browser sets the multipart boundary. */
  body?: BodyInit;
  headers?: Record<string, string>;
  /** A paired display's token, sent as `Authorization: Bearer`; staff screens go by their cookie. */
  token?: string | null;
  /** null: no limit of our own. */
  timeoutMs?: number | null;
};

/** One call to the hub, JSON back; throws ApiError on a refusal or no answer. */
export async function request<T>(url: string, opts: RequestOptions = {}): Promise<T> {
  return (await call<T>(url, opts)).data;
}

async function call<T>(url: string, opts: RequestOptions): Promise<{ status: number; data: T }> {
  const { json, body, timeoutMs = 30_000, headers, token, signal, method, ...init } = opts;
  const ctl = new AbortController();
  let timedOut = false;
  const timer = timeoutMs === null ? undefined : setTimeout(() => ((timedOut = true), ctl.abort()), timeoutMs);
  const stop = () => ctl.abort();
  signal?.addEventListener('abort', stop);
  let res: Response;
  try {
    res = await fetch(url, {
      credentials: 'same-origin',
      ...init,
      method: method ?? (json !== undefined || body !== undefined ? 'POST' : 'GET'),
      headers: {
        Accept: 'application/json',
        ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: json !== undefined ? JSON.stringify(json) : body,
      signal: ctl.signal,
    });
  } catch (err) {
    if (timedOut) throw new ApiError(0, 'timeout', 'timeout');
    if (signal?.aborted) throw new ApiError(-1, 'aborted', 'aborted');
    throw new ApiError(0, 'network', (err as Error).message || 'network error');
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', stop);
  }
  let data: unknown = null;
  const text = await res.text().catch(() => '');
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    if (res.status === 401 && !SIGN_IN_PATHS.has(url)) for (const fn of unauthorizedListeners) fn();
    throw refusalFrom(res.status, data, res.statusText, res.headers.get('retry-after'));
  }
  return { status: res.status, data: data as T };
}

export type ApiResult<T> = { ok: true; status: number; data: T } | ({ ok: false } & Refusal);

/**
 * The same call as a result that never throws, for the staff screens. No time limit of its own unless asked:
 * a desk waits for the hub as long as it takes, as the browser would.
 */
export async function api<T>(url: string, opts: RequestOptions = {}): Promise<ApiResult<T>> {
  try {
    const { status, data } = await call<T>(url, { timeoutMs: null, ...opts });
    return { ok: true, status, data };
  } catch (err) {
    const e = err instanceof ApiError ? err : new ApiError(0, 'network', (err as Error).message);
    return { ok: false, status: e.status, error: e.error, field: e.field, message: e.message, retryAfterMs: e.retryAfterMs, body: e.body };
  }
}

/** A client command id: 8-64 of [A-Za-z0-9_-], made once per action and reused for every retry. */
export function newClientId(prefix: string): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return `${prefix}-${s}`;
}
