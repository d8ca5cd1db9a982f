import type { Db } from './db.js';
import type { ReportState } from '../domain/reports.js';
import type { MarkerTuple, ReportStatus } from '../contract/reports.js';

type Row = {
  id: number; ticket: string; status: string; category_id: string; agency_id: string; description: string;
  lng: number; lat: number; precision: string; address: string | null; district_code: string | null;
  subdistrict_code: string | null; channel: string; photos: string; reporter_name: string | null;
  reporter_contact: string | null; assignee_id: string | null; merged_into_id: number | null;
  created_at: string; updated_at: string; version: number; last_seq: number;
};

const fromRow = (r: Row): ReportState => ({
  id: r.id, ticket: r.ticket, status: r.status as ReportStatus, categoryId: r.category_id, agencyId: r.agency_id,
  description: r.description, lng: r.lng, lat: r.lat, precision: r.precision as ReportState['precision'],
  address: r.address, districtCode: r.district_code, subdistrictCode: r.subdistrict_code,
  channel: r.channel as ReportState['channel'], photos: JSON.parse(r.photos), reporterName: r.reporter_name,
  reporterContact: r.reporter_contact, assigneeId: r.assignee_id, mergedIntoId: r.merged_into_id,
  createdAt: r.created_at, updatedAt: r.updated_at, version: r.version, lastSeq: r.last_seq,
});

const toRow = (s: ReportState): Row => ({
  id: s.id, ticket: s.ticket, status: s.status, category_id: s.categoryId, agency_id: s.agencyId,
  description: s.description, lng: s.lng, lat: s.lat, precision: s.precision, address: s.address,
  district_code: s.districtCode, subdistrict_code: s.subdistrictCode, channel: s.channel,
  photos: JSON.stringify(s.photos), reporter_name: s.reporterName, reporter_contact: s.reporterContact,
  assignee_id: s.assigneeId, merged_into_id: s.mergedIntoId, created_at: s.createdAt, updated_at: s.updatedAt,
  version: s.version, last_seq: s.lastSeq,
});

const MARKER_COLUMNS = 'id, status, category_id, lng, lat, district_code, created_at';

/** The reports projection: one row per report, rewritten by every event that touches it. */
export class ReportsTable {
  private readonly byId;
  private readonly byTicket;
  private readonly upsertStmt;
  private readonly nextIdStmt;
  private readonly changed;
  private readonly all;
  private readonly counts;
  private readonly recent;
  constructor(db: Db) {
    this.byId = db.prepare('SELECT * FROM reports WHERE id = ?');
    this.byTicket = db.prepare('SELECT * FROM reports WHERE ticket = ?');
    const cols = Object.keys(toRow({} as ReportState));
    this.upsertStmt = db.prepare(
      `INSERT INTO reports (${cols.join(', ')}) VALUES (${cols.map((c) => '@' + c).join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${cols.filter((c) => c !== 'id').map((c) => `${c} = excluded.${c}`).join(', ')}`,
    );
    this.nextIdStmt = db.prepare('SELECT COALESCE(MAX(id), 0) + 1 FROM reports').pluck();
    this.changed = db.prepare(`SELECT ${MARKER_COLUMNS} FROM reports WHERE last_seq > ? ORDER BY id`).raw();
    this.all = db.prepare(`SELECT ${MARKER_COLUMNS} FROM reports ORDER BY id`).raw();
    this.counts = db.prepare('SELECT status, COUNT(*) AS n FROM reports GROUP BY status');
    this.recent = db.prepare('SELECT * FROM reports ORDER BY id DESC LIMIT ?');
  }

  get(id: number): ReportState | null {
    const r = this.byId.get(id) as Row | undefined;
    return r ? fromRow(r) : null;
  }
  getByTicket(ticket: string): ReportState | null {
    const r = this.byTicket.get(ticket) as Row | undefined;
    return r ? fromRow(r) : null;
  }
  nextId(): number {
    return this.nextIdStmt.get() as number;
  }
  put(s: ReportState): void {
    this.upsertStmt.run(toRow(s));
  }
  markersChangedSince(seq: number): MarkerTuple[] {
    return this.changed.all(seq) as MarkerTuple[];
  }
  allMarkers(): MarkerTuple[] {
    return this.all.all() as MarkerTuple[];
  }
  countByStatus(): Partial<Record<ReportStatus, number>> {
    return Object.fromEntries((this.counts.all() as { status: ReportStatus; n: number }[]).map((r) => [r.status, r.n]));
  }
  latest(limit: number): ReportState[] {
    return (this.recent.all(limit) as Row[]).map(fromRow);
  }
}
