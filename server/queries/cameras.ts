import type { Ctx } from '../commands/context.js';
import { cameraView } from '../domain/views.js';
import type { CameraWithUptime } from '../contract/cameras.js';

const DAY_MS = 24 * 3600_000;

/** The camera grid: every camera as a screen may see it, with its uptime over the last 24 hours and 7 days. */
export function cameraGrid(ctx: Ctx): CameraWithUptime[] {
  const now = ctx.now();
  const to = now.toISOString();
  const windowFrom = (ms: number) => new Date(now.getTime() - ms).toISOString();
  // Two grouped queries over the health spans, whatever the number of cameras.
  const day = ctx.store.cameras.uptimes(windowFrom(DAY_MS), to);
  const week = ctx.store.cameras.uptimes(windowFrom(7 * DAY_MS), to);
  return ctx.store.cameras.list().map((c) => ({ ...cameraView(c), uptime24h: day.get(c.id) ?? null, uptime7d: week.get(c.id) ?? null }));
}
