/** The phone's location, asked politely: a denied or slow GPS is a normal case, never an error screen. */
import { distanceMeters } from '../../server/domain/distance';
export type Position = { lat: number; lon: number; accuracy: number; at: number };

export function currentPosition(opts: { timeoutMs?: number; maxAgeMs?: number; highAccuracy?: boolean } = {}): Promise<Position | null> {
  if (typeof navigator === 'undefined' || !navigator.geolocation) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude, accuracy: Math.round(p.coords.accuracy), at: p.timestamp }),
      () => resolve(null),
      { enableHighAccuracy: opts.highAccuracy ?? true, timeout: opts.timeoutMs ?? 15_000, maximumAge: opts.maxAgeMs ?? 60_000 },
    );
  });
}

/** 'granted' | 'denied' | 'prompt', or 'unknown' where the Permissions API is missing. */
export async function locationPermission(): Promise<PermissionState | 'unknown'> {
  try {
    if (!navigator.permissions) return 'unknown';
    return (await navigator.permissions.query({ name: 'geolocation' })).state;
  } catch {
    return 'unknown';
  }
}

/** Metres from the phone to a job (the hub's haversine; the phone's position is lat/lon). */
export const distanceM = (a: { lat: number; lon: number }, b: { lat: number; lon: number }): number => distanceMeters({ lng: a.lon, lat: a.lat }, { lng: b.lon, lat: b.lat });

/** Links that open a place in the phone's maps app. */
export const mapsLinks = (lat: number, lon: number) => ({
  google: `https://www.google.com/maps/search/?api=1&query=${lat},${lon}`,
  geo: `geo:${lat},${lon}?q=${lat},${lon}`,
});
