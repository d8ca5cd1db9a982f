/** WIB is UTC+7 all year (no daylight saving): store UTC, show WIB. */
export const WIB_OFFSET_MS = 7 * 3600_000;

export function formatWib(iso: string): string {
  const d = new Date(Date.parse(iso) + WIB_OFFSET_MS);
  return `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)}`;
}

/** A WIB calendar date (YYYY-MM-DD) to the UTC instant its day starts. */
export function wibDayStart(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - WIB_OFFSET_MS).toISOString();
}

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
