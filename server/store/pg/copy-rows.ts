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

/** Rows of a SQLite table copied as they are into the PostgreSQL table of the same name and columns, in one statement per 1,000. */
async function copyTable(client: PgTx['client'], sqlite: Db, table: string, columns: readonly string[], key: string): Promise<number> {
  const rows = sqlite.prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY ${key}`).raw().all() as unknown[][];
  await client.query(`DELETE FROM ${table}`);
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    const values = batch.flatMap((r) => r);
    const tuples = batch.map((_, b) => `(${columns.map((_, c) => `$${b * columns.length + c + 1}`).join(', ')})`);
    await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
  }
  return rows.length;
}

/**
 * What filing a report keeps beside its event (PostgreSQL's migration 010), which no event carries: the ticket
 * counters (a moved city's next ticket follows its last), the media index (what keeps the photos' files alive) and
 * the client ids already filed (a phone's retry after the move is answered, not filed again). Then the report ids
 * move past the copied reports. Run again, the same rows again.
 */
export async function copyIntakeRows(sqlite: Db, pg: PgStore): Promise<{ tickets: number; media: number; clientCommands: number }> {
  return pg.transactions.transaction(async (tx) => {
    const { client } = ownTx(tx, PgTx);
    const tickets = await copyTable(client, sqlite, 'ticket_counters', ['prefix', 'year', 'last'], 'prefix, year');
    const media = await copyTable(client, sqlite, 'media', ['hash', 'width', 'height', 'bytes', 'created_at'], 'hash');
    const clientCommands = await copyTable(client, sqlite, 'client_commands', ['client_id', 'actor_id', 'report_id', 'seq', 'created_at'], 'client_id');
    // The next nextval() gives MAX(id) + 1, or 1 for a city with no report.
    await client.query("SELECT setval('report_ids', GREATEST((SELECT COALESCE(MAX(id), 0) FROM reports), 1), (SELECT COUNT(*) > 0 FROM reports))");
    return { tickets, media, clientCommands };
  });
}
