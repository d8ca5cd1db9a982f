import type { Db } from './db.js';
import type { ReportState } from '../domain/reports.js';
import type { MarkerTuple, ReportStatus } from '../contract/reports.js';
import { nextCheckAt } from '../domain/deadlines.js';
import { BREACHED_SQL, OPEN_IN, RESPONDING_IN } from './status-sql.js';
import { likePattern, type SearchTerm } from '../domain/search.js';
import type { RollupFacts } from '../domain/rollups.js';

type Row = {
  id: number; ticket: string; status: string; category_id: string; agency_id: string; description: string;
  lng: number; lat: number; precision: string; address: string | null; district_code: string | null;
  subdistrict_code: string | null; channel: string; photos: string; reporter_name: string | null;
  reporter_contact: string | null; assignee_id: string | null; merged_into_id: number | null;
  merged_from_status: string | null; citizen_count: number;
  instruction: string | null; dispatched_at: string | null; proof: string | null; return_reason: string | null; track_key_hash: string | null; camera_snapshot: string | null;
  deadlines: string | null; deadline_flags: string; acknowledged_flags: string; next_check_at: string | null;
  first_dispatched_at: string | null; verified_at: string | null; done_at: string | null; reopen_count: number; return_count: number;
  created_at: string; updated_at: string; version: number; last_seq: number;
};

const fromRow = (r: Row): ReportState => ({
  id: r.id, ticket: r.ticket, status: r.status as ReportStatus, categoryId: r.category_id, agencyId: r.agency_id,
  description: r.description, lng: r.lng, lat: r.lat, precision: r.precision as ReportState['precision'],
  address: r.address, districtCode: r.district_code, subdistrictCode: r.subdistrict_code,
  channel: r.channel as ReportState['channel'], photos: JSON.parse(r.photos), reporterName: r.reporter_name,
  reporterContact: r.reporter_contact, assigneeId: r.assignee_id, mergedIntoId: r.merged_into_id,
  mergedFromStatus: (r.merged_from_status as ReportStatus | null) ?? null, citizenCount: r.citizen_count ?? 1,
  instruction: r.instruction, dispatchedAt: r.dispatched_at, proof: r.proof ? JSON.parse(r.proof) : null,
  returnReason: r.return_reason, trackKeyHash: r.track_key_hash, cameraSnapshot: r.camera_snapshot ? JSON.parse(r.camera_snapshot) : null,
  deadlines: r.deadlines ? JSON.parse(r.deadlines) : null, deadlineFlags: JSON.parse(r.deadline_flags), acknowledgedFlags: JSON.parse(r.acknowledged_flags),
  firstDispatchedAt: r.first_dispatched_at, verifiedAt: r.verified_at, doneAt: r.done_at, reopenCount: r.reopen_count, returnCount: r.return_count,
  createdAt: r.created_at, updatedAt: r.updated_at, version: r.version, lastSeq: r.last_seq,
});

const toRow = (s: ReportState): Row => ({
  id: s.id, ticket: s.ticket, status: s.status, category_id: s.categoryId, agency_id: s.agencyId,
  description: s.description, lng: s.lng, lat: s.lat, precision: s.precision, address: s.address,
  district_code: s.districtCode, subdistrict_code: s.subdistrictCode, channel: s.channel,
  photos: JSON.stringify(s.photos), reporter_name: s.reporterName, reporter_contact: s.reporterContact,
  assignee_id: s.assigneeId, merged_into_id: s.mergedIntoId,
  merged_from_status: s.mergedFromStatus ?? null, citizen_count: s.citizenCount ?? 1, instruction: s.instruction, dispatched_at: s.dispatchedAt,
  proof: s.proof ? JSON.stringify(s.proof) : null, return_reason: s.returnReason, track_key_hash: s.trackKeyHash,
  camera_snapshot: s.cameraSnapshot ? JSON.stringify(s.cameraSnapshot) : null,
  deadlines: s.deadlines ? JSON.stringify(s.deadlines) : null, deadline_flags: JSON.stringify(s.deadlineFlags ?? []),
  acknowledged_flags: JSON.stringify(s.acknowledgedFlags ?? []), next_check_at: s.deadlines ? nextCheckAt(s) : null,
  first_dispatched_at: s.firstDispatchedAt, verified_at: s.verifiedAt, done_at: s.doneAt, reopen_count: s.reopenCount, return_count: s.returnCount, created_at: s.createdAt, updated_at: s.updatedAt,
  version: s.version, last_seq: s.lastSeq,
});

