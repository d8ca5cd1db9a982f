/** A place an operator can pick as a complaint's location: a kelurahan (sub-district) or a kecamatan (district). */
export type Place = { kind: 'kelurahan' | 'kecamatan'; name: string; parent: string | null; lng: number; lat: number; key: string };

/** Lower case, no accents, single spaces: "Kel. Sukasari " and "sukasari" match. */
export const normalize = (s: string) =>
  s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();

/** The places of a city: its kecamatan label points and its kelurahan label points (from the offline geo file). */
export function placeIndex(
  districts: { code: string; name: string; label: [number, number] }[],
  subdistricts: GeoJSON.FeatureCollection | null,
): Place[] {
  const places: Place[] = districts.map((d) => ({ kind: 'kecamatan', name: d.name, parent: null, lng: d.label[0], lat: d.label[1], key: normalize(d.name) }));
  for (const f of subdistricts?.features ?? []) {
    const p = f.properties ?? {};
    const lng = Number(p.label_lng);
    const lat = Number(p.label_lat);
    if (!p.name || !Number.isFinite(lng) || !Number.isFinite(lat)) continue;
    places.push({ kind: 'kelurahan', name: String(p.name), parent: p.kecamatan ? String(p.kecamatan) : null, lng, lat, key: normalize(String(p.name)) });
  }
  return places;
}

/** Places whose name starts with the query first, then those containing it; kecamatan before kelurahan on a tie. */
export function searchPlaces(places: readonly Place[], query: string, limit = 8): Place[] {
  const q = normalize(query);
  if (q.length < 2) return [];
  const rank = (p: Place) => (p.key.startsWith(q) ? 0 : p.key.split(' ').some((w) => w.startsWith(q)) ? 1 : p.key.includes(q) ? 2 : 3);
  return places
    .map((p) => [rank(p), p] as const)
    .filter(([r]) => r < 3)
    .sort(([ra, a], [rb, b]) => ra - rb || (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'kecamatan' ? -1 : 1))
    .slice(0, limit)
    .map(([, p]) => p);
}
