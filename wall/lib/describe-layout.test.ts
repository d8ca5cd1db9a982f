import { describe, expect, it } from 'vitest';
import { describeLayout } from './describe-layout';

const bounds: [number, number, number, number] = [106.55, -6.3, 106.75, -6.1];

describe("a display card's line", () => {
  it('names the window of a single map', () => {
    expect(describeLayout({ kind: 'single', view: { view: 'map', window: '6h' } })).toBe('Peta laporan (Masuk 6 jam terakhir)');
    expect(describeLayout({ kind: 'single', view: { view: 'map' } })).toBe('Peta laporan');
  });
  it('keeps naming it when the map is one half of a split', () => {
    expect(describeLayout({ kind: 'split', direction: 'columns', views: [{ view: 'map', window: '24h' }, { view: 'cameras' }] })).toBe('Peta laporan (Masuk 24 jam terakhir) + Kamera CCTV');
  });
  it('and in a playlist and a spanning map', () => {
    expect(describeLayout({ kind: 'playlist', items: [{ view: 'map', window: '1h', seconds: 30 }, { view: 'performance', seconds: 20 }] })).toContain('Peta laporan (Masuk 1 jam terakhir) 30 s');
    expect(describeLayout({ kind: 'span', column: 0, of: 2, bounds, window: '7d' })).toContain('Masuk 7 hari terakhir');
  });
});
