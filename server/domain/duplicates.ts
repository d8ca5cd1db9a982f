import type { ReportStatus } from '../contract/reports.js';
import type { CityProfile, DuplicateWindow } from '../contract/profile.js';
import { distanceMeters } from './distance.js';
import { isOpen, OPEN_STATUSES } from './statuses.js';

/** What the matcher needs to know of a report. */
export type DuplicateProbe = { id: number; categoryId: string; status: ReportStatus; lng: number; lat: number; createdAt: string };
export type PossibleDuplicate<T> = { report: T; distanceM: number };

/** Reports still waiting for or under work: a closed or rejected one is not a place to merge a new complaint into. */
export const DUPLICATE_STATUSES: readonly ReportStatus[] = OPEN_STATUSES;

/** The window for a category: its own if the profile sets one, else the city's. */
export function duplicateWindow(profile: Pick<CityProfile, 'duplicates' | 'categories'>, categoryId: string): DuplicateWindow {
  return profile.categories.find((c) => c.id === categoryId)?.duplicates ?? profile.duplicates;
}

/**
 * The open reports of the same category within the window's distance and time of `report`, nearest first
 * (the older report first at equal distance), never the report itself.
 * Time is measured both ways: looking at an older report, a newer complaint about the same pothole is a duplicate too.
 */
export function findDuplicates<T extends DuplicateProbe>(report: DuplicateProbe, candidates: Iterable<T>, window: DuplicateWindow, limit = 10): PossibleDuplicate<T>[] {
  const at = Date.parse(report.createdAt);
  const span = window.windowHours * 3600_000;
  const found: PossibleDuplicate<T>[] = [];
  for (const c of candidates) {
    if (c.id === report.id || c.categoryId !== report.categoryId || !isOpen(c.status)) continue;
    if (Math.abs(Date.parse(c.createdAt) - at) > span) continue;
    const d = distanceMeters(report, c);
    if (d <= window.radiusM) found.push({ report: c, distanceM: Math.round(d) });
  }
  return found
    .sort((a, b) => a.distanceM - b.distanceM || a.report.createdAt.localeCompare(b.report.createdAt) || a.report.id - b.report.id)
    .slice(0, limit);
}

/** A box around a point that holds every point within radiusM: the store's SQL prefilter before the exact distance. */
export function boundingBox(p: { lng: number; lat: number }, radiusM: number): { minLat: number; maxLat: number; minLng: number; maxLng: number } {
  // 110 km per degree is a little under the sphere's 111.2 km: the box errs on the large side, never cutting a match.
  const dLat = radiusM / 110_000;
  // Near the poles a degree of longitude shrinks to nothing; clamp so the box stays finite (no Indonesian city is there).
  const dLng = radiusM / (110_000 * Math.max(0.01, Math.cos((p.lat * Math.PI) / 180)));
  return { minLat: p.lat - dLat, maxLat: p.lat + dLat, minLng: p.lng - dLng, maxLng: p.lng + dLng };
}

/**
 * Which of two reports about the same problem stays as the primary: the one further along (already dispatched work
 * is not thrown away), else the older one (its clocks have run longer). The other is merged into it.
 */
const PROGRESS: Partial<Record<ReportStatus, number>> = { new: 0, checked: 1, dispatched: 2, in_progress: 3, proof_submitted: 4 };
export function choosePrimary<T extends Pick<DuplicateProbe, 'id' | 'status' | 'createdAt'>>(a: T, b: T): { primary: T; duplicate: T } {
  const pa = PROGRESS[a.status] ?? -1;
  const pb = PROGRESS[b.status] ?? -1;
  const aFirst = pa !== pb ? pa > pb : a.createdAt !== b.createdAt ? a.createdAt < b.createdAt : a.id < b.id;
  return aFirst ? { primary: a, duplicate: b } : { primary: b, duplicate: a };
}
