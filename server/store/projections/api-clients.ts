import type { ApiScope } from '../../contract/api-clients.js';
import type { Db } from '../db.js';
import type { StoredEvent } from '../events.js';
import type { ApiClientsTable } from '../api-clients.js';
import type { Projection } from './types.js';

export const isApiClientEvent = (type: string) => type === 'account.api_key_created' || type === 'account.api_key_revoked';

/** What one API key event does (both stores' projections apply it). A revoke of a revoked key changes nothing. */
export type ApiClientChange =
  | { kind: 'created'; client: { id: string; name: string; keyPrefix: string; scopes: ApiScope[]; createdBy: string; createdAt: string; keyHash: string } }
  | { kind: 'revoked'; id: string; at: string; by: string };

export function apiClientChange(e: StoredEvent): ApiClientChange {
  const p = e.payload;
  const id = String(p.apiClientId);
  if (e.type === 'account.api_key_created')
    return { kind: 'created', client: { id, name: String(p.name), keyPrefix: String(p.keyPrefix), scopes: p.scopes as ApiScope[], createdBy: e.actor.id, createdAt: e.at, keyHash: String(p.keyHash ?? `missing:${id}`) } };
  return { kind: 'revoked', id, at: e.at, by: e.actor.id };
}

/** Keys for other systems: created (with the key's SHA-256, never the key) and revoked. */
export function apiClientsProjection(db: Db, apiClients: ApiClientsTable): Projection {
  const rows = db.prepare('SELECT * FROM api_clients ORDER BY id');
  return {
    name: 'api_clients',
    handles: isApiClientEvent,
    project(e: StoredEvent) {
      const c = apiClientChange(e);
      if (c.kind === 'created') apiClients.add(c.client);
      else apiClients.revoke(c.id, c.at, c.by);
      return {};
    },
    snapshot: () => rows.all(),
  };
}
