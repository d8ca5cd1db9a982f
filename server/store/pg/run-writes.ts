import type { RunWrites } from '../run-writes.js';
import type { HubRun } from '../../domain/gaps.js';
import { ownTx, type Tx } from '../event-log.js';
import { later } from '../step.js';
import { PgTx } from './transactions.js';
import { statements } from './statements.js';

const ALIVE = 'COALESCE(last_alive_at, started_at)';

/** server/store/run-writes.ts on PostgreSQL: each call a round trip on the transaction's connection. */
export function pgRunWrites(tx: Tx): RunWrites {
  const { client } = ownTx(tx, PgTx);
  const { first, run } = statements(client);
  return {
    startRun: (id, at) => run('hub-runs-start', 'INSERT INTO hub_runs (id, started_at, last_alive_at) VALUES ($1, $2, $2)', [id, at]),
    aliveRun: (id, at) => run('hub-runs-alive', 'UPDATE hub_runs SET last_alive_at = $2 WHERE id = $1', [id, at]),
    runsOverlapping: (from, to) =>
      later(
        client
          .query<HubRun>({
            name: 'hub-runs-overlapping',
            text: `SELECT started_at AS "startedAt", last_alive_at AS "lastAliveAt" FROM hub_runs
                   WHERE started_at < $2 AND (${ALIVE} >= $1
                     OR id = (SELECT id FROM hub_runs WHERE ${ALIVE} < $1 ORDER BY ${ALIVE} DESC LIMIT 1))
                   ORDER BY started_at`,
            values: [from, to],
          })
          .then((r) => r.rows),
      ),
    seenDisplays: (ids, at) => run('displays-seen', 'UPDATE displays SET last_seen_at = $2 WHERE id = ANY($1)', [ids, at]),
    replaceDisplayConnections: (runId, ids, aliveSince) =>
      later(
        (async () => {
          await client.query({ name: 'display-connections-clear', text: 'DELETE FROM display_connections WHERE run_id = $1', values: [runId] });
          if (ids.length)
            await client.query({
              name: 'display-connections-add',
              text: 'INSERT INTO display_connections (run_id, display_id) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING',
              values: [runId, ids],
            });
          await client.query({ name: 'display-connections-prune', text: `DELETE FROM display_connections WHERE run_id IN (SELECT id FROM hub_runs WHERE ${ALIVE} < $1)`, values: [aliveSince] });
        })(),
      ),
    hitLimit: (key, at, windowMs) =>
      later(
        client
          .query<{ hits: number; resetAt: string }>({
            name: 'rate-limit-hit',
            text: `INSERT INTO rate_limit_hits (key, hits, reset_at) VALUES ($1, 1, $3)
                   ON CONFLICT (key) DO UPDATE SET
                     hits = CASE WHEN rate_limit_hits.reset_at <= $2 THEN 1 ELSE rate_limit_hits.hits + 1 END,
                     reset_at = CASE WHEN rate_limit_hits.reset_at <= $2 THEN EXCLUDED.reset_at ELSE rate_limit_hits.reset_at END
                   RETURNING hits, reset_at AS "resetAt"`,
            values: [key, at.toISOString(), new Date(at.getTime() + windowMs).toISOString()],
          })
          .then((r) => ({ totalHits: r.rows[0].hits, resetTime: new Date(r.rows[0].resetAt) })),
      ),
    limitHits: function* (key, at) {
      const r = yield* first<{ hits: number; resetAt: string }>('rate-limit-get', 'SELECT hits, reset_at AS "resetAt" FROM rate_limit_hits WHERE key = $1 AND reset_at > $2', [key, at.toISOString()]);
      return r ? { totalHits: r.hits, resetTime: new Date(r.resetAt) } : undefined;
    },
    unhitLimit: (key, at) => run('rate-limit-unhit', 'UPDATE rate_limit_hits SET hits = GREATEST(hits - 1, 0) WHERE key = $1 AND reset_at > $2', [key, at.toISOString()]),
    resetLimit: (key) => run('rate-limit-reset', 'DELETE FROM rate_limit_hits WHERE key = $1', [key]),
    sweepLimits: (at) => later(client.query({ name: 'rate-limit-sweep', text: 'DELETE FROM rate_limit_hits WHERE reset_at <= $1', values: [at.toISOString()] }).then((r) => r.rowCount ?? 0)),
    displaysOnOtherRuns: (runId, aliveSince) =>
      later(
        client
          .query<{ display_id: string }>({
            name: 'display-connections-live',
            text: `SELECT display_id FROM (SELECT DISTINCT c.display_id FROM display_connections c JOIN hub_runs r ON r.id = c.run_id
                     WHERE COALESCE(r.last_alive_at, r.started_at) >= $2 AND c.run_id <> $1) live ORDER BY display_id COLLATE "C"`,
            values: [runId, aliveSince],
          })
          .then((r) => r.rows.map((x) => x.display_id)),
      ),
  };
}
