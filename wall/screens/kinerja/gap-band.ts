import type { Chart, Plugin } from 'chart.js';
import type { DataGap } from '../../../server/contract/layouts';
import { lang } from '../../lib/i18n';
import { dayStartLocal } from '../../lib/time';

const DAY_MS = 86_400_000;
const LABEL = lang === 'en' ? 'DATA GAP' : 'DATA TERPUTUS';

/**
 * Where a moment falls on a daily chart whose categories are the city's days: day i's point is at index i (its
 * middle), so midnight starting day i is at i - 0.5. Fractional, so an hour-long gap is an hour wide.
 */
export function dayIndexOf(at: string, firstDay: string): number {
  const firstStart = dayStartLocal(firstDay);
  return (Date.parse(at) - firstStart) / DAY_MS - 0.5;
}

/**
 * Draws a hatched "data gap" band over every period the hub was down, behind the lines, so a dip there reads
 * as "no data", never as "a quiet city". The gaps and the first day come from the chart's own options.
 */
export function gapBand(gaps: readonly DataGap[], firstDay: string, fontPx: number): Plugin<'line'> {
  return {
    id: 'gapBand',
    beforeDatasetsDraw(chart: Chart<'line'>) {
      const x = chart.scales.x;
      const area = chart.chartArea;
      const n = chart.data.labels?.length ?? 0;
      if (!x || !gaps.length || n === 0) return;
      const step = n > 1 ? x.getPixelForValue(1) - x.getPixelForValue(0) : area.right - area.left;
      const px = (i: number) => x.getPixelForValue(0) + i * step;
      const ctx = chart.ctx;
      ctx.save();
      for (const g of gaps) {
        const left = Math.max(area.left, px(dayIndexOf(g.from, firstDay)));
        const right = Math.min(area.right, px(dayIndexOf(g.to, firstDay)));
        if (right - left < 1) continue;
        ctx.fillStyle = 'rgba(255, 159, 10, 0.14)';
        ctx.fillRect(left, area.top, right - left, area.bottom - area.top);
        // Hatching: diagonal lines every few pixels, clipped to the band.
        ctx.save();
        ctx.beginPath();
        ctx.rect(left, area.top, right - left, area.bottom - area.top);
        ctx.clip();
        ctx.strokeStyle = 'rgba(255, 159, 10, 0.55)';
        ctx.lineWidth = Math.max(1, fontPx / 10);
        const gap = Math.max(6, fontPx * 0.6);
        for (let sx = left - (area.bottom - area.top); sx < right; sx += gap) {
          ctx.moveTo(sx, area.bottom);
          ctx.lineTo(sx + (area.bottom - area.top), area.top);
        }
        ctx.stroke();
        ctx.restore();
        if (right - left > fontPx * 3) {
          ctx.fillStyle = '#ffb340';
          ctx.font = `700 ${Math.round(fontPx * 0.8)}px 'Noto Sans', sans-serif`;
          ctx.textAlign = 'center';
          ctx.fillText(LABEL, (left + right) / 2, area.top + fontPx);
        }
      }
      ctx.restore();
    },
  };
}
