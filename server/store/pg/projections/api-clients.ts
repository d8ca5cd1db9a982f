import { ownTx } from '../../event-log.js';
import { apiClientChange, isApiClientEvent } from '../../projections/api-clients.js';
import { PgTx } from '../transactions.js';
import type { PgProjection } from './types.js';

/** API keys on PostgreSQL: the SQLite projection's change (apiClientChange) written with the same effect. */
export function pgApiClientsProjection(): PgProjection {
  return {
    name: 'api_clients',
    handles: isApiClientEvent,
    async project(tx, e) {
      const { client } = ownTx(tx, PgTx);
      const c = apiClientChange(e);
      if (c.kind === 'created') {
        const k = c.client;
        await client.query({
          name: 'api-clients-add',
          text: 'INSERT INTO api_clients (id, name, key_prefix, key_hash, scopes, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          values: [k.id, k.name, k.keyPrefix, k.keyHash, JSON.stringify(k.scopes), k.createdBy, k.createdAt],
        });
      } else
        await client.query({ name: 'api-clients-revoke', text: 'UPDATE api_clients SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND revoked_at IS NULL', values: [c.at, c.by, c.id] });
      return {};
    },
    snapshot: async (db) =>
      (await db.query('SELECT id, name, key_prefix, key_hash, scopes, created_by, created_at, revoked_at, revoked_by FROM api_clients ORDER BY id COLLATE "C"')).rows,
  };
}
