import { afterAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../testing/postgres.js';
import { processedPhoto, testFiling } from '../../testing/filing.js';
import { loadCity } from '../../profile/load.js';
import { fileReport } from '../../commands/submit-report.js';
import { openPgStore } from './index.js';
import { PgProjector, pgProjections } from './projector.js';
import { pgStepStore } from './command.js';

/**
 * Filing reports on PostgreSQL through the command's own transaction (fileReport in pgStepStore, alone or grouped): many at once, some
 * rolled back, a submission and its copy racing. SQLite files one at a time under its write lock; here they overlap, so ids and ticket
 * numbers must come from the database. That both stores file the same report the same way is in replay.int.test.ts.
 */
const city = loadCity('tangerang');
const opened: { close: () => Promise<void> }[] = [];
afterAll(async () => {
  for (const o of opened.reverse()) await o.close();
});

/** A store of its own (a fresh database), with the runners a hub on it would use. */
async function freshStore() {
  const db = await testDatabase();
  const pg = await openPgStore(db.url, { poolSize: 8 });
  opened.push({ close: db.drop }, pg);
  const projector = new PgProjector(pg.events, pgProjections(city.clock));
  return { pg, projector, commands: pgStepStore(pg, projector) };
}

describe('filing reports on PostgreSQL', () => {
  it.each(['one transaction each', 'grouped'])('files many at once (%s) with distinct ids, tickets without a gap, seqs in order; a rolled-back one gives its ticket back', async (mode) => {
    const { pg, commands } = await freshStore();
    const run = mode === 'grouped' ? commands.commandGrouped : commands.command;
    const photos = [await processedPhoto(city)];
    const n = 24;
    const outcomes = await Promise.allSettled(
      Array.from({ length: n }, (_, i) =>
        run(function* (p) {
          const [result] = yield* fileReport(p.reports, city, testFiling(city, photos, { now: new Date(), opts: { clientKey: `bulk-${i}` } }));
          // Every fourth changes its mind after filing: nothing of it may stay.
          if (i % 4 === 3) throw new Error('rolled back');
          return result;
        }),
      ),
    );
    const filed = outcomes.flatMap((o) => (o.status === 'fulfilled' && o.value.ok ? [o.value.value] : []));
    expect(filed.length).toBe(n - n / 4);
    expect(outcomes.filter((o) => o.status === 'rejected').length).toBe(n / 4);
    expect(new Set(filed.map((r) => r.id)).size).toBe(filed.length);
    const numbers = filed.map((r) => Number(r.ticket.split('-').at(-1))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: filed.length }, (_, i) => i + 1));
    const log = await pg.events.since(0, 1000);
    expect(log.map((e) => e.seq)).toEqual(Array.from({ length: filed.length }, (_, i) => i + 1));
    // Ids and tickets in the order the reports were filed, and that is seq's order.
    const bySeq = log.map((e) => filed.find((r) => r.id === e.reportId)!);
    expect(bySeq.map((r) => r.id)).toEqual([...bySeq.map((r) => r.id)].sort((a, b) => a - b));
    expect(bySeq.map((r) => r.ticket)).toEqual([...bySeq.map((r) => r.ticket)].sort());
    // Each report's time follows seq's order too: the clock is read once the writer holds the log.
    expect(log.map((e) => e.at)).toEqual(log.map((e) => e.at).sort());
    const count = async (table: string) => (await pg.pool.query(`SELECT COUNT(*)::int AS n FROM ${table}`)).rows[0].n as number;
    expect([await count('reports'), await count('client_commands'), await count('media')]).toEqual([filed.length, filed.length, 1]);
  });

  it('answers a retry with the report it filed, and refuses a client id sent again with another report', async () => {
    const { pg, commands } = await freshStore();
    const photos = [await processedPhoto(city)];
    const file = async (description?: string) => (await commands.command((p) => fileReport(p.reports, city, testFiling(city, photos, { description, now: new Date(), opts: { clientKey: 'retry-1' } }))))[0];
    // Two copies of one submission at once (a phone's retry overtaking its first send): one files, the other is
    // answered with it.
    const [first, twin] = await Promise.all([file(), file()]);
    expect(first.ok && twin.ok && twin.value.id === first.value.id && (first.value.replayed || twin.value.replayed)).toBe(true);
    const head = await pg.events.headSeq();
    const again = await file();
    expect(first.ok && again.ok && again.value.id === first.value.id && again.value.replayed).toBe(true);
    const other = await file('Lampu jalan mati di simpang');
    expect(other).toMatchObject({ ok: false, code: 'conflict', field: 'clientId' });
    expect(await pg.events.headSeq()).toBe(head);
  });
});
