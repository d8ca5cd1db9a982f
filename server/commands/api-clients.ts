import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Actor } from '../contract/roles.js';
import { API_KEY_PREFIX, type ApiClientView, type NewApiClient } from '../contract/api-clients.js';
import { may } from '../domain/access.js';
import { refuse } from '../domain/reports.js';
import { command, type Committed, type Ctx, type Result } from './context.js';
import type { RoomWrites } from '../store/room-writes.js';
import type { Step } from '../store/step.js';

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** Creating and revoking keys are audited like account changes: who gave which system access, and when. */
function* keyEventStep(w: RoomWrites, actor: Actor, type: 'account.api_key_created' | 'account.api_key_revoked', payload: Record<string, unknown>, at: string): Step<Committed> {
  const event = { type, reportId: null, at, actor, payload };
  return { event: { ...event, seq: (yield* w.append(event)).seq }, report: null };
}

type Created = { client: ApiClientView; key: string };

/** Creates a key for one system. The key is in the answer once; the hub keeps only its hash. */
export async function createApiClient(ctx: Ctx, actor: Actor, input: NewApiClient): Promise<Result<Created>> {
  if (!may(actor, 'api_clients.manage') && actor.role !== 'system') return refuse('forbidden', `${actor.role} may not create API keys`);
  // pk_ + 32 random bytes: unguessable, and recognisable in an Authorization header next to display tokens.
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return command(ctx, (p) => createApiClientStep(p.room, actor, input, { id: randomUUID(), key, now: ctx.now() }));
}

/** createApiClient's transaction, on either store (server/store/step.ts); the caller has checked the role. */
export function* createApiClientStep(w: RoomWrites, actor: Actor, input: NewApiClient, made: { id: string; key: string; now: Date }): Step<[Result<Created>, Committed[]]> {
  const { key } = made;
  const client: ApiClientView = {
    id: made.id,
    name: input.name,
    keyPrefix: key.slice(0, API_KEY_PREFIX.length + 6),
    scopes: [...new Set(input.scopes)],
    createdBy: actor.id,
    createdAt: made.now.toISOString(),
    revokedAt: null,
  };
  // The key's SHA-256 rides in the event (never the key), so the log alone gives the keys again.
  const done = yield* keyEventStep(w, actor, 'account.api_key_created', { apiClientId: client.id, name: client.name, scopes: client.scopes, keyPrefix: client.keyPrefix, keyHash: hashKey(key) }, client.createdAt);
  return [{ ok: true, value: { client, key } }, [done]];
}

export async function revokeApiClient(ctx: Ctx, actor: Actor, id: string): Promise<Result<ApiClientView>> {
  if (!may(actor, 'api_clients.manage')) return refuse('forbidden', `${actor.role} may not revoke API keys`);
  return command(ctx, (p) => revokeApiClientStep(p.room, actor, id, ctx.now()));
}

/** revokeApiClient's transaction, on either store; the caller has checked the role. */
export function* revokeApiClientStep(w: RoomWrites, actor: Actor, id: string, now: Date): Step<[Result<ApiClientView>, Committed[]]> {
  const c = yield* w.apiClient(id);
  if (!c) return [refuse('not_found', `no API client ${id}`, 'id'), []];
  if (c.revokedAt) return [refuse('conflict', `the key of ${c.name} was already revoked at ${c.revokedAt}`, 'id'), []];
  const at = now.toISOString();
  return [{ ok: true, value: { ...c, revokedAt: at } }, [yield* keyEventStep(w, actor, 'account.api_key_revoked', { apiClientId: id, name: c.name }, at)]];
}

export type KeyCheck = { ok: true; actor: Actor } | { ok: false; why: 'missing' | 'unknown' | 'revoked' };

/**
 * The system behind an API key. Every key acts as role 'open311' (the role that may file reports through the
 * open311 channel); what it may do beyond that is in its scopes.
 */
export function apiKeyActor(ctx: Ctx, key: string | undefined | null): Promise<KeyCheck> {
  return ctx.store.query((p) => apiKeyStep(p.room, key));
}

/** apiKeyActor on either store (server/store/step.ts). */
export function* apiKeyStep(w: RoomWrites, key: string | undefined | null): Step<KeyCheck> {
  if (!key) return { ok: false, why: 'missing' };
  if (!key.startsWith(API_KEY_PREFIX) || key.length > 200) return { ok: false, why: 'unknown' };
  const c = yield* w.apiClientByKeyHash(hashKey(key));
  if (!c) return { ok: false, why: 'unknown' };
  if (c.revokedAt) return { ok: false, why: 'revoked' };
  return { ok: true, actor: { id: `api:${c.id}`, role: 'open311', name: c.name, scopes: c.scopes } };
}

export const isApiKey = (token: string | undefined): boolean => Boolean(token?.startsWith(API_KEY_PREFIX));
