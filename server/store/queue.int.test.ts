import { describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from './db.js';
import { migrate } from './migrate.js';
import { Store } from './index.js';
import { rebuild } from './rebuild.js';
import type { QueueFilter } from './reports.js';
import { expected, FILTERS, report, words } from '../testing/queue-fixture.js';

const tmp = () => mkdtempSync(join(tmpdir(), 'pantau-queue-'));

function storeWith(n: number): Store {
  const store = new Store(openDb(join(tmp(), 'q.sqlite')));
  store.tx(() => {
    for (let id = 1; id <= n; id++) store.reports.put(report(id));
  });
  return store;
}

describe('the console queue over the reports projection', () => {
  const store = storeWith(400);

  it.each(Object.entries(FILTERS))('%s: pages of 7 by cursor give exactly the filtered reports, newest first, none twice', (_, f) => {
    const want = expected(store.reports.queuePage({}, { limit: 10_000 }), f);
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
