import type { Db } from './db.js';
import type { ReportState } from '../domain/reports.js';
import type { MarkerTuple, ReportStatus } from '../contract/reports.js';
import { nextCheckAt } from '../domain/deadlines.js';
import { BREACHED_SQL, OPEN_IN, RESPONDING_IN } from './status-sql.js';
import { likePattern, type SearchTerm } from '../domain/search.js';
import { MIN_INDEXED_WORD, searchBody, searchFacts, searchMatch } from './report-search.js';
import type { RollupFacts } from '../domain/rollups.js';

/** A report's row, as both stores hold it (server/store/pg/migrations/002_reports.sql has the same columns). */
export type ReportRow = {
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

export const reportFromRow = (r: ReportRow): ReportState => ({
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

export const reportToRow = (s: ReportState): ReportRow => ({
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

/** The columns reportToRow writes, in its order: the row both stores' reports projections write. */
export const REPORT_COLUMNS = Object.keys(reportToRow({} as ReportState)) as (keyof ReportRow)[];

/** Rows a statement read from `reports`, as reports. */
const reportsFrom = (rows: unknown[]): ReportState[] => (rows as ReportRow[]).map(reportFromRow);

export type QueueFilter = {
  agencyId?: string | null;
  statuses?: ReportStatus[];
  categoryId?: string;
  districtCode?: string;
  channel?: string;
  /** true: only breached reports (domain/statuses isBreached); false: none of them. */
  breached?: boolean;
  createdBefore?: string;
  /** Search words (domain/search.ts): each must match the text or name the report's category or kecamatan. */
  terms?: SearchTerm[];
};

/** A queue filter as SQL: the FTS5 MATCH that leads (when it names a fact or a word) and the checks on the row. */
type CompiledFilter = { match: string | null; breached: boolean; where: string[]; args: Record<string, unknown> };

function compileFilter(f: QueueFilter): CompiledFilter {
  const where: string[] = [];
  const args: Record<string, unknown> = {};
  const eq = (col: string, name: string, v: string | null | undefined) => {
    if (v) (where.push(`r.${col} = @${name}`), (args[name] = v));
  };
  eq('agency_id', 'agencyId', f.agencyId);
  eq('category_id', 'categoryId', f.categoryId);
  eq('district_code', 'districtCode', f.districtCode);
  eq('channel', 'channel', f.channel);
  if (f.statuses?.length) {
    // One status walks its index; several (a tab) walk the ids and check each row: an IN-list over an index comes
    // back out of id order and would be sorted whole before the first page.
    if (f.statuses.length === 1) where.push('r.status = @s0');
    else where.push(`+r.status IN (${f.statuses.map((_, i) => `@s${i}`).join(', ')})`);
    f.statuses.forEach((st, i) => (args[`s${i}`] = st));
  }
  if (f.breached !== undefined) where.push(f.breached ? BREACHED_SQL : `NOT ${BREACHED_SQL}`);
  // Unary plus: the age is checked on the row; walking reports_created would come back in age order, not id order.
  if (f.createdBefore) (where.push('+r.created_at < @createdBefore'), (args.createdBefore = f.createdBefore));
  // Words too short for the trigram index are checked on the row, as LIKE did before it.
  (f.terms ?? []).forEach((t, i) => {
    if ([...t.text].length >= MIN_INDEXED_WORD) return;
    const or = [`r.ticket LIKE @t${i}`, `r.description LIKE @t${i}`, `r.address LIKE @t${i}`];
    args[`t${i}`] = likePattern(t.text);
    if (t.categoryIds.length) or.push(`r.category_id IN (${t.categoryIds.map((id, j) => ((args[`t${i}c${j}`] = id), `@t${i}c${j}`)).join(', ')})`);
    if (t.districtCodes.length) or.push(`r.district_code IN (${t.districtCodes.map((c, j) => ((args[`t${i}d${j}`] = c), `@t${i}d${j}`)).join(', ')})`);
    where.push(`(${or.join(' OR ')})`);
  });
  const match = searchMatch(f);
  if (match) args.match = match;
  return { match, breached: f.breached === true, where, args };
}

/**
 * FROM, WHERE and ORDER BY of a queue read, newest first: the search index leads when it can (its ids come in order
 * and the walk stops at the page), else the reports table by id or by one of migration 023's indexes. The index's
 * rowid is minus the report's id: FTS5 walks its lists upwards cheaply, while walking them downwards reloaded the
 * lists of common trigrams and cost up to 15× more (a ticket's "TNG-2026-" is in every row).
 */
function queueSource(c: CompiledFilter, before?: number): { sql: string; order: string } {
  if (c.match) {
    const where = ['report_search MATCH @match', ...c.where, ...(before !== undefined ? ['s.rowid > -@before'] : [])];
    // CROSS JOIN keeps report_search the outer loop: the planner may not turn the join around and sort.
    return { sql: `FROM report_search s CROSS JOIN reports r ON r.id = -s.rowid WHERE ${where.join(' AND ')}`, order: 's.rowid' };
  }
  const where = [...c.where, ...(before !== undefined ? ['r.id < @before'] : [])];
  // Breached alone: its partial index, ids in order (the planner would take the status IN-list inside it and sort).
  const from = c.breached ? 'reports r INDEXED BY reports_queue_breached' : 'reports r';
  return { sql: `FROM ${from}${where.length ? ' WHERE ' + where.join(' AND ') : ''}`, order: 'r.id DESC' };
}

type QueuePageAt = { before?: number; limit: number };

function pageQuery(f: QueueFilter, page: QueuePageAt): { sql: string; args: Record<string, unknown> } {
  const c = compileFilter(f);
  const src = queueSource(c, page.before);
  return {
    sql: `SELECT r.* ${src.sql} ORDER BY ${src.order} LIMIT @limit`,
    args: { ...c.args, ...(page.before !== undefined ? { before: page.before } : {}), limit: page.limit },
  };
}

/**
 * A marker's columns in MarkerTuple's order, with the store's SQL for the 8th: 1 when a deadline is breached, so the
 * wall can ring it; the 9th: how many citizens reported it.
 */
export const markerColumns = (breachedSql: string) => `id, status, category_id, lng, lat, district_code, created_at,
  ${breachedSql} AS breached,
  citizen_count`;
const MARKER_COLUMNS = markerColumns(BREACHED_SQL);

/** Like toMarker: the count column only when several citizens reported it, so a 100k catch-up stays small. */
export function singleReporter(m: MarkerTuple): MarkerTuple {
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
  private readonly changedIds;
  private readonly searchRow;
  private readonly searchDelete;
  private readonly searchInsert;
  private readonly factsStmt;
  constructor(private readonly db: Db) {
    this.changedIds = db.prepare('SELECT id FROM reports WHERE last_seq > ? ORDER BY last_seq LIMIT ?').pluck();
    this.searchRow = db.prepare('SELECT body, facts FROM report_search WHERE rowid = ?');
    this.searchDelete = db.prepare('DELETE FROM report_search WHERE rowid = ?');
    this.searchInsert = db.prepare('INSERT INTO report_search (rowid, body, facts) VALUES (?, ?, ?)');
    this.factsStmt = db.prepare(
      `SELECT agency_id AS agencyId, category_id AS categoryId, district_code AS districtCode, status, created_at AS createdAt,
         first_dispatched_at AS firstDispatchedAt, verified_at AS verifiedAt, done_at AS doneAt, reopen_count AS reopenCount,
         return_count AS returnCount, json_extract(deadlines, '$.responseDueAt') AS responseDueAt, json_extract(deadlines, '$.resolutionDueAt') AS resolutionDueAt
       FROM reports`,
    );
    this.mergedStmt = db.prepare("SELECT * FROM reports WHERE merged_into_id = ? AND status = 'merged' ORDER BY created_at, id LIMIT 500");
    this.inBox = db.prepare(
      `SELECT * FROM reports WHERE category_id = @categoryId AND status IN ${OPEN_IN}
         AND lat BETWEEN @minLat AND @maxLat AND lng BETWEEN @minLng AND @maxLng LIMIT @limit`,
    );
    this.flaggedStmt = db.prepare(
      `SELECT * FROM reports WHERE deadline_flags <> '[]' AND status IN ${OPEN_IN}
         AND (@agencyId IS NULL OR agency_id = @agencyId) ORDER BY json_extract(deadlines, '$.resolutionDueAt'), id LIMIT @limit`,
    );
    // By id within one checkpoint time: the order both stores sweep in (server/store/pg/report-writes.ts).
    this.due = db.prepare('SELECT * FROM reports WHERE next_check_at IS NOT NULL AND next_check_at <= ? ORDER BY next_check_at, id LIMIT ?');
    this.assigned = db.prepare(
      `SELECT * FROM reports WHERE assignee_id = ? AND status IN ${RESPONDING_IN} ORDER BY dispatched_at, id`,
    );
    this.openJobs = db.prepare(
      `SELECT assignee_id, COUNT(*) AS n FROM reports WHERE agency_id = ? AND status IN ${RESPONDING_IN} AND assignee_id IS NOT NULL GROUP BY assignee_id`,
    );
    this.byId = db.prepare('SELECT * FROM reports WHERE id = ?');
    this.byTicket = db.prepare('SELECT * FROM reports WHERE ticket = ?');
    const cols = REPORT_COLUMNS;
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
    const r = this.byId.get(id) as ReportRow | undefined;
    return r ? reportFromRow(r) : null;
  }
  getByTicket(ticket: string): ReportState | null {
    const r = this.byTicket.get(ticket) as ReportRow | undefined;
    return r ? reportFromRow(r) : null;
  }
  nextId(): number {
    return this.nextIdStmt.get() as number;
  }
  /** Writes the report's row, and its search row when its text or fixed facts changed (filing, a reroute). */
  put(s: ReportState): void {
    this.upsertStmt.run(reportToRow(s));
    const body = searchBody(s.ticket, s.description, s.address);
    const facts = searchFacts(s);
    const had = this.searchRow.get(-s.id) as { body: string; facts: string } | undefined;
    if (had?.body === body && had.facts === facts) return;
    if (had) this.searchDelete.run(-s.id);
    this.searchInsert.run(-s.id, body, facts);
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
  /**
   * One page of the console's queue, newest first (by id: the order reports were filed in), after the cursor (the
   * last id of the page before). Keyset, not OFFSET: a page deep in the list costs what the first one does.
   */
  queuePage(f: QueueFilter, page: QueuePageAt): ReportState[] {
    const { sql, args } = pageQuery(f, page);
    return reportsFrom(this.db.prepare(sql).all(args));
  }

  /** EXPLAIN QUERY PLAN of a page: which index each filter reads (tested, so a filter never quietly scans). */
  queuePlan(f: QueueFilter, page: QueuePageAt): string[] {
    const { sql, args } = pageQuery(f, page);
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(args) as { detail: string }[]).map((r) => r.detail);
  }

  /** How many reports the filter matches, counted up to `cap` (a count that reaches it says only "at least"). */
  queueCount(f: QueueFilter, cap: number): number {
    const c = compileFilter(f);
    // Order does not matter here: without the unary plus a tab of statuses counts inside reports_status.
    const sql = `SELECT COUNT(*) FROM (SELECT 1 ${queueSource(c).sql.replace(/\+r\./g, 'r.')} LIMIT @cap)`;
    return this.db.prepare(sql).pluck().get({ ...c.args, cap }) as number;
  }

  /**
   * What changed for a queue since a seq: the changed reports that match the filter, and the ids of those that do
   * not (any more). Null when more than `cap` reports changed: the screen reloads its first page instead.
   */
  queueChanges(f: QueueFilter, sinceSeq: number, cap: number): { matching: ReportState[]; gone: number[] } | null {
    const ids = this.changedIds.all(sinceSeq, cap + 1) as number[];
    if (ids.length > cap) return null;
    if (!ids.length) return { matching: [], gone: [] };
    const c = compileFilter(f);
    // From the changed rows, not from the index: a handful of ids, each checked against the words on its own.
    const where = ['r.id IN (SELECT value FROM json_each(@ids))', ...c.where];
    if (c.match) where.push('EXISTS (SELECT 1 FROM report_search WHERE report_search MATCH @match AND rowid = -r.id)');
    const sql = `SELECT r.* FROM reports r WHERE ${where.join(' AND ')} ORDER BY r.id DESC`;
    const matching = reportsFrom(this.db.prepare(sql).all({ ...c.args, ids: JSON.stringify(ids) }));
    const kept = new Set(matching.map((r) => r.id));
    return { matching, gone: ids.filter((id) => !kept.has(id)) };
  }

  openJobsByAssignee(agencyId: string): Map<string, number> {
    const rows = this.openJobs.all(agencyId) as { assignee_id: string; n: number }[];
    return new Map(rows.map((r) => [r.assignee_id, r.n]));
  }

  /** Reports whose next deadline checkpoint has come: what the scheduler looks at. */
  dueForCheck(now: string, limit: number): ReportState[] {
    return reportsFrom(this.due.all(now, limit));
  }

  /** Open reports carrying deadline flags (optionally one agency's), most urgent first. */
  flagged(agencyId: string | null, limit: number): ReportState[] {
    return reportsFrom(this.flaggedStmt.all({ agencyId, limit }));
  }

  /** A field supervisor's open jobs. */
  assignedTo(assigneeId: string): ReportState[] {
    return reportsFrom(this.assigned.all(assigneeId));
  }

  /**
   * Open reports of a category inside a box (the prefilter for possible duplicates; the exact distance and the time
   * window are the pure findDuplicates). Bounded: a box of 150 m never holds thousands of open reports of one kind.
   */
  openInBox(categoryId: string, box: { minLat: number; maxLat: number; minLng: number; maxLng: number }, limit = 500): ReportState[] {
    return reportsFrom(this.inBox.all({ categoryId, ...box, limit }));
  }

  /** The duplicates merged into a primary, oldest first. */
  mergedInto(primaryId: number): ReportState[] {
    return reportsFrom(this.mergedStmt.all(primaryId));
  }

  /** What every report adds to the rollups, streamed (a store's first start after migration 022). */
  *eachFacts(): Generator<RollupFacts> {
    type Facts = Omit<RollupFacts, 'deadlines'> & { responseDueAt: string | null; resolutionDueAt: string | null };
    for (const { responseDueAt, resolutionDueAt, ...f } of this.factsStmt.iterate() as Iterable<Facts>)
      yield { ...f, deadlines: responseDueAt === null && resolutionDueAt === null ? null : { responseDueAt: responseDueAt!, resolutionDueAt: resolutionDueAt! } };
  }

  latest(limit: number): ReportState[] {
    return reportsFrom(this.recent.all(limit));
  }
}
