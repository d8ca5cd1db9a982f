import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Actor } from '../contract/roles.js';
import type { AccountView, NewAccount } from '../contract/accounts.js';
import { hashPassword, verifyPassword } from '../domain/passwords.js';
import { refuse } from '../domain/reports.js';
import { may, sessionHours } from '../domain/access.js';
import type { AccountRow } from '../store/accounts.js';
import type { AccountWrites } from '../store/account-writes.js';
import type { Step } from '../store/step.js';
import { command, type Committed, type Ctx, type Result } from './context.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const SESSION_COOKIE = 'pantau_session';

export const accountView = ({ passwordHash: _, ...view }: AccountRow): AccountView => view;
export const accountActor = (a: AccountView): Actor => ({ id: a.id, role: a.role, agencyId: a.agencyId, name: a.name });

/** Account changes are events first (who created, disabled or reset whom, and when); the projector writes the row. */
function* accountEventStep(w: AccountWrites, actor: Actor, type: `account.${string}`, payload: Record<string, unknown>, at: string): Step<Committed> {
  const event = { type, reportId: null, at, actor, payload };
  return { event: { ...event, seq: (yield* w.append(event)).seq }, report: null };
}

export async function createAccount(ctx: Ctx, actor: Actor, input: NewAccount): Promise<Result<AccountView>> {
  if (!may(actor, 'accounts.manage') && actor.role !== 'system') return refuse('forbidden', `${actor.role} may not create accounts`);
  if (input.agencyId && !ctx.city.profile.agencies.some((a) => a.id === input.agencyId)) return refuse('invalid', `unknown agency ${input.agencyId}`, 'agencyId');
  const passwordHash = await hashPassword(input.password);
  return command(ctx, (p) => createAccountStep(p.accounts, actor, input, { id: randomUUID(), passwordHash, now: ctx.now() }));
}

/** createAccount's transaction, on either store (server/store/step.ts); the caller has checked the role and the agency. */
export function* createAccountStep(w: AccountWrites, actor: Actor, input: NewAccount, made: { id: string; passwordHash: string; now: Date }): Step<[Result<AccountView>, Committed[]]> {
  if (yield* w.accountByUsername(input.username)) return [refuse('conflict', `username ${input.username} is taken`, 'username'), []];
  const at = made.now.toISOString();
  const row = { id: made.id, username: input.username, name: input.name, role: input.role, agencyId: input.agencyId, passwordHash: made.passwordHash, createdAt: at };
  // The scrypt hash rides in the event so the log alone gives the account again (see projections/accounts.ts).
  const done = yield* accountEventStep(w, actor, 'account.created', { accountId: row.id, username: row.username, name: row.name, role: row.role, agencyId: row.agencyId, passwordHash: row.passwordHash }, at);
  return [{ ok: true, value: accountView({ ...row, disabled: false }) }, [done]];
}

export async function setAccountDisabled(ctx: Ctx, actor: Actor, accountId: string, disabled: boolean): Promise<Result<AccountView>> {
  if (!may(actor, 'accounts.manage')) return refuse('forbidden', `${actor.role} may not change accounts`);
  if (disabled && accountId === actor.id) return refuse('invalid', 'you cannot disable your own account', 'id');
  return command(ctx, (p) => setDisabledStep(p.accounts, actor, accountId, disabled, ctx.now()));
}

/** setAccountDisabled's transaction, on either store; the caller has checked the role and that it is not their own. */
export function* setDisabledStep(w: AccountWrites, actor: Actor, accountId: string, disabled: boolean, now: Date): Step<[Result<AccountView>, Committed[]]> {
  const a = yield* w.account(accountId);
  if (!a) return [refuse('not_found', `no account ${accountId}`, 'id'), []];
  return [{ ok: true, value: accountView({ ...a, disabled }) }, [yield* accountEventStep(w, actor, disabled ? 'account.disabled' : 'account.enabled', { accountId }, now.toISOString())]];
}

