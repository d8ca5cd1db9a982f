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

/** Rows copied as they are into the PostgreSQL table of the same name and columns, in one statement per 1,000. */
async function copyRows(client: PgTx['client'], table: string, columns: readonly string[], rows: unknown[][]): Promise<number> {
  await client.query(`DELETE FROM ${table}`);
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    const tuples = batch.map((_, b) => `(${columns.map((_, c) => `$${b * columns.length + c + 1}`).join(', ')})`);
    await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, batch.flat());
  }
  return rows.length;
}

const TICKETS = ['prefix', 'year', 'last'];
const MEDIA = ['hash', 'width', 'height', 'bytes', 'created_at'];
const CLIENT_COMMANDS = ['client_id', 'actor_id', 'report_id', 'seq', 'created_at'];
const DISPLAYS = ['id', 'name', 'token_hash', 'created_at', 'revoked_at', 'last_seen_at', 'paired_by', 'revoked_by'];
const SESSIONS = ['token_hash', 'account_id', 'created_at', 'expires_at'];
const OUTBOX = ['id', 'seq', 'agency_id', 'url', 'body', 'created_at', 'attempts', 'next_attempt_at', 'claimed_by', 'claimed_until', 'delivered_at', 'given_up_at', 'last_error'];

/**
 * What the commands keep beside their events, which no event carries (PostgreSQL's migrations 010 and 011): the
 * ticket counters (a moved city's next ticket follows its last), the media index (what keeps the photos' files
 * alive), the client ids already applied (a phone's retry after the move is answered, not applied again), the
 * outbox (a webhook not yet delivered is sent from PostgreSQL; one delivered is not sent again), the paired displays
 * (every wall keeps its token) and the staff's sessions (nobody is signed out by the move). Then the report and
 * outbox ids move past the copied rows. Run again, the same rows again. All are read in one SQLite snapshot, and a
 * row whose event PostgreSQL's log does not hold yet (a hub still writing to the file) is left for the next run.
 * Leases are not copied: the hubs on PostgreSQL take them afresh.
 */
export async function copyOperationalRows(sqlite: Db, pg: PgStore): Promise<{ tickets: number; media: number; clientCommands: number; outbox: number; displays: number; sessions: number }> {
  const read = (sql: string) => sqlite.prepare(sql).raw().all() as unknown[][];
  const rows = sqlite.transaction(() => ({
    tickets: read(`SELECT ${TICKETS.join(', ')} FROM ticket_counters ORDER BY prefix, year`),
    media: read(`SELECT ${MEDIA.join(', ')} FROM media ORDER BY hash`),
    clientCommands: read(`SELECT ${CLIENT_COMMANDS.join(', ')} FROM client_commands ORDER BY client_id`),
    outbox: read(`SELECT ${OUTBOX.join(', ')} FROM outbox ORDER BY id`),
    displays: read(`SELECT ${DISPLAYS.join(', ')} FROM displays ORDER BY id`),
    sessions: read(`SELECT ${SESSIONS.join(', ')} FROM sessions ORDER BY token_hash`),
  })).deferred();
  return pg.transactions.transaction(async (tx) => {
    const { client } = ownTx(tx, PgTx);
    const head = (await client.query<{ seq: number }>('SELECT seq FROM event_head')).rows[0].seq;
    const copiedAccounts = new Set((await client.query<{ id: string }>('SELECT id FROM accounts')).rows.map((r) => r.id));
    const ofCopiedEvents = (columns: string[], all: unknown[][]) => all.filter((r) => (r[columns.indexOf('seq')] as number) <= head);
    const copied = {
      tickets: await copyRows(client, 'ticket_counters', TICKETS, rows.tickets),
      media: await copyRows(client, 'media', MEDIA, rows.media),
      clientCommands: await copyRows(client, 'client_commands', CLIENT_COMMANDS, ofCopiedEvents(CLIENT_COMMANDS, rows.clientCommands)),
      outbox: await copyRows(client, 'outbox', OUTBOX, ofCopiedEvents(OUTBOX, rows.outbox)),
      displays: await copyRows(client, 'displays', DISPLAYS, rows.displays),
      // Of the accounts PostgreSQL's log holds (an account made since is left for the next run, with its sessions).
      sessions: await copyRows(client, 'sessions', SESSIONS, rows.sessions.filter((r) => copiedAccounts.has(r[1] as string))),
    };
    // The next id after the copied ones: MAX(id) + 1, or 1 for an empty table.
    await client.query("SELECT setval('report_ids', GREATEST((SELECT COALESCE(MAX(id), 0) FROM reports), 1), (SELECT COUNT(*) > 0 FROM reports))");
    await client.query("SELECT setval(pg_get_serial_sequence('outbox', 'id'), GREATEST((SELECT COALESCE(MAX(id), 0) FROM outbox), 1), (SELECT COUNT(*) > 0 FROM outbox))");
    return copied;
  });
}
