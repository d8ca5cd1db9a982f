import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Area } from '../../domain/geography.js';
import type { ReportState } from '../../domain/reports.js';
import { REPORT_COLUMNS, reportFromRow, type ReportRow } from '../reports.js';
import { OPEN_STATUSES } from '../../domain/statuses.js';
import { ownTx } from '../event-log.js';
import { PgTransactions, PgTx } from './transactions.js';

/**
 * PostGIS where it earns its keep: the two spatial questions the hub asks, answered by the database's GiST indexes
 * instead of a bounding box and a scan in JavaScript. The product rules stay in server/domain: the database finds
 * the candidates, the domain decides (findDuplicates), so both stores give the same answer.
 */

/** Extra metres on the search radius: PostGIS's sphere (mean radius 6 371 008.8 m) is not quite the haversine's. */
const RADIUS_MARGIN_M = 1;

/**
 * The open reports of a category within `radiusM` of a point, for findDuplicates to judge: the PostgreSQL side of
 * the SQLite store's openInBox (which takes a box around the point). ST_DWithin on the sphere (false: no spheroid,
 * as the haversine in domain/distance.ts) through the GiST index on reports.place. The nearest `limit`, ties by id.
 */
export async function openNear(db: pg.Pool | pg.PoolClient, categoryId: string, p: { lng: number; lat: number }, radiusM: number, limit = 500): Promise<ReportState[]> {
  const { rows } = await db.query<ReportRow>({
    name: 'reports-open-near',
    text: `SELECT ${REPORT_COLUMNS.join(', ')} FROM reports,
             (SELECT ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography AS here) q
            WHERE category_id = $1 AND status = ANY($4) AND ST_DWithin(place, here, $5, false)
            ORDER BY ST_Distance(place, here, false), id LIMIT $6`,
    values: [categoryId, p.lng, p.lat, [...OPEN_STATUSES], radiusM + RADIUS_MARGIN_M, limit],
  });
  return rows.map(reportFromRow);
}

export type AreaLevel = 'district' | 'subdistrict';

/**
 * Puts the city's areas (its profile's kecamatan and kelurahan) in the database, replacing what is there when they
 * changed. Hubs starting together take turns on the table lock; the later ones find the same fingerprint.
 */
export async function loadAreas(pool: pg.Pool, areas: Record<AreaLevel, readonly Area[]>): Promise<boolean> {
  const levels = Object.entries(areas) as [AreaLevel, readonly Area[]][];
  const fingerprint = createHash('sha256')
    .update(JSON.stringify(levels.map(([level, list]) => [level, list.map((a) => [a.code, a.name, a.shape.geometry])])))
    .digest('hex');
  return new PgTransactions(pool).transaction(async (tx) => {
    const { client } = ownTx(tx, PgTx);
    await client.query('LOCK TABLE areas IN EXCLUSIVE MODE');
    const { rows } = await client.query<{ value: string }>("SELECT value FROM meta WHERE key = 'areas_fingerprint'");
    if (rows[0]?.value === fingerprint) return false;
    await client.query('DELETE FROM areas');
    for (const [level, list] of levels) {
      await client.query(
        `INSERT INTO areas (level, code, ord, name, shape)
           SELECT $1, code, ord - 1, name, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(shape), 4326))
             FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS a(code, name, shape, ord)`,
        [level, list.map((a) => a.code), list.map((a) => a.name), list.map((a) => JSON.stringify(a.shape.geometry))],
      );
    }
    await client.query(
      "INSERT INTO meta (key, value) VALUES ('areas_fingerprint', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
      [fingerprint],
    );
    return true;
  });
}

/**
 * The code of the area of `level` each point lies in (null outside every one), in the points' order: the database
 * side of domain/geography.ts areaAt. ST_Covers counts the border as inside, as turf's point-in-polygon does, and
 * the profile's first area wins where two cover a point.
 */
export async function areaCodesAt(db: pg.Pool | pg.PoolClient, level: AreaLevel, points: readonly { lng: number; lat: number }[]): Promise<(string | null)[]> {
  const { rows } = await db.query<{ code: string | null }>({
    name: 'areas-at',
    text: `SELECT (SELECT code FROM areas WHERE level = $1 AND ST_Covers(shape, ST_SetSRID(ST_MakePoint(p.lng, p.lat), 4326))
                    ORDER BY ord LIMIT 1) AS code
             FROM unnest($2::float8[], $3::float8[]) WITH ORDINALITY AS p(lng, lat, i) ORDER BY p.i`,
    values: [level, points.map((p) => p.lng), points.map((p) => p.lat)],
  });
  return rows.map((r) => r.code);
}
