import type { Ctx } from '../commands/context.js';
import { cameraView } from '../domain/views.js';
import type { CameraWithUptime } from '../contract/cameras.js';
import type { CameraWrites } from '../store/camera-writes.js';
import type { Step } from '../store/step.js';

const DAY_MS = 24 * 3600_000;

/** The camera grid: every camera as a screen may see it, with its uptime over the last 24 hours and 7 days. */
export const cameraGrid = (ctx: Ctx): Promise<CameraWithUptime[]> => ctx.store.query((p) => cameraGridStep(p.cameras, ctx.now()));

/** cameraGrid on either store (server/store/step.ts). */
export function* cameraGridStep(w: CameraWrites, now: Date): Step<CameraWithUptime[]> {
  const to = now.toISOString();
  const windowFrom = (ms: number) => new Date(now.getTime() - ms).toISOString();
  // Two grouped queries over the health spans, whatever the number of cameras.
  const day = yield* w.uptimes(windowFrom(DAY_MS), to);
  const week = yield* w.uptimes(windowFrom(7 * DAY_MS), to);
  return (yield* w.list()).map((c) => ({ ...cameraView(c), uptime24h: day.get(c.id) ?? null, uptime7d: week.get(c.id) ?? null }));
}
