import { createSignal, type Accessor } from 'solid-js';
import { dayLocal, dayMonthLocal, timeLocal, zoneName } from './time';
import { ct } from './i18n/staff';

/** "14:05 WIB" today, "21 Nov 14:05 WIB" this year, "21 Nov 2025 14:05 WIB" before. Always in the city's zone. */
export function whenLocal(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  const time = `${timeLocal(d)} ${zoneName()}`;
  if (dayLocal(d) === dayLocal(now)) return time;
  const sameYear = dayLocal(d).slice(0, 4) === dayLocal(now).slice(0, 4);
  return `${dayMonthLocal(d, !sameYear)} ${time}`;
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

/** Today's day in the city's calendar minus `days`, as YYYY-MM-DD (for the audit export's default range). */
export const cityDayAgo = (daysAgo = 0) => dayLocal(Date.now() - daysAgo * 86_400_000);
