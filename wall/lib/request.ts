/**
 * fetch for the phone screens: JSON in and out, a time limit, and one error type that says whether the
 * hub answered (status > 0, with the hub's `{error, field, message}`) or the network did not (status 0).
 */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when there was no answer (offline, timeout, connection dropped). */
    readonly status: number,
    /** The hub's error code (`invalid`, `conflict`, …) or `network` / `timeout`. */
    readonly code: string,
    message: string,
    /** The form field the hub named, if any. */
    readonly field: string | null = null,
    /** The hub's Retry-After (a full photo line answers 503 with one): wait at least this long before sending again. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
  /** No answer, or an answer that a retry may change (server trouble, rate limit). */
  get transient(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 408 || this.status === 429;
  }
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

export type RequestOptions = Omit<RequestInit, 'body'> & { json?: unknown; body?: BodyInit; timeoutMs?: number };

export async function request<T>(url: string, opts: RequestOptions = {}): Promise<T> {
  const { json, timeoutMs = 30_000, headers, ...init } = opts;
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), timeoutMs);
  let res: Response;
  try {
    res = await fetch(url, {
      credentials: 'same-origin',
      ...init,
      headers: { Accept: 'application/json', ...(json !== undefined ? { 'Content-Type': 'application/json' } : {}), ...(headers as Record<string, string> | undefined) },
      body: json !== undefined ? JSON.stringify(json) : opts.body,
      signal: ctl.signal,
    });
  } catch (err) {
    const timedOut = ctl.signal.aborted;
    throw new ApiError(0, timedOut ? 'timeout' : 'network', timedOut ? 'timeout' : (err as Error).message || 'network error');
  } finally {
    clearTimeout(timer);
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
    const e = (data ?? {}) as { error?: string; field?: string; message?: string };
    throw new ApiError(res.status, e.error ?? `http_${res.status}`, e.message ?? res.statusText ?? `HTTP ${res.status}`, e.field ?? null, parseRetryAfter(res.headers.get('retry-after')));
  }
  return data as T;
}

/** A client command id: 8-64 of [A-Za-z0-9_-], made once per action and reused for every retry. */
export function newClientId(prefix: string): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return `${prefix}-${s}`;
}
