import type { Db } from '../db.js';
import { ownTx } from '../event-log.js';
import type { PgStore } from './index.js';
import { PgTx } from './transactions.js';

type SourceRow = { camera_id: string; snapshot_url: string | null; stream_url: string | null; username: string | null; password: string | null; from_profile: number };

/**
 * The cameras' sources (addresses and credentials, SQLite's migration 020), which no event carries, copied as they
 * are into PostgreSQL: npm run migrate:pg's step after the log, so the moved city's cameras are probed and played
 * from where they were. Run again, the same rows again (a source edited since is updated, one dropped is dropped).
 */
export async function copyCameraSources(sqlite: Db, pg: PgStore): Promise<number> {
  const rows = sqlite.prepare('SELECT camera_id, snapshot_url, stream_url, username, password, from_profile FROM camera_sources ORDER BY camera_id').all() as SourceRow[];
  await pg.transactions.transaction(async (tx) => {
    const { client } = ownTx(tx, PgTx);
    await client.query('DELETE FROM camera_sources');
    for (const r of rows)
      await client.query({
        name: 'camera-sources-copy',
        text: 'INSERT INTO camera_sources (camera_id, snapshot_url, stream_url, username, password, from_profile) VALUES ($1, $2, $3, $4, $5, $6)',
        values: [r.camera_id, r.snapshot_url, r.stream_url, r.username, r.password, r.from_profile],
      });
  });
  return rows.length;
}
