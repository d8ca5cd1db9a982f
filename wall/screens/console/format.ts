import { createSignal, type Accessor } from 'solid-js';
import { TIME_ZONE, dayWib, timeWib } from '../../lib/time';
import { t } from '../../lib/i18n';
import { ct } from './i18n';

const dayMonth = new Intl.DateTimeFormat(t.locale, { timeZone: TIME_ZONE, day: 'numeric', month: 'short' });
const dayMonthYear = new Intl.DateTimeFormat(t.locale, { timeZone: TIME_ZONE, day: 'numeric', month: 'short', year: 'numeric' });

/** "14:05 WIB" today, "21 Nov 14:05 WIB" this year, "21 Nov 2025 14:05 WIB" before. Always WIB. */
export function whenWib(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  const time = `${timeWib(d)} ${t.wib}`;
  if (dayWib(d) === dayWib(now)) return time;
  const sameYear = dayWib(d).slice(0, 4) === dayWib(now).slice(0, 4);
  return `${(sameYear ? dayMonth : dayMonthYear).format(d)} ${time}`;
}

/** "12 mnt", "3 jam", "2 hari": how long ago a report came in. */
export function ageOf(iso: string, now: number): string {
  return ct.age(Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000)));
}

/** Age in hours, for colouring old rows. */
export const ageHours = (iso: string, now: number) => (now - Date.parse(iso)) / 3_600_000;

let nowSignal: Accessor<number> | null = null;
/** One shared "now" for every age on screen, ticking every 30 s. */
export function useNow(): Accessor<number> {
  if (!nowSignal) {
    const [now, setNow] = createSignal(Date.now());
    setInterval(() => setNow(Date.now()), 30_000);
    nowSignal = now;
  }
  return nowSignal;
}

/** Today's WIB calendar day minus `days`, as YYYY-MM-DD (for the audit export's default range). */
export const wibDay = (daysAgo = 0) => dayWib(Date.now() - daysAgo * 86_400_000);
