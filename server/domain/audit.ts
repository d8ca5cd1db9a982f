import { formatLocal, type CityClock } from './time.js';

type AuditEvent = {
  seq: number;
  at: string;
  type: string;
  reportId: number | null;
  actor: { id: string; role: string; name?: string; agencyId?: string | null };
  payload: Record<string, unknown>;
};

/** The local time column is named for the city's zone: time_wib, time_wita, time_wit. */
export const auditHeader = (clock: CityClock) => ['seq', `time_${clock.label.toLowerCase()}`, 'time_utc', 'event', 'ticket', 'actor_id', 'actor_name', 'actor_role', 'actor_agency', 'from', 'to', 'reason'];

/** One CSV line per event. Cells are quoted, and formula-looking cells are defused for spreadsheet users. */
export function auditRow(e: AuditEvent, ticket: string | null, clock: CityClock): string {
  const cells = [
    e.seq, formatLocal(e.at, clock), e.at, e.type, ticket ?? '', e.actor.id, e.actor.name ?? '', e.actor.role, e.actor.agencyId ?? '',
    e.payload.from ?? '', e.payload.to ?? '', e.payload.reason ?? '',
  ];
  return cells.map((c) => csvCell(String(c))).join(',');
}

export function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\n\r]/.test(safe) || safe !== v ? `"${safe.replace(/"/g, '""')}"` : safe;
}
