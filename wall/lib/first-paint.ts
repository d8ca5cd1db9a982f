import type { Phase } from '../../server/contract/reports';

/** What the first paint needs of a marker (live.ts's Marker has it). */
export type PaintPoint = { id: number; lng: number; lat: number; phase: Phase; breached: boolean; reporters: number };

export type FirstPaintFeature = GeoJSON.Feature<GeoJSON.Point, Record<string, number | string | boolean>>;

/** MapLibre's tile size: a GeoJSON source's tiles are 512 px, so its clusters are measured in 512-px world pixels. */
const TILE = 512;

/**
 * The clusters a city's markers make at one zoom, computed in one pass on the main thread, as features shaped like
 * the clustered source's own (point_count, point_count_abbreviated and the per-phase counts on a cluster; id,
 * phase, breached and reporters on a lone report), so the same layers draw them. The wall paints these first:
 * a few hundred features reach the map's worker at once, where 100,000 take it seconds to index. The clustered
 * source replaces them when its index is drawn.
 *
 * Greedy like the clustered source at one level: every report not yet taken gathers the untaken reports within
 * `radius` pixels around it (a grid of radius-sized cells finds them); `minPoints` or more make a cluster at their
 * centroid, fewer stay single. Above `maxZoom` every report is single.
 */
export function clusterForFirstPaint(points: Iterable<PaintPoint>, o: { zoom: number; radius: number; minPoints: number; maxZoom: number }): FirstPaintFeature[] {
  const list = Array.isArray(points) ? (points as PaintPoint[]) : [...points];
  const n = list.length;
  const z = Math.floor(o.zoom);
  const single = (p: PaintPoint): FirstPaintFeature => ({
    type: 'Feature',
    id: p.id,
    geometry: { type: 'Point', coordinates: [p.lng, p.lat] },
    properties: { id: p.id, phase: p.phase, breached: p.breached ? 1 : 0, reporters: p.reporters },
  });
  if (z > o.maxZoom) return list.map(single);

  const world = TILE * 2 ** z;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const cells = new Map<number, number[]>();
  const r = o.radius;
  const key = (cx: number, cy: number) => cx * 4_194_304 + cy; // cells per side < 2^22 up to zoom 14 at r ≥ 2
  for (let i = 0; i < n; i++) {
    const p = list[i];
    x[i] = (p.lng / 360 + 0.5) * world;
    const s = Math.sin((p.lat * Math.PI) / 180);
    y[i] = (0.5 - (0.25 * Math.log((1 + s) / (1 - s))) / Math.PI) * world;
    const k = key(Math.floor(x[i] / r), Math.floor(y[i] / r));
    const cell = cells.get(k);
    if (cell) cell.push(i);
    else cells.set(k, [i]);
  }

  const taken = new Uint8Array(n);
  const out: FirstPaintFeature[] = [];
  const near: number[] = [];
  for (let i = 0; i < n; i++) {
    if (taken[i]) continue;
    near.length = 0;
    const cx = Math.floor(x[i] / r);
    const cy = Math.floor(y[i] / r);
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const j of cells.get(key(cx + dx, cy + dy)) ?? []) {
          if (taken[j]) continue;
          const ex = x[j] - x[i];
          const ey = y[j] - y[i];
          if (ex * ex + ey * ey <= r * r) near.push(j);
        }
    if (near.length < o.minPoints) {
      taken[i] = 1;
      out.push(single(list[i]));
      continue;
    }
    const counts = { red: 0, yellow: 0, green: 0, grey: 0, breached: 0 };
    let sx = 0;
    let sy = 0;
    for (const j of near) {
      taken[j] = 1;
      const p = list[j];
      counts[p.phase]++;
      if (p.breached) counts.breached++;
      sx += x[j];
      sy += y[j];
    }
    const count = near.length;
    const [lng, lat] = toLngLat(sx / count, sy / count, world);
    out.push({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [lng, lat] },
      properties: { cluster: true, point_count: count, point_count_abbreviated: abbreviated(count), ...counts },
    });
  }
  return out;
}

/** As the clustered source writes a cluster's count: 1.2k, 15k. */
function abbreviated(count: number): string {
  return count >= 10000 ? `${Math.round(count / 1000)}k` : count >= 1000 ? `${Math.round(count / 100) / 10}k` : String(count);
}

function toLngLat(px: number, py: number, world: number): [number, number] {
  const lng = (px / world - 0.5) * 360;
  const y2 = 180 - (py / world) * 360;
  return [lng, (360 / Math.PI) * Math.atan(Math.exp((y2 * Math.PI) / 180)) - 90];
}
