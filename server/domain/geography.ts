import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, MultiPolygon, Polygon } from 'geojson';

export type Area = { code: string; name: string; label: [number, number]; shape: Feature<Polygon | MultiPolygon>; bbox: [number, number, number, number] };

export function bboxOf(shape: Feature<Polygon | MultiPolygon>): [number, number, number, number] {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  const rings = shape.geometry.type === 'Polygon' ? shape.geometry.coordinates : shape.geometry.coordinates.flat();
  for (const ring of rings) for (const [x, y] of ring) {
    if (x < w) w = x; if (x > e) e = x; if (y < s) s = y; if (y > n) n = y;
  }
  return [w, s, e, n];
}

export function contains(area: Pick<Area, 'shape' | 'bbox'>, lng: number, lat: number): boolean {
  const [w, s, e, n] = area.bbox;
  if (lng < w || lng > e || lat < s || lat > n) return false;
  return booleanPointInPolygon([lng, lat], area.shape);
}

export function areaAt(areas: readonly Area[], lng: number, lat: number): Area | null {
  return areas.find((a) => contains(a, lng, lat)) ?? null;
}
