import type { Actor } from '../contract/roles.js';
import { assessProof } from '../domain/proof.js';
import { decide, refuse, type Proof, type ReportState } from '../domain/reports.js';
import { actOnReport, replayed } from './act-on-report.js';
import { photoHashes, photoRows, processPhotos, withPhotoFiles } from './photos.js';
import type { Ctx, Result } from './context.js';

export type ProofInput = { clientId: string; note?: string; lat?: number; lon?: number };

const PLACEHOLDER: Proof = { photos: ['-'], note: null, location: null, capturedAt: null, flags: [], distanceM: null };

/**
 * A field supervisor's proof of completion. Idempotent on the phone's clientId: a retry after a lost
 * response returns the first result and stores nothing twice. Where and when come from the photo's
 * EXIF if it has them, else from the phone; the proof is flagged when far away or older than the dispatch.
 */
export async function submitProof(ctx: Ctx, actor: Actor, reportId: number, input: ProofInput, photos: Buffer[]): Promise<Result<ReportState>> {
  const replay = await replayed(ctx, actor, reportId, input.clientId);
  if (replay) return replay;
  const report = await ctx.store.query((p) => p.reports.report(reportId));
  if (!report) return refuse('not_found', `report ${reportId} does not exist`, 'reportId');
  // Refuse before the expensive part: no photo is processed for a job that is not this supervisor's.
  const precheck = decide(report, { action: 'submit_proof', proof: PLACEHOLDER }, actor, ctx.now());
  if (!precheck.ok) return precheck;

  const processed = await processPhotos(ctx, photos);
  if (!processed.ok) return processed;
  const withGps = processed.value.find((p) => p.facts.location);
  const withTime = processed.value.find((p) => p.facts.capturedAt);
  const phone = input.lat !== undefined && input.lon !== undefined ? { lat: input.lat, lng: input.lon } : null;
  const location = withGps?.facts.location ?? phone;
  const capturedAt = withTime?.facts.capturedAt ?? null;
  const { flags, distanceM } = assessProof({ report, dispatchedAt: report.dispatchedAt, location, capturedAt });

  return withPhotoFiles(ctx, processed.value, () => {
    const at = ctx.now().toISOString();
    const proof: Proof = { photos: photoHashes(processed.value), note: input.note ?? null, location, capturedAt, flags, distanceM };
    return actOnReport(ctx, actor, reportId, { action: 'submit_proof', proof }, { clientId: input.clientId, media: photoRows(processed.value, at) });
  });
}
