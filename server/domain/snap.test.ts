import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { areasFrom, snapInside } from './snap.js';
import { contains } from './geography.js';

const geo = (f: string) => JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'public', 'geo', 'tangerang', f), 'utf8'));
const [city] = areasFrom(geo('kota.geojson'));
const districts = areasFrom(geo('kecamatan.geojson'));

describe('snapping a tap inside the city', () => {
  it('keeps a tap inside the city where it is, and names its kecamatan', () => {
    const s = snapInside(city, districts, 106.6312, -6.1789);
    expect(s).toMatchObject({ lng: 106.6312, lat: -6.1789, moved: false });
    expect(s.districtName).toBeTruthy();
  });

  it('moves a tap just outside onto a point inside, in a kecamatan, close to the tap', () => {
    const [w, , , n] = city.bbox;
    for (const [lng, lat] of [[w - 0.002, -6.2], [106.65, n + 0.003], [106.8456, -6.2088]]) {
      const s = snapInside(city, districts, lng, lat);
      expect(s.moved).toBe(true);
      expect(contains(city, s.lng, s.lat)).toBe(true);
      expect(s.districtCode).toMatch(/^36\.71\.\d\d$/);
    }
    // A tap just over the line lands near it, not at some far centre of the city.
    const near = snapInside(city, districts, w - 0.002, -6.2);
    expect(Math.abs(near.lng - (w - 0.002)) + Math.abs(near.lat + 6.2)).toBeLessThan(0.05);
  });
});
