import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCity, PROFILES_DIR } from './load.js';
import { CityProfile } from '../contract/profile.js';
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

describe('indicators stated in a profile', () => {
  const raw = JSON.parse(readFileSync(join(PROFILES_DIR, 'mataram.json'), 'utf8'));
  const own = {
    id: 'dbmsda.jalan-mantap', agencyId: 'dbmsda', name: { id: 'Jalan kondisi mantap', en: 'Roads in good condition' },
    unit: 'percent', period: 'quarter', target: 85, pace: 'level',
  };
  it('replace the defaults, with defaults filled in for what they leave out', () => {
    const p = CityProfile.parse({ ...raw, indicators: [own] });
    const specs = cityIndicators(p);
    expect(specs[0]).toMatchObject({ id: 'dbmsda.jalan-mantap', good: 'up', tolerance: 0.1, period: 'quarter', pace: 'level' });
    expect(specs.filter((s) => !s.projectId)).toHaveLength(1);
  });
  it('are refused at start-up when they name an unknown agency or a project ends before it starts', () => {
    const bad = CityProfile.safeParse({ ...raw, indicators: [{ ...own, agencyId: 'dinas-x' }] });
    expect(bad.success ? null : bad.error.issues[0].path).toEqual(['indicators', 0, 'agencyId']);
    const late = CityProfile.safeParse({ ...raw, projects: [{ ...raw.projects[0], start: '2026-12-01', end: '2026-01-01' }] });
    expect(late.success ? null : late.error.issues[0].path).toEqual(['projects', 0, 'end']);
    const orphan = CityProfile.safeParse({ ...raw, indicators: [{ ...own, pace: 'project', projectId: 'jembatan-hilang' }] });
    expect(orphan.success ? null : orphan.error.issues[0].path).toEqual(['indicators', 0, 'projectId']);
  });
});
