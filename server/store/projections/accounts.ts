import type { StaffRole } from '../../contract/accounts.js';
import type { Db } from '../db.js';
import type { StoredEvent } from '../events.js';
import type { AccountsTable } from '../accounts.js';
import type { Projection } from './types.js';

/**
 * Staff accounts: created, disabled, enabled, password reset. The events carry the password's scrypt hash (never the
 * password), so the log alone gives the accounts again; no screen or export shows an account event's payload.
 * Sessions are not a projection: a login is not a state change of the city's record.
 */
export function accountsProjection(db: Db, accounts: AccountsTable): Projection {
  const rows = db.prepare('SELECT id, username, name, role, agency_id, password_hash, disabled_at, created_at, updated_at FROM accounts ORDER BY id');
  const TYPES = new Set(['account.created', 'account.disabled', 'account.enabled', 'account.password_reset']);
  return {
    name: 'accounts',
    handles: (type) => TYPES.has(type),
    project(e: StoredEvent) {
      const p = e.payload;
      const id = String(p.accountId);
      if (e.type === 'account.created')
        accounts.add({ id, username: String(p.username), name: String(p.name ?? p.username), role: p.role as StaffRole, agencyId: (p.agencyId as string | null) ?? null, passwordHash: String(p.passwordHash ?? ''), createdAt: e.at });
      else if (e.type === 'account.disabled') accounts.setDisabled(id, e.at, e.at);
      else if (e.type === 'account.enabled') accounts.setDisabled(id, null, e.at);
      else accounts.setPassword(id, String(p.passwordHash ?? ''), e.at);
      return {};
    },
    snapshot: () => rows.all(),
  };
}
