import { ownTx } from '../../event-log.js';
import { accountChange, endsSessions, isAccountEvent } from '../../projections/accounts.js';
import { PgTx } from '../transactions.js';
import type { PgProjection } from './types.js';

/** Staff accounts on PostgreSQL: the SQLite projection's change (accountChange) written with the same effect. */
export function pgAccountsProjection(): PgProjection {
  return {
    name: 'accounts',
    handles: isAccountEvent,
    async project(tx, e) {
      const { client } = ownTx(tx, PgTx);
      const c = accountChange(e);
      if (c.kind === 'created') {
        const a = c.account;
        await client.query({
          name: 'accounts-add',
          text: `INSERT INTO accounts (id, username, name, role, agency_id, password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
          values: [a.id, a.username, a.name, a.role, a.agencyId, a.passwordHash, a.createdAt],
        });
      } else if (c.kind === 'disabled')
        await client.query({ name: 'accounts-disabled', text: 'UPDATE accounts SET disabled_at = $1, updated_at = $2 WHERE id = $3', values: [c.disabledAt, c.at, c.id] });
      else await client.query({ name: 'accounts-password', text: 'UPDATE accounts SET password_hash = $1, updated_at = $2 WHERE id = $3', values: [c.passwordHash, c.at, c.id] });
      if (endsSessions(c)) await client.query({ name: 'sessions-end-of', text: 'DELETE FROM sessions WHERE account_id = $1', values: [c.id] });
      return {};
    },
    // COLLATE "C": SQLite's byte order, whatever the database's collation.
    snapshot: async (db) =>
      (await db.query('SELECT id, username, name, role, agency_id, password_hash, disabled_at, created_at, updated_at FROM accounts ORDER BY id COLLATE "C"')).rows,
  };
}
