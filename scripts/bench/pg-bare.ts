import { openPool } from '../../server/store/pg/pool.js';
import { migratePg } from '../../server/store/pg/migrate.js';
import { mulberry } from '../simulate/scene-photo.js';
import { closedLoop, type LoopResult } from './stats.js';

/**
 * The PostgreSQL baseline the benches print beside the hub: an equivalent report row (as bench:ingest's bare
 * better-sqlite3 row) INSERTed into the hub's schema by a bare pg pool, autocommit (one flush each), `concurrency`
 * at once, in a closed loop after `warmup` unmeasured ones. cpuMs: this process's CPU during the measured loop.
 */
export async function bareReportInserts(url: string, o: { n: number; concurrency: number; maxMs: number; warmup: number; category: string }): Promise<{ result: LoopResult; cpuMs: number }> {
  const pool = openPool(url, o.concurrency);
  try {
    await migratePg(pool);
    const insert = (i: number) => {
      const rnd = mulberry(i);
      const at = new Date().toISOString();
      return pool.query({
        name: 'bare-insert',
        text: `INSERT INTO reports (id, ticket, status, category_id, agency_id, description, lng, lat, precision, address, district_code, channel, photos,
                 reporter_name, reporter_contact, created_at, updated_at, version, last_seq)
               VALUES ($1, $2, 'new', $3, 'dlh', $4, $5, $6, 'point', $7, '36.71.01', 'web', $8, 'Warga Uji', $9, $10, $10, 1, $1)`,
        values: [i + 1, `TNG-2026-${String(i + 1).padStart(6, '0')}`, o.category, `Sampah menumpuk di pinggir jalan, laporan uji #${i}`, 106.64 + (rnd() * 2 - 1) * 0.01,
          -6.18 + (rnd() * 2 - 1) * 0.01, `Jl. Uji Beban No. ${1 + (i % 200)}`, JSON.stringify([`${i.toString(16).padStart(8, '0')}${'ab'.repeat(28)}`]), `0812${String(1_000_000 + i).slice(-7)}`, at],
      });
    };
    for (let i = 0; i < o.warmup; i++) await insert(i);
    const cpu0 = process.cpuUsage();
    const result = await closedLoop(o.n, o.concurrency, o.maxMs, async (i) => {
      const t0 = performance.now();
      await insert(o.warmup + i);
      return performance.now() - t0;
    });
    const cpu = process.cpuUsage(cpu0);
    return { result, cpuMs: (cpu.user + cpu.system) / 1000 };
  } finally {
    await pool.end();
  }
}
