import type { ReportPublic } from '../contract/reports.js';
import type { ReportState } from './reports.js';
import type { StaffReport } from '../contract/console.js';
import type { Actor } from '../contract/roles.js';
import type { CameraPublic } from '../contract/cameras.js';
import { maySeeReporter } from './access.js';
import { isBreached, isFixed } from './statuses.js';

/**
 * Proof photos are public only once an operator has verified them (verified or closed): a field supervisor's
 * upload is not yet the city's word. The wall, the tracking page and Open311 all ask this.
 */
export function publicProofPhotos(r: Pick<ReportState, 'status' | 'proof'>): string[] {
  return isFixed(r.status) && r.proof ? r.proof.photos : [];
}

/**
 * The public view of a report, the only way one leaves the hub for the wall, a citizen, Open311 or a replay: the
 * reporter's name and contact stay behind, and proof photos show only once verified. Every public reader calls this.
 */
export function publicReport(r: ReportState): ReportPublic {
  return {
    id: r.id, ticket: r.ticket, status: r.status, categoryId: r.categoryId, agencyId: r.agencyId,
    description: r.description, lng: r.lng, lat: r.lat, precision: r.precision, address: r.address,
    districtCode: r.districtCode, subdistrictCode: r.subdistrictCode, channel: r.channel, photos: r.photos,
    proofPhotos: publicProofPhotos(r),
    breached: isBreached(r),
    deadlineFlags: r.deadlineFlags,
    citizenCount: r.citizenCount ?? 1,
    createdAt: r.createdAt, updatedAt: r.updatedAt, version: r.version, lastSeq: r.lastSeq,
  };
}

/** What room staff see: the reporter only when the actor handles the report (see maySeeReporter). */
export function staffView(r: ReportState, actor: Actor, assigneeName: string | null = null): StaffReport {
  return {
    ...publicReport(r),
    assigneeId: r.assigneeId,
    mergedIntoId: r.mergedIntoId,
    cameraSnapshot: r.cameraSnapshot,
    deadlines: r.deadlines ? { responseDueAt: r.deadlines.responseDueAt, resolutionDueAt: r.deadlines.resolutionDueAt, escalateAt: r.deadlines.escalateAt } : null,
    acknowledgedFlags: r.acknowledgedFlags,
    assigneeName,
    reporter: maySeeReporter(actor, r.agencyId) ? { name: r.reporterName, contact: r.reporterContact } : null,
  };
}

/** A camera for any screen: never its snapshot URL or credentials. */
export function cameraView(c: CameraPublic & Record<string, unknown>): CameraPublic {
  return {
    id: c.id, name: c.name, kind: c.kind, lng: c.lng, lat: c.lat, health: c.health, healthSince: c.healthSince, reason: c.reason,
    alert: c.alert, lastGoodAt: c.lastGoodAt, snapshotAt: c.snapshotAt, live: c.live === true, disabled: c.disabled === true, lastSeq: c.lastSeq,
  };
}
