import { t } from '../../lib/i18n';
import { k } from './i18n';

/** How an agency's figures read, on the wall's kinerja board and the console's performance page alike. */
export const num = new Intl.NumberFormat(t.locale);
const dec = new Intl.NumberFormat(t.locale, { maximumFractionDigits: 1 });
export const fmtPct = (x: number | null) => (x === null ? k.none : `${Math.round(x * 100)}%`);
/** A share within deadline: good from 90%, fair from 70%; the colour classes of both screens follow it. */
export const level = (x: number | null) => (x === null ? 'none' : x >= 0.9 ? 'good' : x >= 0.7 ? 'fair' : 'poor');
/**
 * A median or p90 in hours as precise as the hub knows it (its histogram, server/domain/rollups.ts roundHours): 0.1 h
 * below 10 h, two significant figures above (48, 170, 1,200), on both screens and in the CSV alike.
 */
export const fmtHours = (h: number | null) => (h === null ? k.none : dec.format(h >= 10 ? Number(h.toPrecision(2)) : h));
