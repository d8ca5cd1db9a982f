import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { StepStore } from '../store/ports.js';
import type { Actor } from '../contract/roles.js';
import { may } from '../domain/access.js';
import { refuse } from '../domain/reports.js';
import { command, type Committed, type Ctx, type Result } from './context.js';
import type { RoomWrites } from '../store/room-writes.js';
import type { Step } from '../store/step.js';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export const DISPLAY_PAIRED = 'display.paired';
export const DISPLAY_REVOKED = 'display.revoked';

function* displayEventStep(w: RoomWrites, actor: Actor, type: `display.${string}`, payload: Record<string, unknown>, at: string): Step<Committed> {
  const event = { type, reportId: null, at, actor, payload };
  return { event: { ...event, seq: (yield* w.append(event)).seq }, report: null };
}

type Paired = { id: string; token: string };

/**
 * Pairs a wall display: the token is shown once; only its hash is stored. It never expires unless revoked.
 * Pairing is an event (who paired which screen, when); a token already paired answers its display again.
 */
export function pairDisplay(ctx: Ctx, actor: Actor, name: string, token = randomBytes(24).toString('base64url')): Promise<Paired> {
  return command(ctx, (p) => pairDisplayStep(p.room, actor, name, { id: randomUUID(), token, now: ctx.now() }));
}

/** pairDisplay's transaction, on either store (server/store/step.ts). */
export function* pairDisplayStep(w: RoomWrites, actor: Actor, name: string, made: { id: string; token: string; now: Date }): Step<[Paired, Committed[]]> {
  const { id, token } = made;
  const existing = yield* w.activeDisplay(hashToken(token));
  if (existing) return [{ id: existing.id, token }, []];
  const at = made.now.toISOString();
  yield* w.addDisplay(id, name, hashToken(token), at, actor.name ?? actor.id);
  return [{ id, token }, [yield* displayEventStep(w, actor, DISPLAY_PAIRED, { displayId: id, name }, at)]];
}

type Revoked = { id: string; revokedAt: string };

/** Revokes a display's token: an event, after which the realtime layer disconnects that screen on every hub. */
export async function revokeDisplay(ctx: Ctx, actor: Actor, displayId: string): Promise<Result<Revoked>> {
  if (!may(actor, 'displays.manage')) return refuse('forbidden', `${actor.role} may not revoke displays`);
  return command(ctx, (p) => revokeDisplayStep(p.room, actor, displayId, ctx.now()));
}

/** revokeDisplay's transaction, on either store; the caller has checked the role. */
export function* revokeDisplayStep(w: RoomWrites, actor: Actor, displayId: string, now: Date): Step<[Result<Revoked>, Committed[]]> {
  const d = yield* w.display(displayId);
  if (!d) return [refuse('not_found', `no paired display ${displayId}`, 'id'), []];
  if (d.revokedAt) return [refuse('conflict', `display ${d.name} was already revoked at ${d.revokedAt}`, 'id'), []];
  const at = now.toISOString();
  yield* w.revokeDisplay(displayId, at, actor.name ?? actor.id);
  return [{ ok: true, value: { id: displayId, revokedAt: at } }, [yield* displayEventStep(w, actor, DISPLAY_REVOKED, { displayId, name: d.name }, at)]];
}

/** The paired display behind a token, or null when it is unknown or revoked. */
export function displayActor(store: StepStore, token: string | undefined | null): Promise<Actor | null> {
  return store.query((p) => displayActorStep(p.room, token));
}

/** displayActor on either store (server/store/step.ts). */
export function* displayActorStep(w: RoomWrites, token: string | undefined | null): Step<Actor | null> {
  if (!token || token.length < 24 || token.length > 200) return null;
  const d = yield* w.activeDisplay(hashToken(token));
  return d ? { id: `display:${d.id}`, role: 'wall', name: d.name } : null;
}
