import { describe, expect, it } from 'vitest';
import { boundingBox, choosePrimary, duplicateWindow, findDuplicates, type DuplicateProbe } from './duplicates.js';
import { distanceMeters } from './proof.js';
import type { ReportStatus } from '../contract/reports.js';

const T0 = '2026-03-02T03:00:00.000Z';
const hoursAfter = (h: number) => new Date(Date.parse(T0) + h * 3600_000).toISOString();
// ~1 m of latitude at the equator is 1/111,320 of a degree; Tangerang sits at 6°S, where that still holds for latitude.
const north = (m: number) => -6.18 + m / 111_320;

const probe = (id: number, over: Partial<DuplicateProbe> = {}): DuplicateProbe => ({
  id, categoryId: 'jalan-rusak', status: 'new', lng: 106.63, lat: -6.18, createdAt: T0, ...over,
});
const WINDOW = { radiusM: 150, windowHours: 72 };

describe('possible duplicates', () => {
  const report = probe(1);

  it('finds open reports of the same category nearby, nearest first, with whole metres', () => {
    const found = findDuplicates(report, [probe(2, { lat: north(120) }), probe(3, { lat: north(40) }), probe(4, { lat: north(80) })], WINDOW);
    expect(found.map((f) => f.report.id)).toEqual([3, 4, 2]);
    expect(found.map((f) => f.distanceM)).toEqual([40, 80, 120]);
  });

  it('never lists the report itself', () => {
    expect(findDuplicates(report, [report, probe(1, { lat: north(5) })], WINDOW)).toEqual([]);
  });

  it('ignores another category, however close', () => {
    expect(findDuplicates(report, [probe(2, { categoryId: 'sampah' })], WINDOW)).toEqual([]);
  });

  it('takes the radius as inclusive and leaves out anything beyond it', () => {
    const at150 = probe(2, { lat: north(149.6) });
    const at151 = probe(3, { lat: north(151) });
    expect(findDuplicates(report, [at150, at151], WINDOW).map((f) => f.report.id)).toEqual([2]);
  });

  it('measures on the sphere: a degree of longitude at 6°S is shorter than at the equator', () => {
    const east = probe(2, { lng: 106.63 + 0.00135 });
    const d = distanceMeters(report, east);
    expect(d).toBeGreaterThan(148);
    expect(d).toBeLessThan(150);
    expect(findDuplicates(report, [east], WINDOW)).toHaveLength(1);
  });

  it('keeps only open reports: done, rejected or already merged ones are not places to merge into', () => {
    const statuses: ReportStatus[] = ['new', 'checked', 'dispatched', 'in_progress', 'proof_submitted', 'verified', 'closed', 'rejected', 'merged'];
    const found = findDuplicates(report, statuses.map((status, i) => probe(10 + i, { status, lat: north(i) })), WINDOW);
    expect(found.map((f) => f.report.status)).toEqual(['new', 'checked', 'dispatched', 'in_progress', 'proof_submitted']);
  });

  it('keeps reports within the time window on either side, and leaves out older or newer ones', () => {
    const found = findDuplicates(
      report,
      [probe(2, { createdAt: hoursAfter(-72) }), probe(3, { createdAt: hoursAfter(-73) }), probe(4, { createdAt: hoursAfter(71) }), probe(5, { createdAt: hoursAfter(73) })],
      WINDOW,
    );
    expect(found.map((f) => f.report.id).sort()).toEqual([2, 4]);
  });

  it('lists the older report first at equal distance, and stops at the limit', () => {
    const found = findDuplicates(report, [probe(5, { createdAt: hoursAfter(-1) }), probe(4, { createdAt: hoursAfter(-2) }), probe(3, { lat: north(10) })], WINDOW, 2);
    expect(found.map((f) => f.report.id)).toEqual([4, 5]);
  });

  it('returns nothing from no candidates', () => {
    expect(findDuplicates(report, [], WINDOW)).toEqual([]);
  });
});

describe('the duplicate window', () => {
  const profile = {
    duplicates: { radiusM: 150, windowHours: 72 },
    categories: [
      { id: 'banjir', duplicates: { radiusM: 500, windowHours: 24 } },
      { id: 'jalan-rusak' },
    ],
  } as unknown as Parameters<typeof duplicateWindow>[0];
  it('uses the category’s own window when the profile sets one', () => {
    expect(duplicateWindow(profile, 'banjir')).toEqual({ radiusM: 500, windowHours: 24 });
  });
  it('falls back to the city-wide window', () => {
    expect(duplicateWindow(profile, 'jalan-rusak')).toEqual({ radiusM: 150, windowHours: 72 });
    expect(duplicateWindow(profile, 'unknown')).toEqual({ radiusM: 150, windowHours: 72 });
  });
});

describe('the SQL prefilter box', () => {
  it('holds every point within the radius in all four directions', () => {
    const c = { lng: 106.63, lat: -6.18 };
    const box = boundingBox(c, 150);
    for (const [dLng, dLat] of [[1, 0], [-1, 0], [0, 1], [0, -1]]) {
      // Walk out to 149.9 m in each direction and check the point is inside.
      let p = { ...c };
      for (let k = 1; distanceMeters(c, p) < 149.9; k++) p = { lng: c.lng + dLng * k * 1e-6, lat: c.lat + dLat * k * 1e-6 };
      expect(p.lat).toBeGreaterThanOrEqual(box.minLat);
      expect(p.lat).toBeLessThanOrEqual(box.maxLat);
      expect(p.lng).toBeGreaterThanOrEqual(box.minLng);
      expect(p.lng).toBeLessThanOrEqual(box.maxLng);
    }
  });
});

describe('which report stays the primary', () => {
  it('keeps the one further along: dispatched work is not thrown away', () => {
    const a = probe(1, { status: 'new', createdAt: hoursAfter(-5) });
    const b = probe(2, { status: 'dispatched', createdAt: hoursAfter(0) });
    expect(choosePrimary(a, b)).toEqual({ primary: b, duplicate: a });
  });
  it('else keeps the older one, whichever way it is asked', () => {
    const a = probe(1, { createdAt: hoursAfter(-1) });
    const b = probe(2);
    expect(choosePrimary(a, b).primary).toBe(a);
    expect(choosePrimary(b, a).primary).toBe(a);
  });
});
