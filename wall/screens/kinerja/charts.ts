import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';
import { lang } from '../../lib/i18n';
import { k } from './i18n';
import type { Stats } from './stats';
import { gapBand } from './gap-band';

// Tree-shaken: only the pieces these three charts draw with. No tooltips (a wall has no mouse), no animation
// (the figures change once a minute, and an unattended screen should not spend weeks animating them).
Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend);

export const COLOR = {
  text: '#eef3fa',
  muted: '#a9b8cc',
  grid: '#22324a',
  panel: '#0b121d',
  response: '#64d2ff',
  resolution: '#30d158',
  received: '#64d2ff',
  fixed: '#30d158',
  age: ['#9fb4cc', '#ffd60a', '#ff9f0a', '#ff453a'] as const,
};
const FONT_FAMILY = "'Noto Sans', 'DejaVu Sans', 'Liberation Sans', system-ui, sans-serif";

/**
 * Type sizes in CSS pixels from the viewport (the wall's CSS uses vw): 1920 wide gives ~18 px ticks, 3840 ~36 px.
 * Chart.js's 12 px default would be unreadable from the back of the room.
 */
export function chartFonts() {
  const vw = window.innerWidth / 100;
  const px = (v: number, min: number) => Math.round(Math.max(min, v * vw));
  return {
    tick: px(0.95, 13),
    label: px(1.15, 15),
    legend: px(1, 14),
    value: px(1.05, 14),
    line: Math.max(2, 0.16 * vw),
    point: Math.max(3, 0.3 * vw),
  };
}

export type AgencyName = (id: string) => string;

const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

/** A day "2026-05-14" as "14 Mei" (the day is already WIB: format it as a plain calendar date). */
const dayFmt = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', { timeZone: 'UTC', day: 'numeric', month: 'short' });
export const dayLabel = (day: string) => dayFmt.format(new Date(`${day}T00:00:00Z`)).replace('.', '');

/** Numbers written on the bars themselves, so nobody at 5 m has to read an axis. */
type ValueLabels = { format: (datasetIndex: number, index: number) => string | null; placement: 'end' | 'inside'; totals?: (index: number) => string | null };

function valueLabels(opts: ValueLabels): Plugin<'bar'> {
  return {
    id: 'pantauValueLabels',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const f = chartFonts();
      ctx.save();
      // No taller than a bar is thick (two bars per agency in a small panel), but never below a readable size.
      const thickness = (chart.getDatasetMeta(0).data[0] as unknown as { height?: number } | undefined)?.height ?? f.value;
      const size = Math.round(Math.max(f.value * 0.75, Math.min(f.value, thickness * 1.1)));
      ctx.font = `700 ${size}px ${FONT_FAMILY}`;
      ctx.textBaseline = 'middle';
      const pad = size * 0.35;
      chart.data.datasets.forEach((_ds, di) => {
        const meta = chart.getDatasetMeta(di);
        if (meta.hidden) return;
        meta.data.forEach((el, i) => {
          const text = opts.format(di, i);
          if (text === null) return;
          const { x, y, base, width } = el.getProps(['x', 'y', 'base', 'width'], true) as { x: number; y: number; base: number; width: number };
          const w = ctx.measureText(text).width;
          const barLen = Math.abs(x - base);
          void width;
          if (opts.placement === 'inside') {
            if (barLen < w + pad * 2) return; // no room: the total at the end still says it
            ctx.fillStyle = '#05080d';
            ctx.textAlign = 'center';
            ctx.fillText(text, (x + base) / 2, y);
          } else if (barLen >= w + pad * 2 && x + pad + w > chart.chartArea.right) {
            ctx.fillStyle = '#05080d';
            ctx.textAlign = 'right';
            ctx.fillText(text, x - pad, y);
          } else {
            ctx.fillStyle = COLOR.text;
            ctx.textAlign = 'left';
            ctx.fillText(text, x + pad, y);
          }
        });
      });
      if (opts.totals) {
        const last = chart.getDatasetMeta(chart.data.datasets.length - 1);
        last.data.forEach((el, i) => {
          const text = opts.totals!(i);
          if (text === null) return;
          const { x, y } = el.getProps(['x', 'y'], true) as { x: number; y: number };
          ctx.fillStyle = COLOR.text;
          ctx.textAlign = 'left';
          ctx.fillText(text, x + pad, y);
        });
      }
      ctx.restore();
    },
  };
}

function legend(f: ReturnType<typeof chartFonts>) {
  return {
    display: true,
    position: 'top' as const,
    align: 'start' as const,
    labels: {
      color: COLOR.text,
      font: { size: f.legend, weight: 700 as const, family: FONT_FAMILY },
      boxWidth: f.legend * 1.1,
      boxHeight: f.legend * 1.1,
      padding: f.legend,
      usePointStyle: false,
    },
  };
}

/** Room between the legend and the plot, so the top tick label never runs into the legend. */
const legendGap: Plugin = {
  id: 'pantauLegendGap',
  beforeInit(chart) {
    const legend = chart.legend as unknown as { fit: () => void; height: number } | undefined;
    if (!legend) return;
    const fit = legend.fit;
    legend.fit = function (this: { height: number }) {
      fit.call(this);
      this.height += chartFonts().legend * 0.7;
    };
  },
};

const axisFont = (size: number, weight: 400 | 700 = 400) => ({ size, weight, family: FONT_FAMILY });

