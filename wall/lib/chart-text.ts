/** The data of a chart, as the few numbers it draws. */
export type ChartData = { labels?: unknown[]; datasets: { label?: string; data: unknown[] }[] };

/**
 * A chart canvas's text alternative: its title, then each series with every label's value ("Respons (%): DKP 92,
 * Dishub 71"). A screen reader, and anyone who cannot see the bars, reads the same figures the chart draws.
 */
export function chartText(title: string, data: ChartData, none = '—'): string {
  const labels = (data.labels ?? []).map(String);
  const series = data.datasets.map((ds) => {
    const values = ds.data.map((v, i) => `${labels[i] ?? i + 1} ${typeof v === 'number' && Number.isFinite(v) ? Math.round(v * 10) / 10 : none}`);
    return `${ds.label ?? ''}: ${values.join(', ')}`;
  });
  return [title, ...series].join('. ');
}
