import type { Ctx } from '../commands/context.js';
import type { CatchUp } from '../contract/events.js';
import { planCatchUp } from '../domain/catchup.js';
import { cameraView } from '../domain/views.js';
import { encodeMarkers } from '../contract/marker-columns.js';

/** What a screen gets on (re)connect: a delta since the seq it last applied, or a fresh snapshot. */
export function catchUp(ctx: Ctx, client: { storeId?: string | null; seq?: number; snapshot?: 'columns' }, limit: number): CatchUp {
  const { store } = ctx;
  // One read transaction: the markers and the seq they correspond to come from the same instant.
  return store.read((): CatchUp => {
    const seq = store.events.headSeq();
    const plan = planCatchUp(client, { storeId: store.storeId, headSeq: seq, limit });
    const cameras = store.cameras.list().map(cameraView);
    const headAt = store.events.headAt();
    if (plan.kind === 'snapshot') {
      const markers = store.reports.allMarkers();
      const head = { kind: 'snapshot' as const, storeId: store.storeId, seq, cameras, headAt };
      return client.snapshot === 'columns' ? { ...head, columns: encodeMarkers(markers) } : { ...head, markers };
    }
    return { kind: 'delta', storeId: store.storeId, fromSeq: plan.fromSeq, seq, markers: store.reports.markersChangedSince(plan.fromSeq), cameras, headAt };
  });
}

/** A cameras-only screen's catch-up: every camera, no markers (it orders camera events by each camera's lastSeq). */
export function camerasCatchUp(ctx: Ctx): CatchUp {
  const { store } = ctx;
  return store.read((): CatchUp => ({
    kind: 'snapshot', storeId: store.storeId, seq: store.events.headSeq(), markers: [], cameras: store.cameras.list().map(cameraView), headAt: store.events.headAt(),
  }));
}
