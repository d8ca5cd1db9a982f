/** Where and when a photo was taken, from its parsed EXIF (exif-reader's shape), before the metadata is stripped. */
export type PhotoFacts = { capturedAt: string | null; location: { lng: number; lat: number } | null };

type Exif = {
  Photo?: { DateTimeOriginal?: Date | string; OffsetTimeOriginal?: string };
  GPSInfo?: { GPSLatitude?: number[]; GPSLatitudeRef?: string; GPSLongitude?: number[]; GPSLongitudeRef?: string };
};

/** EXIF stores the camera's wall-clock time; without an offset we take the city's own (CityClock.offset, e.g. +08:00). */
export function photoFacts(exif: Exif | null | undefined, defaultOffset: string): PhotoFacts {
  return { capturedAt: capturedAt(exif, defaultOffset), location: location(exif) };
}

function capturedAt(exif: Exif | null | undefined, defaultOffset: string): string | null {
  const raw = exif?.Photo?.DateTimeOriginal;
  if (!raw) return null;
  const naive = raw instanceof Date ? raw.getTime() : Date.parse(raw);
  if (!Number.isFinite(naive)) return null;
  const m = /^([+-])(\d\d):(\d\d)$/.exec(exif?.Photo?.OffsetTimeOriginal ?? defaultOffset);
  const offsetMs = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
  return new Date(naive - offsetMs).toISOString();
}

function location(exif: Exif | null | undefined): { lng: number; lat: number } | null {
  const g = exif?.GPSInfo;
  if (!g?.GPSLatitude || !g.GPSLongitude || g.GPSLatitude.length < 3 || g.GPSLongitude.length < 3) return null;
  const dms = ([d, m, s]: number[]) => d + m / 60 + s / 3600;
  const lat = dms(g.GPSLatitude) * (g.GPSLatitudeRef === 'S' ? -1 : 1);
  const lng = dms(g.GPSLongitude) * (g.GPSLongitudeRef === 'W' ? -1 : 1);
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180 || (lat === 0 && lng === 0)) return null;
  return { lng: Math.round(lng * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 };
}
