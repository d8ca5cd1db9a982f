import type { FieldSupervisorLoad, HistoryEntry, StaffReport } from '../../../server/contract/console';
import type { AccountView } from '../../../server/contract/accounts';
import type { Role } from '../../../server/contract/roles';

export type { FieldSupervisorLoad, HistoryEntry, StaffReport, AccountView };

/** Who is logged in, as GET /api/auth/me says. */
export type Me = { id: string; role: Role; agencyId: string | null; name: string | null };

export type ApiError = { status: number; error: string; field?: string; message: string };
export type ApiResult<T> = { ok: true; status: number; data: T } | ({ ok: false } & ApiError);

/** Any 401 from the hub: the session ended; the screen goes back to its login form. */
const unauthorizedListeners = new Set<() => void>();
export function onUnauthorized(fn: () => void): () => void {
  unauthorizedListeners.add(fn);
  return () => unauthorizedListeners.delete(fn);
}

/** One JSON call to the hub with the session cookie. Never throws: a network failure is status 0. */
export async function api<T>(path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { Accept: 'application/json', ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: 'same-origin',
      signal: init.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') return { ok: false, status: -1, error: 'aborted', message: 'aborted' };
    return { ok: false, status: 0, error: 'network', message: (err as Error).message };
  }
  let data: unknown = null;
  if (res.status !== 204) {
    try {
      data = await res.json();
    } catch {
      data = null;
    }
  }
  if (res.ok) return { ok: true, status: res.status, data: data as T };
  const e = (data ?? {}) as Partial<ApiError>;
  if (res.status === 401 && path !== '/api/auth/login' && path !== '/api/auth/me' && path !== '/api/auth/session') for (const fn of unauthorizedListeners) fn();
  return { ok: false, status: res.status, error: e.error ?? 'error', field: e.field, message: e.message ?? res.statusText };
}

export async function fetchMe(): Promise<Me | null | 'offline'> {
  // /session, not /me: a visitor who is not signed in gets null without a failed request.
  const r = await api<{ actor: Me | null }>('/api/auth/session');
  if (r.ok) return r.data.actor;
  return r.status === 0 || r.status >= 500 ? 'offline' : null;
}

export const logout = () => api<void>('/api/auth/logout', { method: 'POST' });

export type ReportDetail = {
  report: StaffReport;
  history: HistoryEntry[];
  actions: string[];
  fieldSupervisors: FieldSupervisorLoad[];
  mergedInto: string | null;
  /** The nearest online cameras (newer hubs). */
  cameras?: { id: string; name: string; distanceM: number; snapshotAt: string | null; live?: boolean }[];
};

/** The proof a field supervisor sent, as kept in the history's report.proof_submitted entry. */
export type ProofDetail = {
  photos: string[];
  note: string | null;
  location: { lng: number; lat: number } | null;
  capturedAt: string | null;
  flags: string[];
  distanceM: number | null;
};

export const photoUrl = (hash: string, variant: 'display' | 'thumb') => `/media/${hash}/${variant}.webp`;
