import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { CityProfile, PublicProfile } from '../contract/profile.js';
import type { City } from '../profile/load.js';
import { BOUNDARY_ATTRIBUTION } from '../profile/load.js';
import type { Area } from '../domain/geography.js';
import { cityClock } from '../domain/time.js';

/** The province's id: its folder, schema, and the room its screens are in. Not a city id any profile may take. */
export const PROVINCE_ID = 'provinsi';

/** Where the province's own map files are served (server/province/router.ts): its outline, and its cities as its areas. */
export const PROVINCE_GEO = '/api/province/geo';

/**
 * The province as the hub knows a city: its own store holds its accounts, displays and layouts, and no report of its
 * own. It has no agency, category or camera, so nothing can be filed to it (a report goes to a city), its areas are
 * its cities, and its clock is the first city's (a province's room keeps one clock; each city's screens keep their own).
 */
export function provinceCity(cities: City[], name: string): City {
  const first = cities[0];
  const bbox = cities.map((c) => c.outline.bbox).reduce(([w, s, e, n], [w2, s2, e2, n2]) => [Math.min(w, w2), Math.min(s, s2), Math.max(e, e2), Math.max(n, n2)]);
  const [w, s, e, n] = bbox;
  // The province's outline is its cities' outlines together (the map draws each city, not a box round them all).
  const polygons = (f: Feature<Polygon | MultiPolygon>) => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates);
  const shape: Feature<MultiPolygon> = { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: cities.flatMap((c) => polygons(c.outline.shape)) } };
  const outline: Area = { code: '00', name, label: [(w + e) / 2, (s + n) / 2], shape, bbox };
  // Each city is one of the province's areas, by its outline, under its Kemendagri code; its kecamatan are the
  // province's finer areas, as a city's kelurahan are its.
  const districts: Area[] = cities.map((c) => ({ ...c.outline, code: c.profile.code, name: c.profile.name }));
  const subdistricts: Area[] = cities.flatMap((c) => c.districts);
  const profile: CityProfile = {
    id: PROVINCE_ID,
    code: '00.00',
    name,
    ticketPrefix: 'PROV',
    timeZone: first.profile.timeZone,
    map: { center: outline.label, zoom: 5 },
    agencies: [],
    categories: [],
    workingHours: first.profile.workingHours,
    holidays: [],
    escalationDays: first.profile.escalationDays,
    cameras: [],
    duplicates: first.profile.duplicates,
    projects: [],
  };
  const clock = cityClock(profile.timeZone);
  const publicProfile: PublicProfile = {
    id: profile.id,
    code: profile.code,
    name,
    ticketPrefix: profile.ticketPrefix,
    timeZone: profile.timeZone,
    // A margin round the cities, more below: each city's name sits under it (the province's wall).
    map: { center: profile.map.center, zoom: profile.map.zoom, bounds: [[w - (e - w) * 0.04, s - (n - s) * 0.1], [e + (e - w) * 0.04, n + (n - s) * 0.04]], styleUrl: first.publicProfile.map.styleUrl },
    agencies: [],
    categories: [],
    districts: districts.map(({ code, name, label }) => ({ code, name, label })),
    geo: { city: `${PROVINCE_GEO}/kota.geojson`, districts: `${PROVINCE_GEO}/kecamatan.geojson`, subdistricts: `${PROVINCE_GEO}/kelurahan.geojson` },
    attribution: BOUNDARY_ATTRIBUTION,
    province: { cities: cities.map((c) => c.publicProfile) },
  };
  return { profile, clock, calendar: { ...profile.workingHours, holidays: [], clock }, outline, districts, subdistricts, publicProfile };
}


/** The province's map files: its outline (its cities' together), its cities as its areas, their kecamatan as its finer ones. */
export function provinceGeo(province: City): Record<'kota' | 'kecamatan' | 'kelurahan', FeatureCollection<Polygon | MultiPolygon>> {
  const collection = (areas: Area[]): FeatureCollection<Polygon | MultiPolygon> => ({
    type: 'FeatureCollection',
    features: areas.map((a) => ({ ...a.shape, properties: { code: a.code, name: a.name, label_lng: a.label[0], label_lat: a.label[1] } })),
  });
  return { kota: collection([province.outline]), kecamatan: collection(province.districts), kelurahan: collection(province.subdistricts) };
}
