import type { RoomWrites } from '../room-writes.js';
import type { ApiClientView } from '../../contract/api-clients.js';
import type { Layout } from '../../contract/layouts.js';
import { ownTx, type Tx } from '../event-log.js';
import { later } from '../step.js';
import type { PgProjector } from './projector.js';
import { PgTx } from './transactions.js';
import { statements } from './statements.js';
import { indicatorHistoryEntry, type IndicatorEventRow } from '../indicators.js';

const DISPLAY = 'SELECT id, name, created_at AS "createdAt", revoked_at AS "revokedAt" FROM displays';
const API_CLIENT = 'SELECT id, name, key_prefix AS "keyPrefix", scopes, created_by AS "createdBy", created_at AS "createdAt", revoked_at AS "revokedAt" FROM api_clients';

/** server/store/room-writes.ts on PostgreSQL: each call a round trip on the transaction's connection. */
export function pgRoomWrites(tx: Tx, projector: PgProjector): RoomWrites {
  const { client } = ownTx(tx, PgTx);
  const { first, run } = statements(client);
  const apiClient = (name: string, column: 'id' | 'key_hash', value: string) =>
    later(
      client
        .query({
          name,
          text: `${API_CLIENT} WHERE ${column} = $1`,
          values: [value],
        })
        .then((r) => (r.rows[0] ? ({ ...r.rows[0], scopes: JSON.parse(r.rows[0].scopes) } as ApiClientView) : null)),
    );
  return {
    append: (e) => later(projector.append(tx, e)),
    apiClient: (id) => apiClient('api-clients-by-id', 'id', id),
    apiClients: () =>
      later(
        client
          .query({ name: 'api-clients-all', text: `${API_CLIENT} ORDER BY revoked_at IS NOT NULL, created_at DESC, id COLLATE "C"` })
          .then((r) => r.rows.map((x) => ({ ...x, scopes: JSON.parse(x.scopes) }) as ApiClientView)),
      ),
    layouts: () =>
      later(
        client
          .query({ name: 'layouts-all', text: 'SELECT display_id AS "displayId", layout, seq, assigned_at AS "assignedAt", assigned_by AS "assignedBy" FROM display_layouts ORDER BY display_id COLLATE "C"' })
          .then((r) => r.rows.map((x) => ({ ...x, layout: JSON.parse(x.layout) as Layout }))),
      ),
    pairedDisplays: () =>
      later(client.query({ name: 'displays-paired-all', text: 'SELECT id, name, created_at AS "createdAt", last_seen_at AS "lastSeenAt" FROM displays WHERE revoked_at IS NULL ORDER BY name COLLATE "C", id COLLATE "C"' }).then((r) => r.rows)),
    pairedBy: () => later(client.query({ name: 'displays-paired-by', text: 'SELECT id, paired_by AS "pairedBy" FROM displays' }).then((r) => new Map(r.rows.map((x) => [x.id, x.pairedBy])))),
    revokedDisplays: (limit) =>
      later(
        client
          .query({
            name: 'displays-revoked',
            text: 'SELECT id, name, created_at AS "createdAt", paired_by AS "pairedBy", revoked_at AS "revokedAt", revoked_by AS "revokedBy" FROM displays WHERE revoked_at IS NOT NULL ORDER BY revoked_at DESC, id COLLATE "C" LIMIT $1',
            values: [limit],
          })
          .then((r) => r.rows),
      ),
    apiClientByKeyHash: (hash) => apiClient('api-clients-by-key', 'key_hash', hash),
    activeDisplay: (tokenHash) => first('displays-active', `${DISPLAY} WHERE token_hash = $1 AND revoked_at IS NULL`, [tokenHash]),
    display: (id) => first('displays-by-id', `${DISPLAY} WHERE id = $1`, [id]),
    pairedDisplay: (id) => first('displays-paired', 'SELECT id, name, created_at AS "createdAt", last_seen_at AS "lastSeenAt" FROM displays WHERE id = $1 AND revoked_at IS NULL', [id]),
    addDisplay: (id, name, tokenHash, at, pairedBy) => run('displays-add', 'INSERT INTO displays (id, name, token_hash, created_at, paired_by) VALUES ($1, $2, $3, $4, $5)', [id, name, tokenHash, at, pairedBy]),
    revokeDisplay: (id, at, by) => run('displays-revoke', 'UPDATE displays SET revoked_at = $2, revoked_by = $3 WHERE id = $1 AND revoked_at IS NULL', [id, at, by]),
    layout: (displayId) =>
      later(
        client
          .query({ name: 'layouts-get', text: 'SELECT display_id AS "displayId", layout, seq, assigned_at AS "assignedAt", assigned_by AS "assignedBy" FROM display_layouts WHERE display_id = $1', values: [displayId] })
          .then((r) => (r.rows[0] ? { ...r.rows[0], layout: JSON.parse(r.rows[0].layout) as Layout } : null)),
      ),
    indicatorHistory: (indicatorId, limit) =>
      later(
        client
          .query<IndicatorEventRow>({
            name: 'indicators-history',
            text: `SELECT seq, at, type, actor_role AS "actorRole", payload FROM events
                   WHERE type IN ('indicator.recorded', 'indicator.corrected') AND (payload::json)->>'indicatorId' = $1 ORDER BY seq DESC LIMIT $2`,
            values: [indicatorId, limit],
          })
          .then((r) => r.rows.map(indicatorHistoryEntry)),
      ),
    indicatorValues: (fromPeriod) =>
      later(
        client
          .query({
            name: 'indicators-since',
            text: 'SELECT indicator_id AS "indicatorId", period, value, at, seq, source, corrections FROM indicator_values WHERE period >= $1 ORDER BY indicator_id COLLATE "C", period COLLATE "C"',
            values: [fromPeriod],
          })
          .then((r) => r.rows),
      ),
    indicatorValue: (indicatorId, period) =>
      first('indicators-get', 'SELECT indicator_id AS "indicatorId", period, value, at, seq, source, corrections FROM indicator_values WHERE indicator_id = $1 AND period = $2', [indicatorId, period]),
  };
}
