import type { ApiScope } from '../../contract/api-clients.js';
import type { Db } from '../db.js';
import type { StoredEvent } from '../events.js';
import type { ApiClientsTable } from '../api-clients.js';
import type { Projection } from './types.js';

/** Keys for other systems: created (with the key's SHA-256, never the key) and revoked. */
export function apiClientsProjection(db: Db, apiClients: ApiClientsTable): Projection {
  const rows = db.prepare('SELECT * FROM api_clients ORDER BY id');
  return {
    name: 'api_clients',
    handles: (type) => type === 'account.api_key_created' || type === 'account.api_key_revoked',
    project(e: StoredEvent) {
      const p = e.payload;
      const id = String(p.apiClientId);
      if (e.type === 'account.api_key_created')
        apiClients.add({ id, name: String(p.name), keyPrefix: String(p.keyPrefix), scopes: p.scopes as ApiScope[], createdBy: e.actor.id, createdAt: e.at, keyHash: String(p.keyHash ?? `missing:${id}`) });
      else apiClients.revoke(id, e.at, e.actor.id);
      return {};
    },
    snapshot: () => rows.all(),
  };
}
