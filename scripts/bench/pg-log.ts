import { startPostgres } from '../../server/testing/postgres.js';
import { openPgStore } from '../../server/store/pg/index.js';
import { PgGroupCommit } from '../../server/store/pg/group-commit.js';
import type { LogEvent } from '../../server/store/events.js';
import { closedLoop, fmt, numericFlags, ratio, summarize, table, stopGuard } from './stats.js';

/**
 * Appends/s to the PostgreSQL event log (a transaction per event, seq from the locked stream head, so appends
 * serialise) beside, in the same run on the same private cluster (fsync on: durable commits, as in production):
 * a bare pg INSERT into a table with an identity column (autocommit, nothing serialised), and the same bare INSERT
 * inside BEGIN/COMMIT (the log's round trips without its lock); and the log through PgGroupCommit (the appends that
 * arrive together share one transaction and one flush). Variants alternate in rounds.
 */
const flags = numericFlags({ appends: 2000, concurrency: 16, rounds: 3 }, 'usage: tsx scripts/bench/pg-log.ts [--appends 2000] [--concurrency 16] [--rounds 3]');
const N = Math.floor(flags.appends);
const C = Math.floor(flags.concurrency);

const cluster = await startPostgres({ settings: { fsync: 'on', full_page_writes: 'on' } });
const store = await openPgStore(cluster.url(), { poolSize: C });
stopGuard('bench:pg-log', async () => {
  await store.close();
  await cluster.stop();
}, 15 * 60_000);
await store.pool.query(`CREATE TABLE bare_events (seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at TEXT NOT NULL, actor_id TEXT NOT NULL,
  actor_role TEXT NOT NULL, type TEXT NOT NULL, report_id BIGINT, payload TEXT NOT NULL)`);

const grouped = new PgGroupCommit(store.pool);
const actor = { id: 'op-1', role: 'operator' as const, agencyId: 'dpupr', name: 'Operator' };
const event = (i: number): LogEvent => ({ type: 'report.noted', reportId: i, at: new Date().toISOString(), actor, payload: { note: `catatan ${i}` } });
const BARE = 'INSERT INTO bare_events (at, actor_id, actor_role, type, report_id, payload) VALUES ($1, $2, $3, $4, $5, $6)';
const bareValues = (i: number) => [new Date().toISOString(), actor.id, actor.role, 'report.noted', i, JSON.stringify({ note: `catatan ${i}` })];

const variants: Record<string, (i: number) => Promise<unknown>> = {
  'bare pg INSERT (autocommit, identity)': (i) => store.pool.query(BARE, bareValues(i)),
  'bare pg BEGIN/INSERT/COMMIT': async (i) => {
    const c = await store.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query(BARE, bareValues(i));
      await c.query('COMMIT');
    } finally {
      c.release();
    }
  },
  'PgEventLog append (stream head)': (i) => store.transactions.transaction((tx) => store.events.append(tx, event(i))),
  'PgEventLog append, group commit': (i) => grouped.transaction((tx) => store.events.append(tx, event(i))),
};

const results: Record<string, { rate: number[]; p50: number[]; p99: number[] }> = {};
for (let round = 0; round < flags.rounds; round++) {
  for (const [name, op] of Object.entries(variants)) {
    const r = await closedLoop(N, C, 120_000, async (i) => {
      const t = performance.now();
      await op(i);
      return performance.now() - t;
    });
    const s = summarize(r.latencies);
    const out = (results[name] ??= { rate: [], p50: [], p99: [] });
    out.rate.push((r.done / r.elapsedMs) * 1000);
    out.p50.push(s.p50);
    out.p99.push(s.p99);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bare = median(results['bare pg INSERT (autocommit, identity)'].rate);
console.log(`\n${N} appends × ${flags.rounds} rounds, ${C} connections, fsync on; medians of the rounds\n`);
console.log(
  table(
    ['variant', 'appends/s', 'p50 ms', 'p99 ms', 'vs bare INSERT'],
    Object.entries(results).map(([name, r]) => [name, fmt(median(r.rate), 0), fmt(median(r.p50), 2), fmt(median(r.p99), 2), ratio(median(r.rate), bare)]),
  ),
);
const head = await store.events.headSeq();
const gaps = (await store.pool.query('SELECT count(*)::int AS n FROM events e WHERE seq > 1 AND NOT EXISTS (SELECT 1 FROM events p WHERE p.seq = e.seq - 1)')).rows[0].n;
console.log(`\nlog head ${head}, gaps ${gaps}`);
await store.close();
await cluster.stop();
