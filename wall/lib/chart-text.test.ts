import { describe, expect, it } from 'vitest';
import { chartText } from './chart-text';

describe('a chart’s text alternative', () => {
  it('names the title, each series and every label with its value', () => {
    expect(chartText('Tepat waktu', { labels: ['DKP', 'Dishub'], datasets: [{ label: 'Respons (%)', data: [92.345, null] }, { label: 'Selesai (%)', data: [80, 71] }] }))
      .toBe('Tepat waktu. Respons (%): DKP 92.3, Dishub —. Selesai (%): DKP 80, Dishub 71');
  });
});
