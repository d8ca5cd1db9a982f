import type { FieldSupervisorLoad, HistoryEntry, StaffReport } from '../../server/contract/console';
import type { AccountView } from '../../server/contract/accounts';
import type { Role } from '../../server/contract/roles';
import type { Proof } from '../../server/domain/reports';
import { api } from './api';

export type { FieldSupervisorLoad, HistoryEntry, StaffReport, AccountView };

/** Who is logged in, as GET /api/auth/me says. */
export type Me = { id: string; role: Role; agencyId: string | null; name: string | null };

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
  /** The other cities of the installation a report may be forwarded to (none for a city on its own). */
  forwardTo?: { id: string; name: string }[];
  /** The nearest online cameras (newer hubs). */
  cameras?: { id: string; name: string; distanceM: number; snapshotAt: string | null; live?: boolean }[];
};

/** The proof a field supervisor sent, as kept in the history's report.proof_submitted entry. */
export type ProofDetail = Proof;

/** GET /api/cameras: each camera with its share of time online over 24 h and 7 d. */
export type { CameraWithUptime } from '../../server/contract/cameras';

export const photoUrl = (hash: string, variant: 'display' | 'thumb') => `/media/${hash}/${variant}.webp`;
