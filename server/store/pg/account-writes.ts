import type { AccountWrites } from '../account-writes.js';
import type { AccountRow } from '../accounts.js';
import { ownTx, type Tx } from '../event-log.js';
import { later } from '../step.js';
import type { PgProjector } from './projector.js';
import { PgTx } from './transactions.js';
import { statements } from './statements.js';

const ACCOUNT = `SELECT a.id, a.username, a.name, a.role, a.agency_id AS "agencyId", a.password_hash AS "passwordHash",
  a.disabled_at IS NOT NULL AS disabled, a.created_at AS "createdAt" FROM accounts a`;

/** server/store/account-writes.ts on PostgreSQL: each call a round trip on the transaction's connection. */
export function pgAccountWrites(tx: Tx, projector: PgProjector): AccountWrites {
  const { client } = ownTx(tx, PgTx);
  const { first, run } = statements(client);
  const row = (name: string, text: string, values: unknown[]) => first<AccountRow>(name, text, values);
  return {
    account: (id) => row('accounts-by-id', `${ACCOUNT} WHERE a.id = $1`, [id]),
    // SQLite's username is COLLATE NOCASE; the contract takes only lower-case usernames, and the index is on lower().
    accountByUsername: (username) => row('accounts-by-username', `${ACCOUNT} WHERE lower(a.username) = lower($1)`, [username]),
    // SQLite sorts a NULL agency first, PostgreSQL last unless told.
    accounts: () =>
      later(client.query({ name: 'accounts-all', text: `${ACCOUNT} ORDER BY a.role COLLATE "C", a.agency_id COLLATE "C" NULLS FIRST, a.username COLLATE "C", a.id COLLATE "C"` }).then((r) => r.rows as AccountRow[])),
    fieldSupervisors: (agencyId) =>
      later(
        client
          .query({ name: 'accounts-field-of', text: `${ACCOUNT} WHERE a.role = 'field' AND a.agency_id = $1 AND a.disabled_at IS NULL ORDER BY a.name COLLATE "C", a.id COLLATE "C"`, values: [agencyId] })
          .then((r) => r.rows as AccountRow[]),
      ),
    append: (e) => later(projector.append(tx, e)),
    addSession: (tokenHash, accountId, at, expiresAt) =>
      run('sessions-add', 'INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [tokenHash, accountId, at, expiresAt]),
    purgeSessions: (at) => run('sessions-purge', 'DELETE FROM sessions WHERE expires_at <= $1', [at]),
    endSession: (tokenHash) => run('sessions-end', 'DELETE FROM sessions WHERE token_hash = $1', [tokenHash]),
    sessionAccount: (tokenHash, at) => row('sessions-account', `${ACCOUNT} JOIN sessions s ON s.account_id = a.id WHERE s.token_hash = $1 AND s.expires_at > $2`, [tokenHash, at]),
  };
}
