import { describe, expect, it } from 'vitest';
import { loadCity } from '../profile/load.js';
import { areaAt, contains } from './geography.js';

describe('placing a point in the city', () => {
  const city = loadCity('tangerang');
  it('finds the kecamatan and kelurahan of a point', () => {
    const d = city.districts.find((x) => x.name === 'Cipondoh')!;
    expect(areaAt(city.districts, d.label[0], d.label[1])?.code).toBe(d.code);
    expect(areaAt(city.subdistricts, d.label[0], d.label[1])?.code.startsWith(d.code)).toBe(true);
  });
  it('knows Jakarta is outside Kota Tangerang', () => {
    expect(contains(city.outline, 106.8272, -6.1754)).toBe(false);
  });
  it('every district label point lies inside the city outline', () => {
    for (const d of city.districts) expect(contains(city.outline, d.label[0], d.label[1]), d.name).toBe(true);
  });
});

describe('city profiles', () => {
  it.each(['tangerang', 'mataram', 'malang', 'pontianak'])('loads %s with its districts', (id) => {
    const city = loadCity(id);
    expect(city.districts.length).toBeGreaterThanOrEqual(5);
    expect(city.publicProfile.categories.length).toBeGreaterThan(0);
    expect(city.publicProfile.map.bounds[0][0]).toBeLessThan(city.publicProfile.map.bounds[1][0]);
  });
  it('refuses a profile whose category routes to an unknown agency, naming the field', async () => {
    const { mkdtempSync, writeFileSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'profile-'));
    const p = JSON.parse(readFileSync(new URL('../profiles/tangerang.json', import.meta.url), 'utf8'));
    p.categories[0].agencyId = 'nope';
    writeFileSync(join(dir, 'tangerang.json'), JSON.stringify(p));
    expect(() => loadCity('tangerang', { profilesDir: dir })).toThrow(/categories\.0\.agencyId/);
  });
});
