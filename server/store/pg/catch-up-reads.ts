import type { CameraPublic } from '../../contract/cameras.js';
import type { MarkerTuple } from '../../contract/reports.js';
import { ownTx, type Tx } from '../event-log.js';
import { markerColumns, singleReporter } from '../reports.js';
import { PG_BREACHED_SQL } from './status-sql.js';
import { PgTx } from './transactions.js';

/** The screens' view of every camera (SQLite's CamerasTable.list, cameraView's fields), in SQLite's order of ids. */
const CAMERAS = `SELECT c.id, c.name, c.kind, c.lng, c.lat, c.health, c.health_since AS "healthSince", c.health_reason AS reason, c.alert,
  c.last_good_at AS "lastGoodAt", c.snapshot_at AS "snapshotAt", COALESCE(s.stream_url IS NOT NULL, false) AS live, c.disabled = 1 AS disabled,
  c.last_seq AS "lastSeq"
  FROM cameras c LEFT JOIN camera_sources s ON s.camera_id = c.id ORDER BY c.id COLLATE "C"`;
const MARKERS = markerColumns(PG_BREACHED_SQL);

/**
 * What a screen's catch-up reads on PostgreSQL (SQLite's: EventLog.headSeq/headAt, CamerasTable.list, ReportsTable's
 * markers), inside one read transaction (PgTransactions.read) so the markers and their seq are of one instant.
 */
export const pgCatchUpReads = {
  async head(tx: Tx): Promise<{ seq: number; at: string | null }> {
    const { client } = ownTx(tx, PgTx);
    const { rows } = await client.query<{ seq: number; at: string | null }>({
      name: 'catchup-head',
      text: 'SELECT h.seq, (SELECT at FROM events WHERE seq = h.seq) AS at FROM event_head h',
    });
    return rows[0];
  },
  async cameras(tx: Tx): Promise<CameraPublic[]> {
    const { client } = ownTx(tx, PgTx);
    return (await client.query<CameraPublic>({ name: 'catchup-cameras', text: CAMERAS })).rows;
  },
  async allMarkers(tx: Tx): Promise<MarkerTuple[]> {
    const { client } = ownTx(tx, PgTx);
    const { rows } = await client.query<MarkerTuple>({ name: 'catchup-markers', text: `SELECT ${MARKERS} FROM reports ORDER BY id`, rowMode: 'array' });
    return rows.map(singleReporter);
  },
  async markersChangedSince(tx: Tx, seq: number): Promise<MarkerTuple[]> {
    const { client } = ownTx(tx, PgTx);
    const { rows } = await client.query<MarkerTuple>({ name: 'catchup-changed', text: `SELECT ${MARKERS} FROM reports WHERE last_seq > $1 ORDER BY id`, values: [seq], rowMode: 'array' });
    return rows.map(singleReporter);
  },
};
