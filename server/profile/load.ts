import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { CityProfile, type PublicProfile } from '../contract/profile.js';
import { bboxOf, type Area } from '../domain/geography.js';
import type { WorkCalendar } from '../domain/deadlines.js';
import { cityClock, type CityClock } from '../domain/time.js';

export const PROFILES_DIR = join(import.meta.dirname, '..', 'profiles');
export const PUBLIC_DIR = join(import.meta.dirname, '..', '..', 'public');

export const BOUNDARY_ATTRIBUTION = {
  id: 'Batas wilayah: cahyadsn/wilayah_boundaries (MIT) · kode wilayah Kepmendagri 300.2.2-2138/2025',
  en: 'Boundaries: cahyadsn/wilayah_boundaries (MIT) · area codes Kepmendagri 300.2.2-2138/2025',
};

/** A loaded city: its validated profile and the areas reports are placed in. */
export type City = {
  profile: CityProfile;
  /** The city's zone and offset: every day boundary and printed time on the hub goes through it. */
  clock: CityClock;
  calendar: WorkCalendar;
  outline: Area;
  districts: Area[];
  subdistricts: Area[];
  publicProfile: PublicProfile;
};

type AreaProps = { code: string; name: string; label_lng: number; label_lat: number };

function readAreas(file: string): Area[] {
  const fc = JSON.parse(readFileSync(file, 'utf8')) as FeatureCollection<Polygon | MultiPolygon, AreaProps>;
  return fc.features.map((f: Feature<Polygon | MultiPolygon, AreaProps>) => ({
    code: f.properties.code,
    name: f.properties.name,
    label: [f.properties.label_lng, f.properties.label_lat] as [number, number],
    shape: f,
    bbox: bboxOf(f),
  }));
}

/**
 * Loads and validates a city profile at start-up: a bad profile stops the hub with the field named. `webhooks`
 * (agency id → URL, PANTAU_AGENCY_WEBHOOKS) are the installation's endpoints for the agencies' deadline reminders;
 * each wins over the profile's `webhookUrl`, and one naming no agency of the city is refused rather than never called.
 */
export function loadCity(id: string, opts: { profilesDir?: string; publicDir?: string; styleUrl?: string | null; webhooks?: Record<string, string> } = {}): City {
  const file = join(opts.profilesDir ?? PROFILES_DIR, `${id}.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`city profile ${file} cannot be read: ${(err as Error).message}`);
  }
  const parsed = CityProfile.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`city profile ${file} is invalid at ${i.path.join('.')}: ${i.message}`);
  }
  const profile = withWebhooks(parsed.data, opts.webhooks ?? {});
  const geoDir = join(opts.publicDir ?? PUBLIC_DIR, 'geo', profile.id);
  const [outline] = readAreas(join(geoDir, 'kota.geojson'));
  const districts = readAreas(join(geoDir, 'kecamatan.geojson'));
  const subdistricts = readAreas(join(geoDir, 'kelurahan.geojson'));
  const [w, s, e, n] = outline.bbox;
  const publicProfile: PublicProfile = {
    id: profile.id,
    code: profile.code,
    name: profile.name,
    ticketPrefix: profile.ticketPrefix,
    timeZone: profile.timeZone,
    map: { center: profile.map.center, zoom: profile.map.zoom, bounds: [[w, s], [e, n]], styleUrl: opts.styleUrl ?? null },
    agencies: profile.agencies.map(({ id, short, name }) => ({ id, short, name })),
    categories: profile.categories.map(({ id, label, agencyId, clock }) => ({ id, label, agencyId, critical: clock === 'continuous' })),
    districts: districts.map(({ code, name, label }) => ({ code, name, label })),
    geo: {
      city: `/geo/${profile.id}/kota.geojson`,
      districts: `/geo/${profile.id}/kecamatan.geojson`,
      subdistricts: `/geo/${profile.id}/kelurahan.geojson`,
    },
    attribution: BOUNDARY_ATTRIBUTION,
  };
  const clock = cityClock(profile.timeZone);
  const calendar: WorkCalendar = { ...profile.workingHours, holidays: profile.holidays, clock };
  return { profile, clock, calendar, outline, districts, subdistricts, publicProfile };
}

function withWebhooks(profile: CityProfile, webhooks: Record<string, string>): CityProfile {
  const ids = new Set(profile.agencies.map((a) => a.id));
  const unknown = Object.keys(webhooks).filter((a) => !ids.has(a));
  if (unknown.length) throw new Error(`PANTAU_AGENCY_WEBHOOKS: no agency ${unknown.join(', ')} in ${profile.id} (its agencies: ${[...ids].join(', ')})`);
  return { ...profile, agencies: profile.agencies.map((a) => (webhooks[a.id] ? { ...a, webhookUrl: webhooks[a.id] } : a)) };
}
