import { ct } from '../lib/i18n/staff';

/** Links to the agency performance CSV (GET /api/stats/agencies.csv) for the last 7 and 30 WIB days. */
export function KinerjaExport(props: { long?: boolean }) {
  const link = (days: number, testid: string) => (
    <a
      class="cn-btn cn-btn-ghost cn-btn-sm"
      data-testid={testid}
      data-days={days}
      href={`/api/stats/agencies.csv?days=${days}`}
      download=""
      title={`${ct.kinerja} — ${ct.kinerjaDays(days)}`}
    >
      {props.long ? `${ct.kinerja} · ${ct.kinerjaDays(days)}` : `${days === 7 ? ct.kinerjaShort + ' ' : ''}${ct.kinerjaDaysShort(days)}`}
    </a>
  );
  return (
    <span class="cn-kinerja">
      {link(7, 'kinerja-csv')}
      {link(30, 'kinerja-csv-30')}
    </span>
  );
}
