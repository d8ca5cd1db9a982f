import type { City } from '../profile/load.js';
import type { ReportState } from '../domain/reports.js';
import { describe, pickCategory, pickWeighted } from '../../scripts/simulate/content.js';
import { mulberry } from '../../scripts/simulate/scene-photo.js';

const CHANNELS = { web: 40, app: 30, phone: 8, whatsapp: 8, sms: 4, social: 4, open311: 3, kim: 2, walk_in: 1 };
const OPEN = { new: 30, checked: 20, dispatched: 20, in_progress: 18, proof_submitted: 12 };

/**
 * Open reports by the thousand for the queue at volume (bench:queue, the console's e2e): what citizens write, per
 * category and kecamatan, filed one a minute or so up to `now`, 8% past a deadline. Rows for ReportsTable.put
 * directly, not events: a queue reads the projection, and folding 100,000 submissions would only slow the setup.
 */
export function manyOpenReports(city: City, count: number, opts: { firstId: number; now: number; spanMs: number; seed?: number; ticketBase?: number }): ReportState[] {
  const rng = mulberry(opts.seed ?? 23);
  const out: ReportState[] = [];
  for (let i = 0; i < count; i++) {
    const id = opts.firstId + i;
    const at = new Date(opts.now - opts.spanMs + ((i + 1) / count) * opts.spanMs).toISOString();
    const categoryId = pickCategory(rng, city);
    const agencyId = city.profile.categories.find((c) => c.id === categoryId)!.agencyId;
    const d = city.districts[Math.floor(rng() * city.districts.length)];
    const text = describe(rng, categoryId);
    out.push({
      id, ticket: `${city.profile.ticketPrefix}-2026-${String((opts.ticketBase ?? 0) + id).padStart(6, '0')}`, status: pickWeighted(rng, OPEN) as ReportState['status'],
      categoryId, agencyId, description: text.description, lng: d.label[0], lat: d.label[1], precision: 'point', address: text.address, districtCode: d.code,
      subdistrictCode: null, channel: pickWeighted(rng, CHANNELS) as ReportState['channel'], photos: [], reporterName: 'Warga', reporterContact: '0812',
      assigneeId: null, mergedIntoId: null, mergedFromStatus: null, citizenCount: 1, instruction: null, dispatchedAt: null, proof: null, returnReason: null,
      trackKeyHash: null, cameraSnapshot: null, deadlines: null, deadlineFlags: rng() < 0.08 ? ['resolution_breached'] : [], acknowledgedFlags: [],
      firstDispatchedAt: null, verifiedAt: null, doneAt: null, reopenCount: 0, returnCount: 0, createdAt: at, updatedAt: at, version: 1, lastSeq: 0,
    });
  }
  return out;
}
