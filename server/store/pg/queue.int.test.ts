import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDatabase } from '../../testing/postgres.js';
import { expected, FILTERS, report, words } from '../../testing/queue-fixture.js';
import { openPgStore, type PgStore } from './index.js';
import { writeReport } from './projections/reports.js';
import { queueChanges, queueCount, queuePage } from './queue.js';
import { PgTx } from './transactions.js';
import { ownTx } from '../event-log.js';
import type { QueueFilter } from '../reports.js';
import type { ReportState } from '../../domain/reports.js';
import { Store } from '../index.js';
import { openDb } from '../db.js';

/** The console queue on PostgreSQL answers what SQLite's answers (server/store/queue.int.test.ts), on the same reports. */
const db = await testDatabase();
const dir = mkdtempSync(join(tmpdir(), 'pantau-pg-queue-'));
let pg: PgStore;
let sqlite: Store;
const rows = Array.from({ length: 400 }, (_, i) => report(i + 1));

const put = (reports: ReportState[]) =>
  pg.transactions.transaction(async (tx) => {
    for (const r of reports) await writeReport(ownTx(tx, PgTx).client, r);
  });
const read = <T>(fn: (client: PgTx['client']) => Promise<T>) => pg.transactions.read((tx) => fn(ownTx(tx, PgTx).client));

beforeAll(async () => {
  pg = await openPgStore(db.url, { poolSize: 2 });
  sqlite = new Store(openDb(join(dir, 'q.sqlite')));
  sqlite.tx(() => rows.forEach((r) => sqlite.reports.put(r)));
  await put(rows);
});
afterAll(async () => {
  sqlite?.close();
  rmSync(dir, { recursive: true, force: true });
  await pg?.close();
  await db.drop();
});

describe('the console queue on PostgreSQL', () => {
  it('gives every filter exactly what SQLite gives, page by page by cursor, with the same counts', async () => {
    for (const [name, f] of Object.entries(FILTERS)) {
      const want = expected(rows.slice().reverse(), f);
      const got: number[] = [];
      let before: number | undefined;
      for (;;) {
        const page = await read((c) => queuePage(c, f, { before, limit: 50 }));
        got.push(...page.map((r) => r.id));
        if (page.length < 50) break;
        before = page[page.length - 1].id;
      }
      expect(got, name).toEqual(want);
      expect(got, name).toEqual(sqlite.reports.queuePage(f, { limit: 10_000 }).map((r) => r.id));
      expect(await read((c) => queueCount(c, f, 10_000)), name).toBe(want.length);
      expect(await read((c) => queueCount(c, f, 3)), name).toBe(Math.min(3, want.length));
    }
    // Whole rows, as SQLite reads them.
    expect(await read((c) => queuePage(c, FILTERS['operator, tab, kecamatan and word'], { limit: 5 }))).toEqual(sqlite.reports.queuePage(FILTERS['operator, tab, kecamatan and word'], { limit: 5 }));
  });

  it('matches a word inside another, whatever its case and accents', async () => {
    const cafe = report(401, { description: 'Pohon TUMBANG di depan Café Melati' });
    await put([cafe]);
    sqlite.tx(() => sqlite.reports.put(cafe));
    for (const q of ['tumbang', 'cafe', 'CAFÉ', 'umban']) {
      expect((await read((c) => queuePage(c, { terms: words(q) }, { limit: 5 }))).map((r) => r.id), q).toEqual([401]);
      expect(sqlite.reports.queuePage({ terms: words(q) }, { limit: 5 }).map((r) => r.id), q).toEqual([401]);
    }
    expect(await read((c) => queuePage(c, { terms: words('tumbang melati sekolah') }, { limit: 5 }))).toEqual([]);
  });

  it('says what changed since a seq as SQLite does', async () => {
    const f: QueueFilter = { agencyId: 'dkp', statuses: ['new', 'checked'] };
    const leaving = sqlite.reports.queuePage(f, { limit: 1 })[0];
    const changed = [{ ...leaving, status: 'dispatched' as const, version: 2, lastSeq: 1001 }, report(402, { agencyId: 'dkp', status: 'new', lastSeq: 1002 }), report(403, { agencyId: 'bpbd', status: 'new', lastSeq: 1003 })];
    await put(changed);
    sqlite.tx(() => changed.forEach((r) => sqlite.reports.put(r)));
    for (const [filter, since, cap] of [[f, 1000, 100], [{ ...f, terms: words('kali') }, 1000, 100], [f, 1002, 100], [f, 0, 5]] as const) {
      const mine = sqlite.reports.queueChanges(filter, since, cap);
      expect(await read((c) => queueChanges(c, filter, since, cap))).toEqual(mine);
    }
    expect(sqlite.reports.queueChanges(f, 1000, 100)!.gone).toEqual([leaving.id, 403]);
  });
});
