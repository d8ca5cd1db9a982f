import type { Ctx } from '../commands/context.js';
import type { CatchUp } from '../contract/events.js';
import type { CameraPublic } from '../contract/cameras.js';
import type { MarkerTuple } from '../contract/reports.js';
import { planCatchUp, type CatchUpPlan } from '../domain/catchup.js';
import { cameraView } from '../domain/views.js';
import { encodeMarkers } from '../contract/marker-columns.js';
import type { PgStore } from '../store/pg/index.js';
import { pgCatchUpReads } from '../store/pg/catch-up-reads.js';

type Client = { storeId?: string | null; seq?: number; snapshot?: 'columns' };
type Head = { storeId: string; seq: number; at: string | null; cameras: CameraPublic[] };

/** The catch-up message from what one read transaction saw: the same on both stores. */
function catchUpMessage(client: Client, plan: CatchUpPlan, head: Head, markers: MarkerTuple[]): CatchUp {
  const { storeId, seq, cameras, at: headAt } = head;
  if (plan.kind === 'snapshot') {
    const base = { kind: 'snapshot' as const, storeId, seq, cameras, headAt };
    return client.snapshot === 'columns' ? { ...base, columns: encodeMarkers(markers) } : { ...base, markers };
  }
  return { kind: 'delta', storeId, fromSeq: plan.fromSeq, seq, markers, cameras, headAt };
}

/** What a screen gets on (re)connect: a delta since the seq it last applied, or a fresh snapshot. */
export function catchUp(ctx: Ctx, client: Client, limit: number): CatchUp {
  const { store } = ctx;
  // One read transaction: the markers and the seq they correspond to come from the same instant.
  return store.read((): CatchUp => {
    const seq = store.events.headSeq();
    const plan = planCatchUp(client, { storeId: store.storeId, headSeq: seq, limit });
    const head = { storeId: store.storeId, seq, at: store.events.headAt(), cameras: store.cameras.list().map(cameraView) };
    return catchUpMessage(client, plan, head, plan.kind === 'snapshot' ? store.reports.allMarkers() : store.reports.markersChangedSince(plan.fromSeq));
  });
}

/** catchUp on PostgreSQL: the same plan and message from one REPEATABLE READ snapshot. */
export async function pgCatchUp(pg: PgStore, client: Client, limit: number): Promise<CatchUp> {
  return pg.transactions.read(async (tx) => {
    const { seq, at } = await pgCatchUpReads.head(tx);
    const plan = planCatchUp(client, { storeId: pg.storeId, headSeq: seq, limit });
    const head = { storeId: pg.storeId, seq, at, cameras: (await pgCatchUpReads.cameras(tx)).map((c) => cameraView(c)) };
    return catchUpMessage(client, plan, head, plan.kind === 'snapshot' ? await pgCatchUpReads.allMarkers(tx) : await pgCatchUpReads.markersChangedSince(tx, plan.fromSeq));
  });
}

/** A cameras-only screen's catch-up: every camera, no markers (it orders camera events by each camera's lastSeq). */
export function camerasCatchUp(ctx: Ctx): CatchUp {
  const { store } = ctx;
  return store.read((): CatchUp => ({
    kind: 'snapshot', storeId: store.storeId, seq: store.events.headSeq(), markers: [], cameras: store.cameras.list().map(cameraView), headAt: store.events.headAt(),
  }));
}
