import type { Reads } from '../reads.js';
import type { MarkerTuple } from '../../contract/reports.js';
import type { Checkpoint } from '../replay-checkpoints.js';
import { toStored, type EventRow } from '../events.js';
import { rangeAgencySql, rangeStep, type AgencyRangeRow, type DayRangeRow, type RangeSpans } from '../rollups.js';
import { openReadStep } from '../open-counts.js';
import { openGroupsOf, type OpenGroupRow } from '../stats.js';
import { backlogEdges } from '../../domain/stats.js';
import { ownTx, type Tx } from '../event-log.js';
import { later, type Step } from '../step.js';
import { PgTx } from './transactions.js';
import { EVENT_COLUMNS } from './events.js';
import { statements } from './statements.js';
import { PG_HAS_BREACH_FLAG_SQL } from './status-sql.js';
import { queueChanges, queueCount, queuePage } from './queue.js';

const SPANS: (keyof RangeSpans)[] = ['b0', 'b1', 'a0', 'a1', 'm0', 'm1'];

// server/store/stats.ts's groups: $1 from, $2 to, $3..$5 the backlog edges.
const GROUPS = `SELECT agency_id AS "agencyId", NULLIF(district_code, '') AS "districtCode",
  (created_at < $3)::int + (created_at < $4)::int + (created_at < $5)::int AS age, ${PG_HAS_BREACH_FLAG_SQL}::int AS breached,
  (reopen_count > 0 AND created_at < $1)::int AS "reopenedBefore", COUNT(*)::int AS n`;
const DONE_SINCE = `${GROUPS} FROM reports WHERE done_at >= $2 AND created_at < $2 GROUP BY 1, 2, 3, 4, 5`;

