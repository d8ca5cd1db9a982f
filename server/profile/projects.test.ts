import { describe, expect, it } from 'vitest';
import { loadCity } from './load.js';
import { contains } from '../domain/geography.js';
import { cityIndicators } from '../domain/indicators.js';

describe.each(['tangerang', 'mataram', 'malang', 'pontianak'])('the %s profile', (id) => {
  const city = loadCity(id);
  it('places every development project inside the city', () => {
    expect(city.profile.projects.length).toBeGreaterThanOrEqual(3);
    for (const p of city.profile.projects) expect(contains(city.outline, p.location[0], p.location[1]), p.id).toBe(true);
  });
  it('has budget, procurement and physical-progress indicators with unique ids', () => {
    const specs = cityIndicators(city.profile);
    expect(new Set(specs.map((s) => s.id)).size).toBe(specs.length);
    for (const a of city.profile.agencies) expect(specs.some((s) => s.id === `${a.id}.anggaran`)).toBe(true);
    expect(specs.filter((s) => s.pace === 'project')).toHaveLength(city.profile.projects.length);
  });
});
