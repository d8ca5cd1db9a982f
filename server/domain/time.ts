// No imports: the screens and the hub share this file.

/**
 * The zones of Indonesia a city profile may name. None keeps daylight saving time, so each zone is one fixed
 * offset; the offset is read from the platform's time zone data (Intl), never written down here.
 */
export const CITY_ZONES = ['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura'] as const;
export type CityZone = (typeof CITY_ZONES)[number];

/** What the room calls each zone: Waktu Indonesia Barat / Tengah / Timur. */
const ZONE_LABELS: Record<CityZone, 'WIB' | 'WITA' | 'WIT'> = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };
export const zoneLabel = (zone: CityZone): 'WIB' | 'WITA' | 'WIT' => ZONE_LABELS[zone];

/** A city's clock: its zone, the label its screens print, and the fixed offset from UTC. */
export type CityClock = { zone: CityZone; label: 'WIB' | 'WITA' | 'WIT'; offsetMs: number; /** "+08:00" */ offset: string };

const clocks = new Map<CityZone, CityClock>();

export function cityClock(zone: CityZone): CityClock {
  let c = clocks.get(zone);
  if (!c) {
    // "GMT+08:00" from the platform's zone data; the zones have no DST, so any instant gives the offset.
    const name = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(0).find((p) => p.type === 'timeZoneName')!.value;
    const m = /GMT([+-])(\d\d):(\d\d)/.exec(name);
    const offsetMs = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000 : 0;
    c = { zone, label: zoneLabel(zone), offsetMs, offset: m ? `${m[1]}${m[2]}:${m[3]}` : '+00:00' };
    clocks.set(zone, c);
  }
  return c;
}

const ms = (t: Date | string | number) => (t instanceof Date ? t.getTime() : typeof t === 'string' ? Date.parse(t) : t);

/** The instant shifted so its UTC fields read the city's wall clock (year, month, day, hour). */
export const wallClock = (t: Date | string | number, c: CityClock): Date => new Date(ms(t) + c.offsetMs);

/** "2026-11-23": the city's calendar day an instant falls on. */
export const localDay = (t: Date | string | number, c: CityClock): string => wallClock(t, c).toISOString().slice(0, 10);

/** The instant (ms) the city's calendar day starts. */
export const localDayStartMs = (date: string, c: CityClock): number => Date.parse(`${date}T00:00:00Z`) - c.offsetMs;

/** The UTC instant (ISO) the city's calendar day starts. */
export const dayStart = (date: string, c: CityClock): string => new Date(localDayStartMs(date, c)).toISOString();

/** The instant (ms) a month of the city's calendar starts (m0: 0 January … 11 December; 12 is next January). */
export const localMonthStartMs = (year: number, m0: number, c: CityClock): number => Date.UTC(year, m0, 1) - c.offsetMs;

/** The city's year: a report filed at 23:30 UTC on 31 December is already next year's in WIB. */
export const localYear = (t: Date | string | number, c: CityClock): number => wallClock(t, c).getUTCFullYear();

/** "2026-11-23 14:05:09" in the city's time (audit exports). */
export function formatLocal(iso: string, c: CityClock): string {
  const d = wallClock(iso, c).toISOString();
  return `${d.slice(0, 10)} ${d.slice(11, 19)}`;
}

/** "2026-11-23T14:05:09+08:00": a w3 datetime in the city's own time (Open311). */
export const w3Datetime = (iso: string, c: CityClock): string => `${wallClock(iso, c).toISOString().slice(0, 19)}${c.offset}`;

/**
 * A real day of the calendar, YYYY-MM-DD, in years a city's records can span: 2026-02-31 or 2026-13-01 is no
 * date (Date.parse rolls the first into March and gives NaN for the second, which then threw as a 500).
 */
export function isCalendarDate(v: string): boolean {
  const m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1970 || y > 2200) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}
