import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from './db.js';
import { migrate } from './migrate.js';
import { Store } from './index.js';
import { rebuild } from './rebuild.js';
import type { QueueFilter } from './reports.js';
import type { ReportState } from '../domain/reports.js';
import { searchTerms } from '../domain/search.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'pantau-queue-'));

const AGENCIES = ['dkp', 'dishub', 'bpbd'];
const CATEGORIES = ['sampah', 'pju', 'banjir'];
const DISTRICTS = ['36.71.01', '36.71.11', null];
const CHANNELS = ['web', 'app', 'walk_in'] as const;
const STATUSES = ['new', 'checked', 'dispatched', 'proof_submitted', 'verified'] as const;
const TEXTS = ['Sampah menumpuk di pinggir kali', 'Lampu jalan padam', 'Banjir setinggi lutut, air masuk rumah', 'Jalan berlubang dekat sekolah'];

function report(id: number, over: Partial<ReportState> = {}): ReportState {
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

function storeWith(n: number): Store {
  const store = new Store(openDb(join(tmp(), 'q.sqlite')));
  store.tx(() => {
    for (let id = 1; id <= n; id++) store.reports.put(report(id));
  });
  return store;
}

const words = (q: string) => searchTerms(q, { categories: [{ id: 'pju', label: { id: 'Lampu jalan (PJU) mati', en: 'Street light out' } }], districts: [{ code: '36.71.11', name: 'Benda' }] });

/** Every queue filter, one at a time and mixed as an operator's would be. */
const FILTERS: Record<string, QueueFilter> = {
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
function expected(store: Store, f: QueueFilter): number[] {
  const all = store.reports.queuePage({}, { limit: 10_000 });
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

describe('the console queue over the reports projection', () => {
  const store = storeWith(400);

  it.each(Object.entries(FILTERS))('%s: pages of 7 by cursor give exactly the filtered reports, newest first, none twice', (_, f) => {
    const want = expected(store, f);
    const got: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = store.reports.queuePage(f, { before, limit: 7 });
      got.push(...page.map((r) => r.id));
      if (page.length < 7) break;
      before = page[page.length - 1].id;
    }
    expect(got).toEqual(want);
    expect(want.length).toBeGreaterThan(0);
    expect(store.reports.queueCount(f, 10_000)).toBe(want.length);
    expect(store.reports.queueCount(f, 3)).toBe(Math.min(3, want.length));
  });

  it('every filter but a tab of statuses and a short word reads an index, and none sorts', () => {
    for (const [name, f] of Object.entries(FILTERS)) {
      const plan = store.reports.queuePlan(f, { before: 200, limit: 50 }).join(' | ');
      expect(plan, name).not.toMatch(/TEMP B-TREE/);
      if (['none', 'a tab of statuses', 'age', 'a short word', 'not breached'].includes(name)) expect(plan, name).toMatch(/^SCAN r$|INTEGER PRIMARY KEY \(rowid<\?\)/);
      else expect(plan, name).toMatch(/VIRTUAL TABLE|USING INDEX reports_queue_(status|breached)/);
    }
  });

  it('matches a word inside another, whatever its case and accents', () => {
    const s = storeWith(0);
    s.tx(() => s.reports.put(report(1, { description: 'Pohon TUMBANG di depan Café Melati' })));
    for (const q of ['tumbang', 'cafe', 'CAFÉ', 'umban']) expect(s.reports.queuePage({ terms: words(q) }, { limit: 5 }).map((r) => r.id), q).toEqual([1]);
    expect(s.reports.queuePage({ terms: words('tumbang melati sekolah') }, { limit: 5 })).toEqual([]);
  });

  it('follows a reroute: the report leaves one agency\'s queue and joins the other', () => {
    const s = storeWith(3);
    const r = s.reports.get(1)!;
    s.tx(() => s.reports.put({ ...r, agencyId: 'satpolpp', version: 2, lastSeq: 10 }));
    expect(s.reports.queuePage({ agencyId: r.agencyId }, { limit: 5 }).map((x) => x.id)).not.toContain(1);
    expect(s.reports.queuePage({ agencyId: 'satpolpp', terms: words('padam') }, { limit: 5 }).map((x) => x.id)).toEqual([1]);
  });

  it('says what changed since a seq: the changed reports that match, the ids that no longer do', () => {
    const s = storeWith(20);
    const f: QueueFilter = { agencyId: 'dkp', statuses: ['new', 'checked'] };
    const mine = s.reports.queuePage(f, { limit: 50 });
    const leaving = mine[0];
    s.tx(() => {
      s.reports.put({ ...leaving, status: 'dispatched', version: 2, lastSeq: 21 });
      s.reports.put(report(21, { agencyId: 'dkp', status: 'new', lastSeq: 22 }));
      s.reports.put(report(22, { agencyId: 'bpbd', status: 'new', lastSeq: 23 }));
    });
    expect(s.reports.queueChanges(f, 20, 100)).toEqual({ matching: [s.reports.get(21)], gone: [leaving.id, 22] });
    expect(s.reports.queueChanges({ ...f, terms: words('kali') }, 20, 100)!.matching.map((r) => r.id)).toEqual(report(21).description.includes('kali') ? [21] : []);
    expect(s.reports.queueChanges(f, 22, 100)).toEqual({ matching: [], gone: [22] });
    expect(s.reports.queueChanges(f, 0, 5)).toBeNull();
  });

  it('is rebuilt like every projection: a missing search row is a difference, and --write puts it back', () => {
    const s = new Store(openDb(join(tmp(), 'r.sqlite')));
    const actor = { id: 'op', role: 'operator' as const, agencyId: 'dkp' };
    s.tx(() => s.projector.append({ type: 'report.submitted', reportId: 1, at: '2026-11-01T01:00:00.000Z', actor, payload: { report: report(1) } } as never));
    expect(rebuild(s).differences).toEqual([]);
    s.db.prepare('DELETE FROM report_search WHERE rowid = -1').run();
    expect(s.reports.queuePage({ terms: words('padam') }, { limit: 5 })).toEqual([]);
    expect(rebuild(s, { write: true }).differences.map((d) => d.projection)).toEqual(['reports']);
    expect(rebuild(s).differences).toEqual([]);
    expect(s.reports.queuePage({ terms: words('padam') }, { limit: 5 }).map((r) => r.id)).toEqual([1]);
  });

  it('023 indexes the reports a store already had', () => {
    const dir = tmp();
    const migrations = join(dir, 'migrations');
    mkdirSync(migrations);
    const real = join(import.meta.dirname, 'migrations');
    for (const f of readdirSync(real).filter((f) => f < '023')) copyFileSync(join(real, f), join(migrations, f));
    const db = openDb(join(dir, 'm.sqlite'));
    migrate(db, migrations);
    db.prepare(
      `INSERT INTO reports (id, ticket, status, category_id, agency_id, description, lng, lat, precision, channel, photos, created_at, updated_at, version, last_seq, deadline_flags, acknowledged_flags)
       VALUES (7, 'TNG-2026-000007', 'new', 'sampah', 'dkp', 'Sampah di pinggir kali', 106.6, -6.2, 'point', 'web', '[]', '2026-10-01T00:00:00Z', '2026-10-01T00:00:00Z', 1, 1, '[]', '[]')`,
    ).run();
    db.close();
    const s = Store.open(join(dir, 'm.sqlite'));
    expect(s.reports.queuePage({ agencyId: 'dkp', terms: words('kali') }, { limit: 5 }).map((r) => r.id)).toEqual([7]);
  });
});