export type QueueFilter = {
  agencyId?: string | null;
  statuses?: ReportStatus[];
  categoryId?: string;
  districtCode?: string;
  channel?: string;
  createdBefore?: string;
  /** Search words (domain/search.ts): each must match the text or name the report's category or kecamatan. */
  terms?: SearchTerm[];
  limit: number;
};

// The 8th column: 1 when a deadline is breached, so the wall can ring it; the 9th: how many citizens reported it.
const MARKER_COLUMNS = `id, status, category_id, lng, lat, district_code, created_at,
  ${BREACHED_SQL} AS breached,
  citizen_count`;

/** Like toMarker: the count column only when several citizens reported it, so a 100k catch-up stays small. */
function singleReporter(m: MarkerTuple): MarkerTuple {
  if (m[8] === 1) m.length = 8;
  return m;
}

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
  private readonly openJobs;
  private readonly assigned;
  private readonly due;
  private readonly flaggedStmt;
  private readonly inBox;
  private readonly mergedStmt;
  private readonly factsStmt;
  constructor(private readonly db: Db) {
    this.factsStmt = db.prepare(
      `SELECT agency_id AS agencyId, category_id AS categoryId, district_code AS districtCode, status, created_at AS createdAt,
         first_dispatched_at AS firstDispatchedAt, verified_at AS verifiedAt, done_at AS doneAt, reopen_count AS reopenCount,
         return_count AS returnCount, json_extract(deadlines, '$.responseDueAt') AS responseDueAt, json_extract(deadlines, '$.resolutionDueAt') AS resolutionDueAt
       FROM reports`,
    );
    this.mergedStmt = db.prepare("SELECT * FROM reports WHERE merged_into_id = ? AND status = 'merged' ORDER BY created_at LIMIT 500");
    this.inBox = db.prepare(
      `SELECT * FROM reports WHERE category_id = @categoryId AND status IN ${OPEN_IN}
         AND lat BETWEEN @minLat AND @maxLat AND lng BETWEEN @minLng AND @maxLng LIMIT @limit`,
    );
    this.flaggedStmt = db.prepare(
      `SELECT * FROM reports WHERE deadline_flags <> '[]' AND status IN ${OPEN_IN}
         AND (@agencyId IS NULL OR agency_id = @agencyId) ORDER BY json_extract(deadlines, '$.resolutionDueAt') LIMIT @limit`,
    );
    this.due = db.prepare('SELECT * FROM reports WHERE next_check_at IS NOT NULL AND next_check_at <= ? ORDER BY next_check_at LIMIT ?');
    this.assigned = db.prepare(
      `SELECT * FROM reports WHERE assignee_id = ? AND status IN ${RESPONDING_IN} ORDER BY dispatched_at`,
    );
    this.openJobs = db.prepare(
      `SELECT assignee_id, COUNT(*) AS n FROM reports WHERE agency_id = ? AND status IN ${RESPONDING_IN} AND assignee_id IS NOT NULL GROUP BY assignee_id`,
    );
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
    return (this.changed.all(seq) as MarkerTuple[]).map(singleReporter);
  }
  allMarkers(): MarkerTuple[] {
    return (this.all.all() as MarkerTuple[]).map(singleReporter);
  }
  countByStatus(): Partial<Record<ReportStatus, number>> {
    return Object.fromEntries((this.counts.all() as { status: ReportStatus; n: number }[]).map((r) => [r.status, r.n]));
  }
  /** The console's queue: newest first, filtered; every value is bound, never spliced into SQL. */
  query(f: QueueFilter): ReportState[] {
    const where: string[] = [];
    const args: Record<string, unknown> = { limit: f.limit };
    if (f.agencyId) (where.push('agency_id = @agencyId'), (args.agencyId = f.agencyId));
    if (f.statuses?.length) {
      where.push(`status IN (${f.statuses.map((_, i) => `@s${i}`).join(', ')})`);
      f.statuses.forEach((st, i) => (args[`s${i}`] = st));
    }
    if (f.categoryId) (where.push('category_id = @categoryId'), (args.categoryId = f.categoryId));
    if (f.districtCode) (where.push('district_code = @districtCode'), (args.districtCode = f.districtCode));
    if (f.channel) (where.push('channel = @channel'), (args.channel = f.channel));
    if (f.createdBefore) (where.push('created_at < @createdBefore'), (args.createdBefore = f.createdBefore));
    (f.terms ?? []).forEach((t, i) => {
      const or = [`ticket LIKE @t${i}`, `description LIKE @t${i}`, `address LIKE @t${i}`];
      args[`t${i}`] = likePattern(t.text);
      if (t.categoryIds.length) or.push(`category_id IN (${t.categoryIds.map((id, j) => ((args[`t${i}c${j}`] = id), `@t${i}c${j}`)).join(', ')})`);
      if (t.districtCodes.length) or.push(`district_code IN (${t.districtCodes.map((c, j) => ((args[`t${i}d${j}`] = c), `@t${i}d${j}`)).join(', ')})`);
      where.push(`(${or.join(' OR ')})`);
    });
    const sql = `SELECT * FROM reports ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at DESC, id DESC LIMIT @limit`;
    return (this.db.prepare(sql).all(args) as Row[]).map(fromRow);
  }

  openJobsByAssignee(agencyId: string): Map<string, number> {
    const rows = this.openJobs.all(agencyId) as { assignee_id: string; n: number }[];
    return new Map(rows.map((r) => [r.assignee_id, r.n]));
  }

  /** Reports whose next deadline checkpoint has come: what the scheduler looks at. */
  dueForCheck(now: string, limit: number): ReportState[] {
    return (this.due.all(now, limit) as Row[]).map(fromRow);
  }

  /** Open reports carrying deadline flags (optionally one agency's), most urgent first. */
  flagged(agencyId: string | null, limit: number): ReportState[] {
    return (this.flaggedStmt.all({ agencyId, limit }) as Row[]).map(fromRow);
  }

  /** A field supervisor's open jobs. */
  assignedTo(assigneeId: string): ReportState[] {
    return (this.assigned.all(assigneeId) as Row[]).map(fromRow);
  }

  /**
   * Open reports of a category inside a box (the prefilter for possible duplicates; the exact distance and the time
   * window are the pure findDuplicates). Bounded: a box of 150 m never holds thousands of open reports of one kind.
   */
  openInBox(categoryId: string, box: { minLat: number; maxLat: number; minLng: number; maxLng: number }, limit = 500): ReportState[] {
    return (this.inBox.all({ categoryId, ...box, limit }) as Row[]).map(fromRow);
  }

  /** The duplicates merged into a primary, oldest first. */
  mergedInto(primaryId: number): ReportState[] {
    return (this.mergedStmt.all(primaryId) as Row[]).map(fromRow);
  }

  /** What every report adds to the rollups, streamed (a store's first start after migration 022). */
  *eachFacts(): Generator<RollupFacts> {
    type Facts = Omit<RollupFacts, 'deadlines'> & { responseDueAt: string | null; resolutionDueAt: string | null };
    for (const { responseDueAt, resolutionDueAt, ...f } of this.factsStmt.iterate() as Iterable<Facts>)
      yield { ...f, deadlines: responseDueAt === null && resolutionDueAt === null ? null : { responseDueAt: responseDueAt!, resolutionDueAt: resolutionDueAt! } };
  }

  latest(limit: number): ReportState[] {
    return (this.recent.all(limit) as Row[]).map(fromRow);
  }
}
