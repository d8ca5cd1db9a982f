import type { IndicatorStatus, IndicatorUnit } from '../../../server/contract/indicators';
import { lang } from '../../lib/i18n';
import { t } from '../../lib/i18n';

const dec1 = new Intl.NumberFormat(t.locale, { maximumFractionDigits: 1 });
const int = new Intl.NumberFormat(t.locale, { maximumFractionDigits: 0 });

const SCALES: [number, string, string][] = [
  [1e12, 'T', 'tn'],
  [1e9, 'M', 'bn'],
  [1e6, 'jt', 'm'],
];

/** "62,5%", "Rp 1,2 M" (miliar), "9": short enough for a tile read from 5 m. */
export function formatValue(unit: IndicatorUnit, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (unit === 'percent') return `${dec1.format(v)}%`;
  if (unit === 'count') return int.format(v);
  for (const [n, id, en] of SCALES) if (Math.abs(v) >= n) return `Rp ${dec1.format(v / n)} ${lang === 'id' ? id : en}`;
  return `Rp ${int.format(v)}`;
}

/** Status colours: the wall's marker colours (red is orange-red, green blue-green, for colour-blind viewers). */
export const STATUS_COLOR: Record<IndicatorStatus | 'none', string> = {
  on_track: '#30d158',
  at_risk: '#ffd60a',
  off_track: '#ff453a',
  none: '#8e8e93',
};
/** Colour is never the only cue: every status also has a shape. */
export const STATUS_MARK: Record<IndicatorStatus | 'none', string> = { on_track: '●', at_risk: '▲', off_track: '■', none: '○' };
