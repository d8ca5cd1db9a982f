import type { CameraWrites } from '../camera-writes.js';
import type { CameraRow } from '../cameras.js';
import type { Probe } from '../../domain/cameras.js';
import { ownTx, type Tx } from '../event-log.js';
import { later } from '../step.js';
import type { PgProjector } from './projector.js';
import { PgTx } from './transactions.js';

const SELECT = `SELECT c.id, c.name, c.kind, c.lng, c.lat, s.snapshot_url AS "snapshotUrl", s.stream_url AS "streamUrl", s.username, s.password,
  c.interval_s AS "intervalS", c.health, c.health_since AS "healthSince", c.health_reason AS reason, c.alert, c.last_probe_at AS "lastProbeAt",
  c.last_good_at AS "lastGoodAt", c.snapshot_at AS "snapshotAt", c.last_seq AS "lastSeq", c.disabled = 1 AS disabled,
  COALESCE(s.stream_url IS NOT NULL, false) AS live
  FROM cameras c LEFT JOIN camera_sources s ON s.camera_id = c.id`;

/** SQLite's uptime query (store/cameras.ts) in seconds instead of days: a share, so the unit cancels. */
const SPAN = `GREATEST(0, EXTRACT(EPOCH FROM (LEAST(COALESCE(to_at, $2), $2)::timestamptz - GREATEST(from_at, $1)::timestamptz)))`;
const UPTIME = `SELECT camera_id AS id, SUM(${SPAN}) AS known, SUM(CASE WHEN health = 'online' THEN ${SPAN} ELSE 0 END) AS up
  FROM camera_health_spans WHERE (to_at IS NULL OR to_at > $1) AND from_at < $2 GROUP BY camera_id`;

/** As SQLite keeps them (store/cameras.ts): the newest KEEP_PROBES of a camera, pruned every PRUNE_EVERY probes. */
const KEEP_PROBES = 20;
const PRUNE_EVERY = 10;

/**
 * server/store/camera-writes.ts on PostgreSQL: each call a round trip on the transaction's connection.
 * `probesSincePrune` is the hub's count of probes written per camera since it last pruned them, kept across
 * transactions (a lost count only prunes a little late).
 */
export function pgCameraWrites(tx: Tx, projector: PgProjector, probesSincePrune: Map<string, number>): CameraWrites {
  const { client } = ownTx(tx, PgTx);
  const query = (name: string, text: string, values: unknown[]) => client.query({ name, text, values });
  return {
    camera: (id) => later(query('cameras-row', `${SELECT} WHERE c.id = $1`, [id]).then((r) => (r.rows[0] as CameraRow | undefined) ?? null)),
    // COLLATE "C": SQLite's byte order of ids, whatever the database's collation.
    list: () => later(query('cameras-list', `${SELECT} ORDER BY c.id COLLATE "C"`, []).then((r) => r.rows as CameraRow[])),
    // SQLite's rule in seconds: its microsecond of slack for float days is 86.4 µs here.
    due: (at) =>
      later(
        query(
          'cameras-due',
          `${SELECT} WHERE c.disabled = 0 AND (c.last_probe_at IS NULL OR EXTRACT(EPOCH FROM ($1::timestamptz - c.last_probe_at::timestamptz)) >= c.interval_s - 0.0000864)
           ORDER BY c.last_probe_at IS NOT NULL, c.last_probe_at, c.id COLLATE "C"`,
          [at],
        ).then((r) => r.rows as CameraRow[]),
      ),
    uptimes: (from, to) =>
      later(
        query('cameras-uptimes', UPTIME, [from, to]).then(
          (r) => new Map(r.rows.map((x: { id: string; known: string; up: string }) => [x.id, Number(x.known) > 0 ? Number(x.up) / Number(x.known) : null])),
        ),
      ),
    healthOf: (id) => later(query('cameras-health', 'SELECT health, health_reason AS reason, disabled = 1 AS disabled FROM cameras WHERE id = $1', [id]).then((r) => r.rows[0] ?? null)),
    recentProbes: (id, n) =>
      later(
        query('camera-probes-recent', 'SELECT at, ok = 1 AS ok, latency_ms AS "latencyMs", hash, luma, error FROM camera_probes WHERE camera_id = $1 ORDER BY at DESC, id DESC LIMIT $2', [id, n]).then(
          (r) => r.rows as Probe[],
        ),
      ),
    addProbe: (id, p, good) =>
      later(
        (async () => {
          await query('camera-probes-add', 'INSERT INTO camera_probes (camera_id, at, ok, latency_ms, hash, luma, error) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
            id, p.at, p.ok ? 1 : 0, Math.round(p.latencyMs), p.hash, p.luma, p.error ?? null,
          ]);
          const since = (probesSincePrune.get(id) ?? 0) + 1;
          probesSincePrune.set(id, since % PRUNE_EVERY);
          if (since >= PRUNE_EVERY)
            await query(
              'camera-probes-prune',
              `DELETE FROM camera_probes WHERE camera_id = $1 AND at < (SELECT at FROM camera_probes WHERE camera_id = $1 ORDER BY at DESC LIMIT 1 OFFSET ${KEEP_PROBES - 1})`,
              [id],
            );
          await query(
            'cameras-probed',
            'UPDATE cameras SET last_probe_at = $2, last_good_at = COALESCE($3, last_good_at), snapshot_at = COALESCE($4, snapshot_at) WHERE id = $1',
            [id, p.at, good ? p.at : null, p.ok ? p.at : null],
          );
        })(),
      ),
    append: (e) => later(projector.append(tx, e)),
    setSource: (id, src, fromProfile) =>
      later(
        query(
          'camera-sources-set',
          `INSERT INTO camera_sources (camera_id, snapshot_url, stream_url, username, password, from_profile) VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (camera_id) DO UPDATE SET snapshot_url = EXCLUDED.snapshot_url, stream_url = EXCLUDED.stream_url,
             username = EXCLUDED.username, password = EXCLUDED.password, from_profile = EXCLUDED.from_profile`,
          [id, src.snapshotUrl, src.streamUrl, src.username, src.password, fromProfile ? 1 : 0],
        ).then(() => undefined),
      ),
    sourceFromProfile: (id) => later(query('camera-sources-from-profile', 'SELECT from_profile FROM camera_sources WHERE camera_id = $1', [id]).then((r) => (r.rows[0] ? r.rows[0].from_profile === 1 : null))),
    everAdded: () =>
      later(query('cameras-ever-added', "SELECT DISTINCT (payload::json)->>'cameraId' AS id FROM events WHERE type = 'camera.added'", []).then((r) => new Set(r.rows.map((x: { id: string }) => x.id)))),
  };
}
