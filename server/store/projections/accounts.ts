import type { StaffRole } from '../../contract/accounts.js';
import type { Db } from '../db.js';
import type { StoredEvent } from '../events.js';
import type { AccountRow, AccountsTable } from '../accounts.js';
import type { Projection } from './types.js';

const TYPES = new Set(['account.created', 'account.disabled', 'account.enabled', 'account.password_reset']);
export const isAccountEvent = (type: string) => TYPES.has(type);

/** What one account event does to the accounts (both stores' projections apply it: the rule is here once). */
export type AccountChange =
  | { kind: 'created'; account: Omit<AccountRow, 'disabled'> }
  | { kind: 'disabled'; id: string; disabledAt: string | null; at: string }
  | { kind: 'password'; id: string; passwordHash: string; at: string };

export function accountChange(e: StoredEvent): AccountChange {
  const p = e.payload;
  const id = String(p.accountId);
  if (e.type === 'account.created')
    return { kind: 'created', account: { id, username: String(p.username), name: String(p.name ?? p.username), role: p.role as StaffRole, agencyId: (p.agencyId as string | null) ?? null, passwordHash: String(p.passwordHash ?? ''), createdAt: e.at } };
  if (e.type === 'account.disabled') return { kind: 'disabled', id, disabledAt: e.at, at: e.at };
  if (e.type === 'account.enabled') return { kind: 'disabled', id, disabledAt: null, at: e.at };
  return { kind: 'password', id, passwordHash: String(p.passwordHash ?? ''), at: e.at };
}

/** Whether an account change ends the account's sessions: a disabled account and a reset password sign it out everywhere. */
export const endsSessions = (c: AccountChange): c is Exclude<AccountChange, { kind: 'created' }> => (c.kind === 'disabled' && c.disabledAt !== null) || c.kind === 'password';

/**
 * Staff accounts: created, disabled, enabled, password reset. The events carry the password's scrypt hash (never the
 * password), so the log alone gives the accounts again; no screen or export shows an account event's payload.
 * Sessions are not a projection: a login is not a state change of the city's record.
 */
export function accountsProjection(db: Db, accounts: AccountsTable): Projection {
  const rows = db.prepare('SELECT id, username, name, role, agency_id, password_hash, disabled_at, created_at, updated_at FROM accounts ORDER BY id');
  return {
    name: 'accounts',
    handles: isAccountEvent,
    project(e: StoredEvent) {
      const c = accountChange(e);
      if (c.kind === 'created') accounts.add(c.account);
      else if (c.kind === 'disabled') accounts.setDisabled(c.id, c.disabledAt, c.at);
      else accounts.setPassword(c.id, c.passwordHash, c.at);
      if (endsSessions(c)) accounts.endSessionsOf(c.id);
      return {};
    },
    snapshot: () => rows.all(),
  };
}
