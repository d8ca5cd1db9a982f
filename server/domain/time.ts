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
