import { distanceMeters } from './distance.js';
/** Rules for a proof of completion: where and when it was taken, against the report and its dispatch. */

/** A proof taken further than this from the report is flagged for the operator (GPS on cheap phones drifts ~50 m). */
export const PROOF_MAX_DISTANCE_M = 300;

/** Phone clocks drift and EXIF keeps whole seconds: a photo this much "before" the dispatch is not flagged. */
export const PROOF_CLOCK_SKEW_MS = 5 * 60_000;

export type ProofFlag = 'far_from_report' | 'taken_before_dispatch' | 'no_location' | 'no_capture_time';

export type ProofFacts = {
  report: { lng: number; lat: number; precision: 'point' | 'district' };
  dispatchedAt: string | null;
  /** From the photo's EXIF GPS, else the phone's location at submit time. */
  location: { lng: number; lat: number } | null;
  /** From the photo's EXIF DateTimeOriginal, else null. */
  capturedAt: string | null;
};


export { distanceMeters };

export function assessProof(f: ProofFacts): { flags: ProofFlag[]; distanceM: number | null } {
  const flags: ProofFlag[] = [];
  let distanceM: number | null = null;
  if (!f.location) flags.push('no_location');
  else {
    distanceM = Math.round(distanceMeters(f.report, f.location));
    // A report placed only at its district's centre cannot be compared metre by metre.
    if (f.report.precision === 'point' && distanceM > PROOF_MAX_DISTANCE_M) flags.push('far_from_report');
  }
  if (!f.capturedAt) flags.push('no_capture_time');
  else if (f.dispatchedAt && Date.parse(f.capturedAt) < Date.parse(f.dispatchedAt) - PROOF_CLOCK_SKEW_MS) flags.push('taken_before_dispatch');
  return { flags, distanceM };
}
