import { describe, expect, it } from 'vitest';
import { clusterForFirstPaint, type PaintPoint } from './first-paint';

const at = (id: number, lng: number, lat: number, phase: PaintPoint['phase'] = 'red', breached = false): PaintPoint => ({ id, lng, lat, phase, breached, reporters: 1 });
const opts = { zoom: 11.4, radius: 32, minPoints: 3, maxZoom: 14 };

describe('the first paint clusters', () => {
  it('gathers reports within the radius into one cluster with its phase counts, and leaves a far pair single', () => {
    // At zoom 11 a 512-px tile spans 0.176° of longitude: 1e-4° is a fraction of a pixel, 0.05° is ~145 px.
    const group = [at(1, 106.6, -6.2), at(2, 106.6001, -6.2), at(3, 106.6, -6.2001, 'yellow', true), at(4, 106.6002, -6.2002, 'green')];
    const pair = [at(5, 106.65, -6.25), at(6, 106.7, -6.3)];
    const out = clusterForFirstPaint([...group, ...pair], opts);
    const clusters = out.filter((f) => f.properties.cluster);
    expect(clusters).toHaveLength(1);
    expect(clusters[0].properties).toMatchObject({ point_count: 4, point_count_abbreviated: '4', red: 2, yellow: 1, green: 1, grey: 0, breached: 1 });
    const [lng, lat] = clusters[0].geometry.coordinates;
    expect(lng).toBeCloseTo(106.600075, 5);
    expect(lat).toBeCloseTo(-6.200075, 5);
    expect(out.filter((f) => !f.properties.cluster).map((f) => f.properties)).toEqual([
      { id: 5, phase: 'red', breached: 0, reporters: 1 },
      { id: 6, phase: 'red', breached: 0, reporters: 1 },
    ]);
  });

  it('counts every report exactly once, and abbreviates large clusters as the map does', () => {
    const many = Array.from({ length: 12_000 }, (_, i) => at(i + 1, 106.6 + (i % 100) * 1e-6, -6.2 + Math.floor(i / 100) * 1e-6));
    const out = clusterForFirstPaint([...many, at(99_999, 107, -7)], opts);
    const total = out.reduce((n, f) => n + (f.properties.cluster ? (f.properties.point_count as number) : 1), 0);
    expect(total).toBe(12_001);
    expect(out.find((f) => f.properties.cluster)?.properties.point_count_abbreviated).toBe('12k');
  });

  it('draws every report single above the clustering zoom', () => {
    const out = clusterForFirstPaint([at(1, 106.6, -6.2), at(2, 106.6, -6.2), at(3, 106.6, -6.2)], { ...opts, zoom: 15 });
    expect(out.map((f) => f.id)).toEqual([1, 2, 3]);
  });
});