/** Share of reports within deadline per agency: response and resolution, as horizontal bars with their % written on. */
export function ontimeConfig(s: Stats, name: AgencyName): ChartConfiguration<'bar', (number | null)[], string> {
  const f = chartFonts();
  const response = s.agencies.map((a) => pct(a.responseOnTime));
  const resolution = s.agencies.map((a) => pct(a.resolutionOnTime));
  const data = [response, resolution];
  return {
    type: 'bar',
    data: {
      labels: s.agencies.map((a) => name(a.agencyId)),
      datasets: [
        { label: `${k.response} (%)`, data: response, backgroundColor: COLOR.response, borderRadius: 3, barPercentage: 0.9, categoryPercentage: 0.8 },
        { label: `${k.resolution} (%)`, data: resolution, backgroundColor: COLOR.resolution, borderRadius: 3, barPercentage: 0.9, categoryPercentage: 0.8 },
      ],
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      events: [],
      layout: { padding: { right: f.value * 0.5 } },
      plugins: { legend: legend(f), tooltip: { enabled: false } },
      scales: {
        x: {
          min: 0,
          max: 100,
          ticks: { color: COLOR.muted, font: axisFont(f.tick), stepSize: 25, callback: (v) => `${v}%` },
          grid: { color: COLOR.grid, lineWidth: 1 },
          border: { display: false },
        },
        y: {
          ticks: { color: COLOR.text, font: axisFont(f.label, 700), autoSkip: false },
          grid: { display: false },
          border: { color: COLOR.grid },
        },
      },
    },
    plugins: [
      legendGap,
      valueLabels({
        placement: 'end',
        format: (di, i) => {
          const v = data[di][i];
          return v === null ? k.none : `${Math.round(v)}%`;
        },
      }),
    ],
  };
}

/** Received vs fixed (verified) per WIB day of the range. */
export function trendConfig(s: Stats): ChartConfiguration<'line', number[], string> {
  const f = chartFonts();
  const line = (label: string, color: string, data: number[], pointStyle: 'circle' | 'rectRot') => ({
    label,
    data,
    borderColor: color,
    backgroundColor: color,
    borderWidth: f.line,
    pointRadius: s.trend.length > 45 ? 0 : f.point,
    pointStyle,
    tension: 0.3,
    cubicInterpolationMode: 'monotone' as const,
  });
  return {
    type: 'line',
    data: {
      labels: s.trend.map((d) => dayLabel(d.day)),
      datasets: [
        line(k.received, COLOR.received, s.trend.map((d) => d.received), 'circle'),
        line(k.fixedVerified, COLOR.fixed, s.trend.map((d) => d.fixed), 'rectRot'),
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      events: [],
      plugins: { legend: legend(f), tooltip: { enabled: false } },
      scales: {
        x: {
          ticks: { color: COLOR.muted, font: axisFont(f.tick), maxRotation: 0, autoSkip: true, autoSkipPadding: f.tick },
          grid: { color: COLOR.grid },
          border: { color: COLOR.grid },
        },
        y: {
          beginAtZero: true,
          ticks: { color: COLOR.muted, font: axisFont(f.tick), precision: 0, maxTicksLimit: 6 },
          grid: { color: COLOR.grid },
          border: { display: false },
        },
      },
    },
    plugins: [legendGap, ...(s.gaps?.length && s.trend.length ? [gapBand(s.gaps, s.trend[0].day, f.tick)] : [])],
  };
}

/** Open reports per agency by age, stacked: the older the redder; each agency's total at the end of its bar. */
export function backlogConfig(s: Stats, name: AgencyName): ChartConfiguration<'bar', number[], string> {
  const f = chartFonts();
  const buckets = [
    s.agencies.map((a) => a.backlog.upTo1d),
    s.agencies.map((a) => a.backlog.d1to3),
    s.agencies.map((a) => a.backlog.d3to7),
    s.agencies.map((a) => a.backlog.over7d),
  ];
  const totals = s.agencies.map((_, i) => buckets.reduce((n, b) => n + b[i], 0));
  return {
    type: 'bar',
    data: {
      labels: s.agencies.map((a) => name(a.agencyId)),
      datasets: buckets.map((data, bi) => ({
        label: k.age[bi],
        data,
        backgroundColor: COLOR.age[bi],
        borderColor: COLOR.panel,
        borderWidth: { right: 2 },
        borderSkipped: false,
        barPercentage: 0.8,
        categoryPercentage: 0.85,
      })),
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      events: [],
      plugins: { legend: legend(f), tooltip: { enabled: false } },
      scales: {
        x: {
          stacked: true,
          beginAtZero: true,
          grace: '14%',
          ticks: { color: COLOR.muted, font: axisFont(f.tick), precision: 0, maxTicksLimit: 6 },
          grid: { color: COLOR.grid },
          border: { display: false },
        },
        y: {
          stacked: true,
          ticks: { color: COLOR.text, font: axisFont(f.label, 700), autoSkip: false },
          grid: { display: false },
          border: { color: COLOR.grid },
        },
      },
    },
    plugins: [
      legendGap,
      valueLabels({
        placement: 'inside',
        format: (di, i) => (buckets[di][i] > 0 ? String(buckets[di][i]) : null),
        totals: (i) => String(totals[i]),
      }),
    ],
  };
}

export { Chart };