/** server/store/reads.ts on PostgreSQL: each call a round trip (or a few) on the transaction's connection. */
export function pgReads(tx: Tx): Reads {
  const { client } = ownTx(tx, PgTx);
  const { first } = statements(client);
  const rows = <T>(name: string, text: string, values: unknown[]): Step<T[]> => later(client.query({ name, text, values }).then((r) => r.rows as T[]));
  const ids = (name: string, text: string, values: unknown[]) => later(client.query<{ id: number }>({ name, text, values }).then((r) => r.rows.map((x) => x.id)));
  const events = (name: string, rest: string, values: unknown[]) =>
    later(client.query<EventRow>({ name, text: `SELECT ${EVENT_COLUMNS} FROM events ${rest}`, values }).then((r) => r.rows.map(toStored)));
  const groups = (name: string, text: string, from: string, to: string) => later(client.query<OpenGroupRow>({ name, text, values: [from, to, ...backlogEdges(to)] }).then((r) => openGroupsOf(r.rows)));
  return {
    // As SQLite's requestsQuery; an empty list of services or statuses is no filter.
    open311Ids: (f) =>
      ids(
        'open311-requests',
        `SELECT id FROM reports WHERE created_at >= $1 AND created_at <= $2 AND ($3::text[] IS NULL OR category_id = ANY($3)) AND ($4::text[] IS NULL OR status = ANY($4))
         ORDER BY created_at DESC, id DESC LIMIT $5 OFFSET $6`,
        [f.from, f.to, f.categories.length ? f.categories : null, f.statuses.length ? f.statuses : null, f.limit, f.offset],
      ),
    idsOfTickets: (tickets) => ids('open311-tickets', 'SELECT id FROM reports WHERE ticket = ANY($1) ORDER BY created_at DESC, id DESC', [tickets]),
    eventsBetween: (from, to, afterSeq, limit) => events('events-between', 'WHERE at >= $1 AND at < $2 AND seq > $3 ORDER BY seq LIMIT $4', [from, to, afterSeq, limit]),
    priorEventsOfActive: (from, to, before) =>
      events('events-prior-of-active', 'WHERE report_id IN (SELECT report_id FROM events WHERE at >= $1 AND at < $2 AND report_id IS NOT NULL) AND at < $3 ORDER BY seq', [from, to, before]),
    checkpointAt: (at) => first<Checkpoint>('replay-checkpoint-at', 'SELECT day_start AS "dayStart", seq FROM replay_checkpoints WHERE day_start <= $1 ORDER BY day_start DESC LIMIT 1', [at]),
    checkpointMarkers: (dayStart) =>
      later(
        client
          .query<{ marker: string }>({ name: 'replay-checkpoint-markers', text: 'SELECT marker FROM replay_checkpoint_markers WHERE to_day > $1 AND from_day <= $1', values: [dayStart] })
          // One parse of the whole list, as SQLite's markersAt.
          .then((r) => JSON.parse(`[${r.rows.map((x) => x.marker).join(',')}]`) as MarkerTuple[]),
      ),
    rollupRange: (fromDay, toDay) =>
      rangeStep(
        {
          agencyRows: (spans) => rows<AgencyRangeRow>('rollups-range-agencies', rangeAgencySql((name) => `$${SPANS.indexOf(name) + 1}`), SPANS.map((k) => spans[k])),
          dayRows: (f, t) =>
            rows<DayRangeRow>('rollups-range-days', 'SELECT day, SUM(received)::int AS received, SUM(fixed)::int AS fixed FROM report_rollup_agency_days WHERE day >= $1 AND day <= $2 GROUP BY day ORDER BY day', [f, t]),
        },
        fromDay,
        toDay,
      ),
    openCounts: (from, to, clock) =>
      openReadStep(
        {
          totals: () => rows('open-counts-totals', `SELECT agency_id AS "agencyId", open, breached, reopened FROM report_open_counts WHERE span = 'all' ORDER BY agency_id COLLATE "C"`, []),
          days: (a) =>
            rows(
              'open-counts-days',
              `SELECT agency_id AS "agencyId", (start >= $1)::int + (start >= $2)::int + (start >= $3)::int + (start >= $4)::int + (start >= $5)::int AS region,
                 SUM(open)::int AS open, SUM(breached)::int AS breached, SUM(reopened)::int AS reopened
               FROM report_open_counts WHERE span = 'day' AND start >= $6 AND start <> ALL($7::bigint[]) GROUP BY 1, 2 ORDER BY agency_id COLLATE "C", region`,
              [a.e0, a.e1, a.e2, a.e3, a.e4, a.first, [a.d0, a.d1, a.d2, a.d3, a.d4]],
            ),
          hours: (f, t) => rows('open-counts-hours', `SELECT start, agency_id AS "agencyId", open, breached, reopened FROM report_open_counts WHERE span = 'hour' AND start >= $1 AND start < $2 ORDER BY start, agency_id COLLATE "C"`, [f, t]),
          received: (f, t) =>
            rows(
              'open-counts-received',
              `SELECT agency_id AS "agencyId", created_at AS "createdAt", ${PG_HAS_BREACH_FLAG_SQL}::int AS breached, (reopen_count > 0)::int AS reopened
               FROM reports WHERE done_at IS NULL AND created_at >= $1 AND created_at < $2 ORDER BY id`,
              [f, t],
            ),
          districts: () => rows('open-counts-districts', 'SELECT district_code AS "districtCode", open AS n FROM report_open_districts ORDER BY district_code COLLATE "C"', []),
          lateDistricts: (since) =>
            rows(
              'open-counts-late-districts',
              `SELECT district_code AS "districtCode", COUNT(*)::int AS n FROM reports WHERE done_at IS NULL AND created_at >= $1 AND district_code IS NOT NULL GROUP BY 1 ORDER BY district_code COLLATE "C"`,
              [since],
            ),
        },
        from,
        to,
        clock,
      ),
    openAt: (from, to) => groups('stats-open-at', `${GROUPS} FROM reports WHERE done_at IS NULL AND created_at < $2 GROUP BY 1, 2, 3, 4, 5 UNION ALL ${DONE_SINCE}`, from, to),
    doneSince: (from, to) => groups('stats-done-since', DONE_SINCE, from, to),
    queuePage: (f, page) => later(queuePage(client, f, page)),
    queueCount: (f, cap) => later(queueCount(client, f, cap)),
    queueChanges: (f, sinceSeq, cap) => later(queueChanges(client, f, sinceSeq, cap)),
  };
}
