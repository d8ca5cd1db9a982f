import { t } from './i18n';

/** Every time on a Pantau screen is shown in WIB (UTC+7), whatever the screen's own clock zone is. */
export const TIME_ZONE = 'Asia/Jakarta';

// Formatters are built once: building an Intl formatter is costly, and the clock ticks every second for weeks.
const clockFmt = new Intl.DateTimeFormat(t.locale, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const shortFmt = new Intl.DateTimeFormat(t.locale, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dateFmt = new Intl.DateTimeFormat(t.locale, { timeZone: TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const dayFmt = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

const toDate = (d: Date | string | number) => (d instanceof Date ? d : new Date(d));
/** Some engines print 07.05.09 for id-ID: the wall always shows colons. */
const colons = (s: string) => s.replace(/\./g, ':');

/** "14:05:09" in WIB. */
export const clockWib = (d: Date | string | number) => colons(clockFmt.format(toDate(d)));
/** "14:05" in WIB. */
export const timeWib = (d: Date | string | number) => colons(shortFmt.format(toDate(d)));
/** "Senin, 23 November 2026" (or "Monday 23 November 2026") in WIB. */
export const dateWib = (d: Date | string | number) => dateFmt.format(toDate(d));
/** "2026-11-23": the WIB calendar day, to tell today's reports from older ones. */
export const dayWib = (d: Date | string | number) => dayFmt.format(toDate(d));

/** "14:05 WIB", with the date in front when it is not today (WIB). */
export function stampWib(d: Date | string | number, now: Date = new Date()): string {
  const at = toDate(d);
  const time = `${timeWib(at)} ${t.wib}`;
  return dayWib(at) === dayWib(now) ? time : `${dateWib(at)}, ${time}`;
}
