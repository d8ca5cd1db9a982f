import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Store } from '../store/index.js';
import type { Actor } from '../contract/roles.js';
import { may } from '../domain/access.js';
import { refuse } from '../domain/reports.js';
import { commit, type Committed, type Ctx, type Result } from './context.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export const DISPLAY_PAIRED = 'display.paired';
export const DISPLAY_REVOKED = 'display.revoked';

const displayEvent = (ctx: Ctx, actor: Actor, type: `display.${string}`, payload: Record<string, unknown>): Committed => {
  const event = { type, reportId: null, at: ctx.now().toISOString(), actor, payload };
  return { event: { ...event, seq: ctx.store.events.append(event) }, report: null };
};

/**
 * Pairs a wall display: the token is shown once; only its hash is stored. It never expires unless revoked.
 * Pairing is an event (who paired which screen, when); a token already paired answers its display again.
 */
export function pairDisplay(ctx: Ctx, actor: Actor, name: string, token = randomBytes(24).toString('base64url')): { id: string; token: string } {
  return commit(ctx, (): [{ id: string; token: string }, Committed[]] => {
    const existing = ctx.store.displays.findActive(hashToken(token));
    if (existing) return [{ id: existing.id, token }, []];
    const id = randomUUID();
    ctx.store.displays.add(id, name, hashToken(token), ctx.now().toISOString(), actor.name ?? actor.id);
    return [{ id, token }, [displayEvent(ctx, actor, DISPLAY_PAIRED, { displayId: id, name })]];
  });
}

/** Revokes a display's token: an event, after which the realtime layer disconnects that screen on every hub. */
export function revokeDisplay(ctx: Ctx, actor: Actor, displayId: string): Result<{ id: string; revokedAt: string }> {
  if (!may(actor, 'displays.manage')) return refuse('forbidden', `${actor.role} may not revoke displays`);
  return commit(ctx, (): [Result<{ id: string; revokedAt: string }>, Committed[]] => {
    const d = ctx.store.displays.get(displayId);
    if (!d) return [refuse('not_found', `no paired display ${displayId}`, 'id'), []];
    if (d.revokedAt) return [refuse('conflict', `display ${d.name} was already revoked at ${d.revokedAt}`, 'id'), []];
    const at = ctx.now().toISOString();
    ctx.store.displays.revoke(displayId, at, actor.name ?? actor.id);
    return [{ ok: true, value: { id: displayId, revokedAt: at } }, [displayEvent(ctx, actor, DISPLAY_REVOKED, { displayId, name: d.name })]];
  });
}

export function displayActor(store: Store, token: string | undefined | null): Actor | null {
  if (!token || token.length < 24 || token.length > 200) return null;
  const d = store.displays.findActive(hashToken(token));
  return d ? { id: `display:${d.id}`, role: 'wall', name: d.name } : null;
}
