import { command, type Committed, type Ctx, type Result } from './context.js';
import type { Actor } from '../contract/roles.js';
import { DEFAULT_LAYOUT, type DisplayLayoutPush, type DisplayView, type Layout } from '../contract/layouts.js';
import { may } from '../domain/access.js';
import { refuse } from '../domain/reports.js';
import type { RoomWrites } from '../store/room-writes.js';
import type { Step } from '../store/step.js';

import { LAYOUT_ASSIGNED } from '../store/projections/layouts.js';
export { LAYOUT_ASSIGNED };

/** A display's id from its actor (`display:<id>`), or null for anyone else. */
export const displayIdOf = (actor: Actor): string | null => (actor.role === 'wall' && actor.id.startsWith('display:') ? actor.id.slice(8) : null);

/** What one display shows now: its last assigned layout, or the map when nobody assigned one. */
export async function currentLayout(ctx: Ctx, displayId: string): Promise<DisplayLayoutPush> {
  const l = await ctx.store.query((p) => p.room.layout(displayId));
  return l ? { displayId, layout: l.layout, seq: l.seq, at: l.assignedAt } : { displayId, layout: DEFAULT_LAYOUT, seq: 0, at: null };
}

/** A supervisor assigns a layout: an event in the log and the projection in one transaction, then pushed live. */
export async function assignLayout(ctx: Ctx, actor: Actor, displayId: string, layout: Layout): Promise<Result<DisplayLayoutPush>> {
  if (!may(actor, 'displays.manage')) return refuse('forbidden', `${actor.role} may not assign layouts`);
  return command(ctx, (p) => assignLayoutStep(p.room, actor, displayId, layout, ctx.now()));
}

/** assignLayout's transaction, on either store (server/store/step.ts); the caller has checked the role. */
export function* assignLayoutStep(w: RoomWrites, actor: Actor, displayId: string, layout: Layout, now: Date): Step<[Result<DisplayLayoutPush>, Committed[]]> {
  if (!(yield* w.pairedDisplay(displayId))) return [refuse('not_found', `no paired display ${displayId}`, 'id'), []];
  const at = now.toISOString();
  const event = { type: LAYOUT_ASSIGNED as `display.${string}`, reportId: null, at, actor, payload: { displayId, layout } };
  const { seq } = yield* w.append(event);
  return [{ ok: true, value: { displayId, layout, seq, at } }, [{ event: { ...event, seq }, report: null }]];
}

/** Every paired display with its layout and presence, for the console. */
export const listDisplays = (ctx: Ctx, online: (displayId: string) => boolean): Promise<DisplayView[]> => ctx.store.query((p) => listDisplaysStep(p.room, online));

/** listDisplays on either store (server/store/step.ts). */
export function* listDisplaysStep(w: RoomWrites, online: (displayId: string) => boolean): Step<DisplayView[]> {
  const layouts = new Map((yield* w.layouts()).map((l) => [l.displayId, l]));
  const pairedBy = yield* w.pairedBy();
  return (yield* w.pairedDisplays()).map((d) => {
    const l = layouts.get(d.id);
    return {
      id: d.id,
      name: d.name,
      createdAt: d.createdAt,
      pairedBy: pairedBy.get(d.id) ?? null,
      layout: l?.layout ?? DEFAULT_LAYOUT,
      layoutAt: l?.assignedAt ?? null,
      layoutBy: l?.assignedBy ?? null,
      lastSeenAt: d.lastSeenAt,
      online: online(d.id),
    };
  });
}
