import { createSignal } from 'solid-js';
import { t } from './i18n';
import { cityClock, localDayStartMs, zoneLabel, type CityClock, type CityZone } from '../../server/domain/time';

/**
 * Every time on a Pantau screen is shown in the city's own zone (WIB, WITA or WIT), whatever the screen's own
 * clock zone is. The zone comes with the city profile; until it arrives a screen shows WIB, and every time it
 * prints follows as soon as the profile sets it (a signal, so a rendered clock re-renders).
 */
const [zone, setZone] = createSignal<CityZone>('Asia/Jakarta');

/** Called by whatever loads the city profile. */
export function useCityZone(z: CityZone | undefined): void {
  if (z) setZone(z);
}
export const cityZone = zone;
/** "WIB", "WITA" or "WIT": printed beside every time. */
export const zoneName = (): string => zoneLabel(zone());
export const clockOfCity = (): CityClock => cityClock(zone());

type Formats = { clock: Intl.DateTimeFormat; short: Intl.DateTimeFormat; date: Intl.DateTimeFormat; day: Intl.DateTimeFormat; dayMonth: Intl.DateTimeFormat; dayMonthYear: Intl.DateTimeFormat };
// Formatters are built once per zone: building an Intl formatter is costly, and the clock ticks every second for weeks.
const formats = new Map<CityZone, Formats>();
function fmt(): Formats {
  const timeZone = zone();
  let f = formats.get(timeZone);
  if (!f) {
    f = {
      clock: new Intl.DateTimeFormat(t.locale, { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }),
      short: new Intl.DateTimeFormat(t.locale, { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      date: new Intl.DateTimeFormat(t.locale, { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }),
      day: new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
      dayMonth: new Intl.DateTimeFormat(t.locale, { timeZone, day: 'numeric', month: 'short' }),
      dayMonthYear: new Intl.DateTimeFormat(t.locale, { timeZone, day: 'numeric', month: 'short', year: 'numeric' }),
    };
    formats.set(timeZone, f);
  }
  return f;
}

const toDate = (d: Date | string | number) => (d instanceof Date ? d : new Date(d));
/** Some engines print 07.05.09 for id-ID: the wall always shows colons. */
const colons = (s: string) => s.replace(/\./g, ':');

/** "14:05:09" in the city's time. */
export const clockLocal = (d: Date | string | number) => colons(fmt().clock.format(toDate(d)));
/** "14:05" in the city's time. */
export const timeLocal = (d: Date | string | number) => colons(fmt().short.format(toDate(d)));
/** "Senin, 23 November 2026" (or "Monday 23 November 2026") in the city's calendar. */
export const dateLocal = (d: Date | string | number) => fmt().date.format(toDate(d));
/** "2026-11-23": the city's calendar day, to tell today's reports from older ones. */
export const dayLocal = (d: Date | string | number) => fmt().day.format(toDate(d));
/** "21 Nov" / "21 Nov 2025" in the city's calendar. */
export const dayMonthLocal = (d: Date | string | number, withYear = false) => (withYear ? fmt().dayMonthYear : fmt().dayMonth).format(toDate(d));
/** The instant (ms) a day of the city's calendar starts. */
export const dayStartLocal = (day: string) => localDayStartMs(day, clockOfCity());

/** "14:05 WITA", with the date in front when it is not today (in the city). */
export function stampLocal(d: Date | string | number, now: Date = new Date()): string {
  const at = toDate(d);
  const time = `${timeLocal(at)} ${zoneName()}`;
  return dayLocal(at) === dayLocal(now) ? time : `${dateLocal(at)}, ${time}`;
}
