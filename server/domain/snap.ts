import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { areaAt, bboxOf, contains, type Area } from './geography.js';

/**
 * Where a tap on the citizen's map becomes a report's location: a tap inside the city stays where it is; a tap
 * just outside (a thumb on the boundary, a river bank) moves to the nearest point inside the city, so a report
 * never fails for being a few metres over the line. Pure: the phone and the tests run the same code.
 */

export type AreaProps = { code?: string; name?: string; label_lng?: number; label_lat?: number };

/** The boundary files as the hub reads them (public/geo/<city>/*.geojson), for use on the phone. */
export function areasFrom(fc: FeatureCollection<Polygon | MultiPolygon, AreaProps>): Area[] {
  return fc.features.map((f) => ({
    code: String(f.properties?.code ?? ''),
    name: String(f.properties?.name ?? ''),
    label: [Number(f.properties?.label_lng ?? 0), Number(f.properties?.label_lat ?? 0)] as [number, number],
    shape: f as Feature<Polygon | MultiPolygon>,
    bbox: bboxOf(f as Feature<Polygon | MultiPolygon>),
  }));
}

type LngLat = [number, number];

function nearestOnSegment(p: LngLat, a: LngLat, b: LngLat, cosLat: number): { point: LngLat; d2: number } {
  // Planar in metres-ish units (longitude scaled by cos(latitude)): good enough across one city.
  const ax = a[0] * cosLat, ay = a[1], bx = b[0] * cosLat, by = b[1], px = p[0] * cosLat, py = p[1];
  const dx = bx - ax, dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  const x = ax + t * dx, y = ay + t * dy;
  return { point: [x / cosLat, y], d2: (px - x) ** 2 + (py - y) ** 2 };
}

/** The nearest point on the area's boundary. */
export function nearestEdgePoint(area: Pick<Area, 'shape'>, p: LngLat): LngLat {
  const g = area.shape.geometry;
  const rings = g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
  const cosLat = Math.cos((p[1] * Math.PI) / 180);
  let best: { point: LngLat; d2: number } = { point: p, d2: Infinity };
  for (const ring of rings)
    for (let i = 1; i < ring.length; i++) {
      const c = nearestOnSegment(p, ring[i - 1] as LngLat, ring[i] as LngLat, cosLat);
      if (c.d2 < best.d2) best = c;
    }
  return best.point;
}

export type Snapped = { lng: number; lat: number; moved: boolean; districtCode: string | null; districtName: string | null };

/**
 * A tap inside the city is kept; one outside moves onto the nearest boundary point, then a few metres inwards
 * (towards the nearest kecamatan's label point) until it is inside. Falls back to that label point.
 */
export function snapInside(city: Pick<Area, 'shape' | 'bbox'>, districts: readonly Area[], lng: number, lat: number): Snapped {
  const at = (x: number, y: number, moved: boolean): Snapped => {
    const d = areaAt(districts, x, y);
    return { lng: x, lat: y, moved, districtCode: d?.code ?? null, districtName: d?.name ?? null };
  };
  if (contains(city, lng, lat)) return at(lng, lat, false);
  const [ex, ey] = nearestEdgePoint(city, [lng, lat]);
  const toward = [...districts].sort((a, b) => (a.label[0] - ex) ** 2 + (a.label[1] - ey) ** 2 - ((b.label[0] - ex) ** 2 + (b.label[1] - ey) ** 2))[0];
  if (!toward) return at(ex, ey, true);
  const [tx, ty] = toward.label;
  for (const step of [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3]) {
    const x = ex + (tx - ex) * step;
    const y = ey + (ty - ey) * step;
    if (contains(city, x, y) && areaAt(districts, x, y)) return at(x, y, true);
  }
  return at(tx, ty, true);
}
