/**
 * A report id as a path gives it: digits only, no sign, no leading zero, within the integers SQLite and JS agree on.
 * Number() alone read '0x74', '116.0' and '1e2' as reports 116 and 100, so a typo or a probe acted on a real report.
 */
export function parseReportId(raw: unknown): number | null {
  if (typeof raw !== 'string' || !/^[1-9]\d{0,14}$/.test(raw)) return null;
  return Number(raw);
}
