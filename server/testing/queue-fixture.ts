import type { QueueFilter } from '../store/reports.js';
import type { ReportState } from '../domain/reports.js';
import { searchTerms } from '../domain/search.js';

/** The console queue's test reports and filters, for the queue's tests on each store (server/store/queue.int.test.ts, pg/queue.int.test.ts). */
const AGENCIES = ['dkp', 'dishub', 'bpbd'];
const CATEGORIES = ['sampah', 'pju', 'banjir'];
const DISTRICTS = ['36.71.01', '36.71.11', null];
const CHANNELS = ['web', 'app', 'walk_in'] as const;
const STATUSES = ['new', 'checked', 'dispatched', 'proof_submitted', 'verified'] as const;
const TEXTS = ['Sampah menumpuk di pinggir kali', 'Lampu jalan padam', 'Banjir setinggi lutut, air masuk rumah', 'Jalan berlubang dekat sekolah'];

export function report(id: number, over: Partial<ReportState> = {}): ReportState {
  const at = new Date(Date.UTC(2026, 10, 1) + id * 60_000).toISOString();
  return {
    id, ticket: `TNG-2026-${String(id).padStart(6, '0')}`, status: STATUSES[id % 5], categoryId: CATEGORIES[id % 3], agencyId: AGENCIES[id % 3],
    description: TEXTS[id % 4], lng: 106.6, lat: -6.2, precision: 'point', address: `Jl. Daan Mogot No. ${id}`, districtCode: DISTRICTS[id % 3],
    subdistrictCode: null, channel: CHANNELS[id % 7 === 0 ? 2 : id % 2], photos: [], reporterName: null, reporterContact: null, assigneeId: null,
    mergedIntoId: null, mergedFromStatus: null, citizenCount: 1, instruction: null, dispatchedAt: null, proof: null, returnReason: null,
    trackKeyHash: null, cameraSnapshot: null, deadlines: null, deadlineFlags: id % 4 === 0 ? ['resolution_breached'] : [], acknowledgedFlags: [],
    firstDispatchedAt: null, verifiedAt: null, doneAt: null, reopenCount: 0, returnCount: 0, createdAt: at, updatedAt: at, version: 1, lastSeq: id,
    ...over,
  };
}

export const words = (q: string) => searchTerms(q, { categories: [{ id: 'pju', label: { id: 'Lampu jalan (PJU) mati', en: 'Street light out' } }], districts: [{ code: '36.71.11', name: 'Benda' }] });

/** Every queue filter, one at a time and mixed as an operator's would be. */
export const FILTERS: Record<string, QueueFilter> = {
  none: {},
  agency: { agencyId: 'dkp' },
  category: { categoryId: 'pju' },
  district: { districtCode: '36.71.11' },
  channel: { channel: 'walk_in' },
  'one status': { statuses: ['proof_submitted'] },
  'a tab of statuses': { statuses: ['new', 'checked', 'proof_submitted'] },
  breached: { breached: true },
  'not breached': { breached: false },
  age: { createdBefore: '2026-11-01T02:00:00.000Z' },
  word: { terms: words('berlubang') },
  'a word naming a category': { terms: words('lampu') },
  'a short word': { terms: words('di') },
  'operator, tab, kecamatan and word': { agencyId: 'dkp', statuses: ['new', 'checked', 'proof_submitted'], districtCode: '36.71.01', terms: words('kali') },
};

/** What the filter means, over every row: the queue must give exactly these, newest first. */
export function expected(all: ReportState[], f: QueueFilter): number[] {
  const has = (r: ReportState, w: string) => [r.ticket, r.description, r.address ?? ''].some((t) => t.toLowerCase().includes(w.toLowerCase()));
  return all
    .filter((r) => !f.agencyId || r.agencyId === f.agencyId)
    .filter((r) => !f.categoryId || r.categoryId === f.categoryId)
    .filter((r) => !f.districtCode || r.districtCode === f.districtCode)
    .filter((r) => !f.channel || r.channel === f.channel)
    .filter((r) => !f.statuses?.length || f.statuses.includes(r.status))
    .filter((r) => f.breached === undefined || f.breached === (r.deadlineFlags.length > 0 && r.status !== 'verified'))
    .filter((r) => !f.createdBefore || r.createdAt < f.createdBefore)
    .filter((r) => (f.terms ?? []).every((t) => has(r, t.text) || t.categoryIds.includes(r.categoryId) || t.districtCodes.includes(r.districtCode ?? '')))
    .map((r) => r.id);
}