export async function resetPassword(ctx: Ctx, actor: Actor, accountId: string, password: string): Promise<Result<AccountView>> {
  if (!may(actor, 'accounts.manage')) return refuse('forbidden', `${actor.role} may not reset passwords`);
  const hash = await hashPassword(password);
  return command(ctx, (p) => resetPasswordStep(p.accounts, actor, accountId, hash, ctx.now()));
}

/** resetPassword's transaction, on either store; the caller has checked the role and hashed the password. */
export function* resetPasswordStep(w: AccountWrites, actor: Actor, accountId: string, passwordHash: string, now: Date): Step<[Result<AccountView>, Committed[]]> {
  const a = yield* w.account(accountId);
  if (!a) return [refuse('not_found', `no account ${accountId}`, 'id'), []];
  return [{ ok: true, value: accountView(a) }, [yield* accountEventStep(w, actor, 'account.password_reset', { accountId, passwordHash }, now.toISOString())]];
}

// A fixed hash to compare against when the username is unknown, so a wrong username takes as long as a wrong password.
let decoy: Promise<string> | null = null;

export async function login(ctx: Ctx, username: string, password: string): Promise<Result<{ account: AccountView; token: string; expiresAt: Date }>> {
  const a = await ctx.store.query((p) => p.accounts.accountByUsername(username.trim()));
  const ok = await verifyPassword(password, a?.passwordHash ?? (await (decoy ??= hashPassword(randomUUID()))));
  if (!a || !ok || a.disabled) return refuse('unauthenticated', 'wrong username or password, or the account is disabled', 'password');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = await ctx.store.command((p) => startSessionStep(p.accounts, a, hashToken(token), ctx.now()));
  return { ok: true, value: { account: accountView(a), token, expiresAt } };
}

/** A session begun for an account whose password was checked, on either store: until when it lasts. */
export function* startSessionStep(w: AccountWrites, a: AccountView, tokenHash: string, now: Date): Step<Date> {
  const expiresAt = new Date(now.getTime() + sessionHours(a.role) * 3600_000);
  yield* w.purgeSessions(now.toISOString());
  yield* w.addSession(tokenHash, a.id, now.toISOString(), expiresAt.toISOString());
  return expiresAt;
}

/**
 * A session's name in the realtime layer (its Socket.IO room) and in the log: derived from the token, so it can
 * be recomputed from a socket's cookie, and one-way, so the log never holds anything that opens the session.
 */
export const sessionRef = (token: string): string => createHash('sha256').update(`session-room:${token}`).digest('hex').slice(0, 24);

/** Ends a session on the hub: an event, after which its live sockets are disconnected on every hub. */
export function logout(ctx: Ctx, token: string): Promise<void> {
  return command(ctx, (p) => logoutStep(p.accounts, token, ctx.now()));
}

/** logout's transaction, on either store. */
export function* logoutStep(w: AccountWrites, token: string, now: Date): Step<[void, Committed[]]> {
  const tokenHash = hashToken(token);
  // '' instead of now: an expired session still names its account, and its sockets must go too.
  const a = yield* w.sessionAccount(tokenHash, '');
  yield* w.endSession(tokenHash);
  return [undefined, a ? [yield* accountEventStep(w, accountActor(a), 'account.session_ended', { accountId: a.id, session: sessionRef(token) }, now.toISOString())] : []];
}

/** The staff member behind a session cookie, or null when it is unknown, expired or disabled. */
export function sessionActor(ctx: Ctx, token: string | undefined | null): Promise<Actor | null> {
  return ctx.store.query((p) => sessionActorStep(p.accounts, token, ctx.now()));
}

/** sessionActor on either store. */
export function* sessionActorStep(w: AccountWrites, token: string | undefined | null, now: Date): Step<Actor | null> {
  if (!token || token.length > 200) return null;
  const a = yield* w.sessionAccount(hashToken(token), now.toISOString());
  return a && !a.disabled ? accountActor(a) : null;
}
