import type { Ctx } from '../commands/context.js';
import type { CatchUp } from '../contract/events.js';
import { planCatchUp } from '../domain/catchup.js';
import { cameraView } from '../domain/views.js';
import { encodeMarkers } from '../contract/marker-columns.js';
import type { Ports } from '../store/ports.js';
import type { Step } from '../store/step.js';

type Client = { storeId?: string | null; seq?: number; snapshot?: 'columns' };

/** What a screen gets on (re)connect: a delta since the seq it last applied, or a fresh snapshot. */
export const catchUp = (ctx: Ctx, client: Client, limit: number): Promise<CatchUp> => ctx.store.query((p) => catchUpStep(p, ctx.store.storeId, client, limit));

/**
 * catchUp on either store (server/store/step.ts), in the caller's one read transaction: the markers and the seq they
 * correspond to come from the same instant (SQLite's deferred read, PostgreSQL's REPEATABLE READ).
 */
export function* catchUpStep(p: Ports, storeId: string, client: Client, limit: number): Step<CatchUp> {
  const seq = yield* p.reports.headSeq();
  const plan = planCatchUp(client, { storeId, headSeq: seq, limit });
  const headAt = yield* p.reports.headAt();
  const cameras = (yield* p.cameras.list()).map(cameraView);
  if (plan.kind === 'delta') return { kind: 'delta', storeId, fromSeq: plan.fromSeq, seq, markers: yield* p.reports.markersChangedSince(plan.fromSeq), cameras, headAt };
  const markers = yield* p.reports.allMarkers();
  const base = { kind: 'snapshot' as const, storeId, seq, cameras, headAt };
  return client.snapshot === 'columns' ? { ...base, columns: encodeMarkers(markers) } : { ...base, markers };
}

/** A cameras-only screen's catch-up: every camera, no markers (it orders camera events by each camera's lastSeq). */
export const camerasCatchUp = (ctx: Ctx): Promise<CatchUp> => ctx.store.query((p) => camerasCatchUpStep(p, ctx.store.storeId));

/** camerasCatchUp on either store. */
export function* camerasCatchUpStep(p: Ports, storeId: string): Step<CatchUp> {
  const seq = yield* p.reports.headSeq();
  return { kind: 'snapshot', storeId, seq, markers: [], cameras: (yield* p.cameras.list()).map(cameraView), headAt: yield* p.reports.headAt() };
}
