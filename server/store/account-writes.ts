import type { AccountRow } from './accounts.js';
import type { LogEvent, StoredEvent } from './events.js';
import { now, type Step } from './step.js';
import type { Store } from './index.js';

/**
 * What the account commands (creating, disabling and resetting accounts, signing in and out, a session's actor) read
 * and write, on either store (server/store/step.ts): SQLite's below, PostgreSQL's in pg/account-writes.ts.
 */
export interface AccountWrites {
  account(id: string): Step<AccountRow | null>;
  accountByUsername(username: string): Step<AccountRow | null>;
  /** Every account, by role, agency and username. */
  accounts(): Step<AccountRow[]>;
  /** An agency's active field supervisors, by name. */
  fieldSupervisors(agencyId: string): Step<AccountRow[]>;
  /** Appends an account event and applies it to every projection. */
  append(e: LogEvent): Step<{ seq: number; stored: StoredEvent }>;
  addSession(tokenHash: string, accountId: string, at: string, expiresAt: string): Step<void>;
  /** Drops the sessions that ran out at or before `at`. */
  purgeSessions(at: string): Step<void>;
  endSession(tokenHash: string): Step<void>;
  /** The account a session that runs past `at` belongs to ('' : any session, run out or not). */
  sessionAccount(tokenHash: string, at: string): Step<AccountRow | null>;
}

/** SQLite's: every call answered at once. */
export function sqliteAccountWrites(store: Store): AccountWrites {
  return {
    account: (id) => now(store.accounts.get(id)),
    accountByUsername: (username) => now(store.accounts.byUsername(username)),
    fieldSupervisors: (agencyId) => now(store.accounts.fieldSupervisors(agencyId)),
    accounts: () => now(store.accounts.list()),
    append: (e) => now(store.projector.append(e)),
    addSession: (tokenHash, accountId, at, expiresAt) => now(store.accounts.addSession(tokenHash, accountId, at, expiresAt)),
    purgeSessions: (at) => now(store.accounts.purgeSessions(at)),
    endSession: (tokenHash) => now(store.accounts.endSession(tokenHash)),
    sessionAccount: (tokenHash, at) => now(store.accounts.sessionAccount(tokenHash, at)),
  };
}
