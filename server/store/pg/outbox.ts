import type { ClaimedMessage, OutboxQueue } from '../outbox.js';
import type { PgStore } from './index.js';

const SETTLED = 'delivered_at IS NULL AND given_up_at IS NULL';

/**
 * server/store/outbox.ts's queue on PostgreSQL. A claim takes the due rows no live claim holds with FOR UPDATE SKIP
 * LOCKED: two workers claiming at once each take other rows instead of waiting on the same ones. The rest is SQLite's
 * SQL: a failure is recorded only by the claim's holder, a delivery whoever holds it now.
 */
export function pgOutboxQueue(pg: PgStore): OutboxQueue {
  const q = (name: string, text: string, values: unknown[]) => pg.pool.query({ name, text, values });
  return {
    storeId: pg.storeId,
    prune: async (before) => (await q('outbox-prune', 'DELETE FROM outbox WHERE COALESCE(delivered_at, given_up_at) < $1', [before])).rowCount ?? 0,
    anyDue: async (now) => ((await q('outbox-any-due', `SELECT 1 FROM outbox WHERE ${SETTLED} AND next_attempt_at <= $1 LIMIT 1`, [now])).rowCount ?? 0) > 0,
    claim: async (owner, now, until, limit) =>
      (
        await q(
          'outbox-claim',
          `UPDATE outbox SET claimed_by = $1, claimed_until = $3
           WHERE id IN (SELECT id FROM outbox WHERE ${SETTLED} AND next_attempt_at <= $2 AND (claimed_until IS NULL OR claimed_until <= $2)
                        ORDER BY next_attempt_at, id LIMIT $4 FOR UPDATE SKIP LOCKED)
           RETURNING id, seq, agency_id AS "agencyId", url, body, attempts`,
          [owner, now, until, limit],
        )
      ).rows as ClaimedMessage[],
    delivered: async (id, at) => {
      await q('outbox-delivered', 'UPDATE outbox SET delivered_at = $2, attempts = attempts + 1, claimed_by = NULL, claimed_until = NULL, last_error = NULL WHERE id = $1 AND delivered_at IS NULL', [id, at]);
    },
    failed: async (id, owner, error, next) =>
      (
        'retryAt' in next
          ? await q('outbox-retry', 'UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $4, claimed_by = NULL, claimed_until = NULL, last_error = $3 WHERE id = $1 AND claimed_by = $2 AND delivered_at IS NULL', [id, owner, error, next.retryAt])
          : await q('outbox-give-up', 'UPDATE outbox SET attempts = attempts + 1, given_up_at = $4, claimed_by = NULL, claimed_until = NULL, last_error = $3 WHERE id = $1 AND claimed_by = $2 AND delivered_at IS NULL', [id, owner, error, next.giveUpAt])
      ).rowCount === 1,
  };
}
