import type { ReportWrites } from '../report-writes.js';
import type { ClientCommand } from '../client-commands.js';
import { ownTx, type Tx } from '../event-log.js';
import { later } from '../step.js';
import type { PgProjector } from './projector.js';
import { readReport, writeReport } from './projections/reports.js';
import { markerColumns, REPORT_COLUMNS, reportFromRow, singleReporter, type ReportRow } from '../reports.js';
import type { MarkerTuple } from '../../contract/reports.js';
import { PG_BREACHED_SQL } from './status-sql.js';
import { statements } from './statements.js';
import { pgAccountWrites } from './account-writes.js';
import { openNear } from './geo.js';
import type { Lease } from '../../domain/leases.js';
import { toStored, type EventRow } from '../events.js';
import { OPEN_IN, RESPONDING_IN } from '../status-sql.js';
import { PgTx } from './transactions.js';
import { EVENT_COLUMNS } from './events.js';

/** A map marker's columns, with PostgreSQL's breached test (SQLite's ReportsTable reads the same columns). */
const MARKERS = markerColumns(PG_BREACHED_SQL);

/** server/store/report-writes.ts on PostgreSQL: each call a round trip on the transaction's connection. */
export function pgReportWrites(tx: Tx, projector: PgProjector): ReportWrites {
  const { client } = ownTx(tx, PgTx);
  const markers = (name: string, text: string, values: unknown[]) =>
    client.query<MarkerTuple>({ name, text, values, rowMode: 'array' }).then((r) => r.rows.map(singleReporter));
  /** Reports as the projection holds them: `rest` is what follows FROM reports (WHERE, ORDER BY, LIMIT). */
  const reports = (name: string, rest: string, values: unknown[]) =>
    later(client.query<ReportRow>({ name, text: `SELECT ${REPORT_COLUMNS.join(', ')} FROM reports ${rest}`, values }).then((r) => r.rows.map(reportFromRow)));
  /** Events as the log holds them: `rest` is what follows FROM events. */
  const events = (name: string, rest: string, values: unknown[]) =>
    later(client.query<EventRow>({ name, text: `SELECT ${EVENT_COLUMNS} FROM events ${rest}`, values }).then((r) => r.rows.map(toStored)));
  const { first, run } = statements(client);
  const accounts = pgAccountWrites(tx, projector);
  return {
    clientCommand: (clientId) =>
      first<ClientCommand>('client-commands-get', 'SELECT client_id AS "clientId", actor_id AS "actorId", report_id AS "reportId", seq, created_at AS "createdAt" FROM client_commands WHERE client_id = $1', [clientId]),
    report: (id) => later(readReport(client, id)),
    reportByTicket: function* (ticket) {
      return (yield* reports('reports-by-ticket', 'WHERE ticket = $1', [ticket]))[0] ?? null;
    },
    // The accounts' port's read: one query for an account by id.
    account: (id) => accounts.account(id),
    newReportId: function* () {
      return (yield* first<{ id: number }>('report-ids-next', "SELECT nextval('report_ids') AS id", []))!.id;
    },
    nextTicket: function* (prefix, year) {
      const bumped = yield* first<{ last: number }>(
        'ticket-counters-bump',
        'INSERT INTO ticket_counters (prefix, year, last) VALUES ($1, $2, 1) ON CONFLICT (prefix, year) DO UPDATE SET last = ticket_counters.last + 1 RETURNING last',
        [prefix, year],
      );
      return bumped!.last;
    },
    addMedia: (rows) =>
      later(
        (async () => {
          if (!rows.length) return;
          // In one order, so two transactions adding the same photos cannot each hold one the other waits for.
          rows = [...rows].sort((x, y) => (x.hash < y.hash ? -1 : x.hash > y.hash ? 1 : 0));
          // One statement for every photo of the report: a round trip, not one per photo.
          await client.query({
            name: 'media-add',
            text: `INSERT INTO media (hash, width, height, bytes, created_at)
                   SELECT * FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::text[]) ON CONFLICT (hash) DO NOTHING`,
            values: [rows.map((m) => m.hash), rows.map((m) => m.width), rows.map((m) => m.height), rows.map((m) => m.bytes), rows.map((m) => m.createdAt)],
          });
        })(),
      ),
    hasMedia: (hash) => later(client.query({ name: 'media-has', text: 'SELECT 1 FROM media WHERE hash = $1', values: [hash] }).then((r) => r.rowCount! > 0)),
    mediaHashes: () => later(client.query<{ hash: string }>('SELECT hash FROM media').then((r) => new Set(r.rows.map((m) => m.hash)))),
    append: (e) => later(projector.append(tx, e)),
    headSeq: () => later(client.query<{ seq: number }>({ name: 'events-head-tx', text: 'SELECT seq FROM event_head' }).then((r) => r.rows[0].seq)),
    headAt: () =>
      later(client.query<{ at: string | null }>({ name: 'events-head-at', text: 'SELECT (SELECT at FROM events WHERE seq = h.seq) AS at FROM event_head h' }).then((r) => r.rows[0].at)),
    allMarkers: () => later(markers('reports-markers', `SELECT ${MARKERS} FROM reports ORDER BY id`, [])),
    markersChangedSince: (seq) => later(markers('reports-markers-changed', `SELECT ${MARKERS} FROM reports WHERE last_seq > $1 ORDER BY id`, [seq])),
    // By the JSON's resolutionDueAt, ties by id, as SQLite's ReportsTable.flagged.
    flagged: (agencyId, limit) =>
      reports(
        'reports-flagged',
        `WHERE deadline_flags <> '[]' AND status IN ${OPEN_IN} AND ($1::text IS NULL OR agency_id = $1) ORDER BY (deadlines::json)->>'resolutionDueAt', id LIMIT $2`,
        [agencyId, limit],
      ),
    // PostGIS finds the candidates (pg/geo.ts); the domain decides.
    openNear: (categoryId, p, radiusM) => later(openNear(client, categoryId, p, radiusM)),
    mergedInto: (primaryId) => reports('reports-merged-into', "WHERE merged_into_id = $1 AND status = 'merged' ORDER BY created_at, id LIMIT 500", [primaryId]),
    openJobsByAssignee: (agencyId) =>
      later(
        client
          .query<{ assignee_id: string; n: number }>({
            name: 'reports-open-jobs',
            text: `SELECT assignee_id, COUNT(*)::int AS n FROM reports WHERE agency_id = $1 AND status IN ${RESPONDING_IN} AND assignee_id IS NOT NULL GROUP BY assignee_id`,
            values: [agencyId],
          })
          .then((r) => new Map(r.rows.map((x) => [x.assignee_id, x.n]))),
      ),
    eventsSince: (seq, limit) => events('events-since-tx', 'WHERE seq > $1 ORDER BY seq LIMIT $2', [seq, limit]),
    eventsOf: (reportId) => events('events-of-report-tx', 'WHERE report_id = $1 ORDER BY seq', [reportId]),
    assignedTo: (accountId) => reports('reports-assigned', `WHERE assignee_id = $1 AND status IN ${RESPONDING_IN} ORDER BY dispatched_at, id`, [accountId]),
    dueForCheck: (at, limit) => reports('reports-due', 'WHERE next_check_at IS NOT NULL AND next_check_at <= $1 ORDER BY next_check_at, id LIMIT $2', [at, limit]),
    rewrite: (report) => later(writeReport(client, report)),
    lease: (name) => first<Lease>('leases-get', 'SELECT name, owner, until FROM leases WHERE name = $1', [name]),
    swapLease: (seen, next) =>
      later(
        (seen
          ? client.query({ name: 'leases-swap', text: 'UPDATE leases SET owner = $2, until = $3 WHERE name = $1 AND owner = $4 AND until = $5', values: [next.name, next.owner, next.until, seen.owner, seen.until] })
          : client.query({ name: 'leases-insert', text: 'INSERT INTO leases (name, owner, until) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING', values: [next.name, next.owner, next.until] })
        ).then((r) => r.rowCount === 1),
      ),
    releaseLease: (name, owner, at) => run('leases-release', 'UPDATE leases SET until = $3 WHERE name = $1 AND owner = $2 AND until > $3', [name, owner, at]),
    leasesNamed: (prefix) =>
      later(client.query<Lease>({ name: 'leases-named', text: 'SELECT name, owner, until FROM leases WHERE starts_with(name, $1) ORDER BY name COLLATE "C"', values: [prefix] }).then((r) => r.rows)),
    forgetLeases: (prefix, before) => run('leases-forget', 'DELETE FROM leases WHERE starts_with(name, $1) AND until < $2', [prefix, before]),
    outboxCounts: () =>
      later(
        client
          .query<{ pending: number; givenUp: number }>({
            name: 'outbox-counts',
            text: `SELECT (SELECT COUNT(*)::int FROM outbox WHERE delivered_at IS NULL AND given_up_at IS NULL) AS pending,
                          (SELECT COUNT(*)::int FROM outbox WHERE given_up_at IS NOT NULL) AS "givenUp"`,
          })
          .then((r) => r.rows[0]),
      ),
    addOutbox: (m) =>
      later(
        client
          .query({
            name: 'outbox-add',
            text: 'INSERT INTO outbox (seq, agency_id, url, body, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (seq, url) DO NOTHING',
            values: [m.seq, m.agencyId, m.url, m.body, m.at],
          })
          .then(() => undefined),
      ),
    addClientCommand: (c) =>
      later(
        client
          .query({ name: 'client-commands-add', text: 'INSERT INTO client_commands (client_id, actor_id, report_id, seq, created_at) VALUES ($1, $2, $3, $4, $5)', values: [c.clientId, c.actorId, c.reportId, c.seq, c.createdAt] })
          .then(() => undefined),
      ),
  };
}

