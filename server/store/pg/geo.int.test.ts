import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../testing/postgres.js';
import { openPgStore, type PgStore } from './index.js';
import { areaCodesAt, loadAreas, openNear } from './geo.js';
import { openDb, type Db } from '../db.js';
import { migrate } from '../migrate.js';
import { ReportsTable } from '../reports.js';
import { loadCity } from '../../profile/load.js';
import { areaAt } from '../../domain/geography.js';
import { boundingBox, duplicateWindow, findDuplicates } from '../../domain/duplicates.js';
import { ReportStatus } from '../../contract/reports.js';

/** The PostGIS paths give what the SQLite/JavaScript paths give, on the same data. */
const city = loadCity('tangerang');
const db = await testDatabase();
let pgStore: PgStore;
let sqlite: Db;
const dir = mkdtempSync(join(tmpdir(), 'pantau-geo-'));
beforeAll(async () => {
  pgStore = await openPgStore(db.url, { poolSize: 2 });
  sqlite = openDb(join(dir, 'pantau.sqlite'));
  migrate(sqlite);
});
afterAll(async () => {
  sqlite?.close();
  rmSync(dir, { recursive: true, force: true });
  await pgStore?.close();
  await db.drop();
});

/** mulberry32: the same "random" data every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const [W, S, E, N] = city.outline.bbox;

describe('point in kecamatan and kelurahan on PostGIS', () => {
  it('gives the same area as domain/geography areaAt, for random points, label points and border vertices', async () => {
    expect(await loadAreas(pgStore.pool, { district: city.districts, subdistrict: city.subdistricts })).toBe(true);
    expect(await loadAreas(pgStore.pool, { district: city.districts, subdistrict: city.subdistricts })).toBe(false);
    const r = random(19);
    const points = Array.from({ length: 2000 }, () => ({ lng: W + r() * (E - W), lat: S + r() * (N - S) }));
    for (const a of [...city.districts, ...city.subdistricts]) {
      points.push({ lng: a.label[0], lat: a.label[1] });
      // Vertices lie on the border between two areas: who wins there is the order rule, not geometry.
      const ring = a.shape.geometry.type === 'Polygon' ? a.shape.geometry.coordinates[0] : a.shape.geometry.coordinates[0][0];
      for (let i = 0; i < ring.length; i += 9) points.push({ lng: ring[i][0], lat: ring[i][1] });
    }
    for (const [level, areas] of [['district', city.districts], ['subdistrict', city.subdistricts]] as const) {
      const expected = points.map((p) => areaAt(areas, p.lng, p.lat)?.code ?? null);
      expect(await areaCodesAt(pgStore.pool, level, points)).toEqual(expected);
      expect(expected.filter((c) => c === null).length).toBeGreaterThan(0); // the bbox reaches outside the city
    }
  });
});

describe('the duplicate search on PostGIS', () => {
  it('finds the same possible duplicates, at the same distances, as the SQLite box and the domain rule', async () => {
    const r = random(20);
    const categories = ['jalan-rusak', 'banjir', 'macet'];
    const statuses = ReportStatus.options;
    const base = Date.parse('2026-10-01T00:00:00Z');
    type Row = { id: number; status: ReportStatus; categoryId: string; lng: number; lat: number; createdAt: string };
    const rows: Row[] = [];
    const centers = Array.from({ length: 6 }, () => ({ lng: W + r() * (E - W), lat: S + r() * (N - S) }));
    for (let id = 1; id <= 400; id++) {
      const c = centers[id % centers.length];
      const categoryId = categories[Math.floor(r() * categories.length)];
      const spread = (duplicateWindow(city.profile, categoryId).radiusM * 2) / 111_000;
      rows.push({
        id, categoryId, status: statuses[Math.floor(r() * statuses.length)],
        lng: c.lng + (r() - 0.5) * spread, lat: c.lat + (r() - 0.5) * spread,
        createdAt: new Date(base + Math.floor(r() * 96) * 3600_000).toISOString(),
      });
    }
    // Right at the radius, along a meridian (where the haversine distance is exact): 0.2 m inside and outside.
    const [lng, lat] = city.districts[0].label;
    const probe: Row = { id: 999, categoryId: 'jalan-rusak', status: 'new', lng, lat, createdAt: new Date(base).toISOString() };
    rows.push(probe);
    const radius = duplicateWindow(city.profile, 'jalan-rusak').radiusM;
    const metresToLat = 180 / (Math.PI * 6_371_000);
    for (const [i, d] of [radius - 0.2, radius + 0.2, -(radius - 0.2)].entries())
      rows.push({ ...probe, id: 1000 + i, status: 'new', lat: probe.lat + d * metresToLat });

    const insert = sqlite.prepare(
      `INSERT INTO reports (id, ticket, status, category_id, agency_id, description, lng, lat, precision, channel, photos, created_at, updated_at, version, last_seq)
       VALUES (@id, @ticket, @status, @categoryId, 'dpupr', '', @lng, @lat, 'exact', 'web', '[]', @createdAt, @createdAt, 1, @id)`,
    );
    sqlite.transaction(() => rows.forEach((x) => insert.run({ ...x, ticket: `T-${x.id}` })))();
    await pgStore.pool.query(
      `INSERT INTO reports (id, ticket, status, category_id, agency_id, description, lng, lat, precision, channel, photos, created_at, updated_at, version, last_seq)
       SELECT id, 'T-' || id, status, category_id, 'dpupr', '', lng, lat, 'exact', 'web', '[]', created_at, created_at, 1, id
         FROM unnest($1::bigint[], $2::text[], $3::text[], $4::float8[], $5::float8[], $6::text[]) AS r(id, status, category_id, lng, lat, created_at)`,
      [rows.map((x) => x.id), rows.map((x) => x.status), rows.map((x) => x.categoryId), rows.map((x) => x.lng), rows.map((x) => x.lat), rows.map((x) => x.createdAt)],
    );

    const reports = new ReportsTable(sqlite);
    let found = 0;
    for (const p of rows) {
      const window = duplicateWindow(city.profile, p.categoryId);
      const onSqlite = findDuplicates(p, reports.openInBox(p.categoryId, boundingBox(p, window.radiusM)), window);
      const onPg = findDuplicates(p, await openNear(pgStore.pool, p.categoryId, p, window.radiusM), window);
      expect(onPg.map((d) => [d.report.id, d.distanceM])).toEqual(onSqlite.map((d) => [d.report.id, d.distanceM]));
      found += onPg.length;
    }
    expect(found).toBeGreaterThan(rows.length); // the data has duplicates to find, not only empty answers
    const atEdge = findDuplicates(probe, await openNear(pgStore.pool, 'jalan-rusak', probe, radius), duplicateWindow(city.profile, 'jalan-rusak'));
    expect(atEdge.map((d) => [d.report.id, d.distanceM])).toEqual([[1000, radius], [1002, radius]]);
  });
});
