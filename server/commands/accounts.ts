import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Actor } from '../contract/roles.js';
import type { AccountView, NewAccount } from '../contract/accounts.js';
import { hashPassword, verifyPassword } from '../domain/passwords.js';
import { refuse } from '../domain/reports.js';
import { may, sessionHours } from '../domain/access.js';
import type { AccountRow } from '../store/accounts.js';
import { commit, type Committed, type Ctx, type Result } from './context.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const SESSION_COOKIE = 'pantau_session';

export const accountView = ({ passwordHash: _, ...view }: AccountRow): AccountView => view;
export const accountActor = (a: AccountView): Actor => ({ id: a.id, role: a.role, agencyId: a.agencyId, name: a.name });

/** Account changes are events too: who created, disabled or reset whom, and when. */
function logAccountEvent(ctx: Ctx, actor: Actor, type: `account.${string}`, payload: Record<string, unknown>): Committed {
  const event = { type, reportId: null, at: ctx.now().toISOString(), actor, payload };
  return { event: { ...event, seq: ctx.store.events.append(event) }, report: null };
}

export async function createAccount(ctx: Ctx, actor: Actor, input: NewAccount): Promise<Result<AccountView>> {
  if (!may(actor, 'accounts.manage') && actor.role !== 'system') return refuse('forbidden', `${actor.role} may not create accounts`);
  if (input.agencyId && !ctx.city.profile.agencies.some((a) => a.id === input.agencyId)) return refuse('invalid', `unknown agency ${input.agencyId}`, 'agencyId');
  const passwordHash = await hashPassword(input.password);
  return commit(ctx, (): [Result<AccountView>, Committed[]] => {
    if (ctx.store.accounts.byUsername(input.username)) return [refuse('conflict', `username ${input.username} is taken`, 'username'), []];
    const at = ctx.now().toISOString();
    const row = { id: randomUUID(), username: input.username, name: input.name, role: input.role, agencyId: input.agencyId, passwordHash, createdAt: at };
    ctx.store.accounts.add(row);
    return [
      { ok: true, value: accountView({ ...row, disabled: false }) },
      [logAccountEvent(ctx, actor, 'account.created', { accountId: row.id, username: row.username, role: row.role, agencyId: row.agencyId })],
    ];
  });
}

export function setAccountDisabled(ctx: Ctx, actor: Actor, accountId: string, disabled: boolean): Result<AccountView> {
  if (!may(actor, 'accounts.manage')) return refuse('forbidden', `${actor.role} may not change accounts`);
  if (disabled && accountId === actor.id) return refuse('invalid', 'you cannot disable your own account', 'id');
  return commit(ctx, (): [Result<AccountView>, Committed[]] => {
    const a = ctx.store.accounts.get(accountId);
    if (!a) return [refuse('not_found', `no account ${accountId}`, 'id'), []];
    const at = ctx.now().toISOString();
    ctx.store.accounts.setDisabled(accountId, disabled ? at : null, at);
    return [{ ok: true, value: accountView({ ...a, disabled }) }, [logAccountEvent(ctx, actor, disabled ? 'account.disabled' : 'account.enabled', { accountId })]];
  });
}

export async function resetPassword(ctx: Ctx, actor: Actor, accountId: string, password: string): Promise<Result<AccountView>> {
  if (!may(actor, 'accounts.manage')) return refuse('forbidden', `${actor.role} may not reset passwords`);
  const hash = await hashPassword(password);
  return commit(ctx, (): [Result<AccountView>, Committed[]] => {
    const a = ctx.store.accounts.get(accountId);
    if (!a) return [refuse('not_found', `no account ${accountId}`, 'id'), []];
    ctx.store.accounts.setPassword(accountId, hash, ctx.now().toISOString());
    return [{ ok: true, value: accountView(a) }, [logAccountEvent(ctx, actor, 'account.password_reset', { accountId })]];
  });
}

// A fixed hash to compare against when the username is unknown, so a wrong username takes as long as a wrong password.
let decoy: Promise<string> | null = null;

export async function login(ctx: Ctx, username: string, password: string): Promise<Result<{ account: AccountView; token: string; expiresAt: Date }>> {
  const a = ctx.store.accounts.byUsername(username.trim());
  const ok = await verifyPassword(password, a?.passwordHash ?? (await (decoy ??= hashPassword(randomUUID()))));
  if (!a || !ok || a.disabled) return refuse('unauthenticated', 'wrong username or password, or the account is disabled', 'password');
  const token = randomBytes(32).toString('base64url');
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + sessionHours(a.role) * 3600_000);
  ctx.store.accounts.purgeSessions(now.toISOString());
  ctx.store.accounts.addSession(hashToken(token), a.id, now.toISOString(), expiresAt.toISOString());
  return { ok: true, value: { account: accountView(a), token, expiresAt } };
}

/**
 * A session's name in the realtime layer (its Socket.IO room) and in the log: derived from the token, so it can
 * be recomputed from a socket's cookie, and one-way, so the log never holds anything that opens the session.
 */
export const sessionRef = (token: string): string => createHash('sha256').update(`session-room:${token}`).digest('hex').slice(0, 24);

/** Ends a session on the hub: an event, after which its live sockets are disconnected on every hub. */
export function logout(ctx: Ctx, token: string): void {
  const tokenHash = hashToken(token);
  // '' instead of now: an expired session still names its account, and its sockets must go too.
  const a = ctx.store.accounts.sessionAccount(tokenHash, '');
  commit(ctx, (): [void, Committed[]] => {
    ctx.store.accounts.endSession(tokenHash);
    return [undefined, a ? [logAccountEvent(ctx, accountActor(a), 'account.session_ended', { accountId: a.id, session: sessionRef(token) })] : []];
  });
}

/** The staff member behind a session cookie, or null when it is unknown, expired or disabled. */
export function sessionActor(ctx: Ctx, token: string | undefined | null): Actor | null {
  if (!token || token.length > 200) return null;
  const a = ctx.store.accounts.sessionAccount(hashToken(token), ctx.now().toISOString());
  return a && !a.disabled ? accountActor(a) : null;
}
