import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Logger } from 'pino';
import type { Ctx } from '../commands/context.js';
import { recordProbe } from '../commands/cameras.js';
import type { Probe } from '../domain/cameras.js';
import type { CameraRow } from '../store/cameras.js';

const MAX_SNAPSHOT_BYTES = 8 * 1024 * 1024;
export const SNAPSHOT_WIDTH = 640;

export type MonitorOptions = {
  snapshotsDir: string;
  concurrency: number;
  timeoutMs: number;
  log: Logger;
  /** false: no timer, the caller drives tick() (tests with a fixed clock). */
  timer?: boolean;
};

/** Where the latest snapshot of a camera is kept: one file each, replaced in place, never a growing pile. */
export const snapshotPath = (dir: string, cameraId: string) => join(dir, `${cameraId}.webp`);

/** Fetches one snapshot, measures it, keeps a thumbnail of it. Any failure is a failed probe, never a throw. */
export async function probeCamera(cam: CameraRow, opts: Pick<MonitorOptions, 'snapshotsDir' | 'timeoutMs'>, now: () => Date): Promise<Probe> {
  const started = performance.now();
  const at = now().toISOString();
  const failed = (error: string): Probe => ({ at, ok: false, latencyMs: performance.now() - started, hash: null, luma: null, error });
  if (!cam.snapshotUrl) return failed('no snapshot URL');
  try {
    const headers: Record<string, string> = {};
    if (cam.username) headers.authorization = `Basic ${Buffer.from(`${cam.username}:${cam.password ?? ''}`).toString('base64')}`;
    const res = await fetch(cam.snapshotUrl, { headers, signal: AbortSignal.timeout(opts.timeoutMs), redirect: 'error' });
    if (!res.ok) return failed(`HTTP ${res.status}`);
    const body = Buffer.from(await res.arrayBuffer());
    const latencyMs = performance.now() - started;
    if (body.length === 0 || body.length > MAX_SNAPSHOT_BYTES) return failed(`snapshot of ${body.length} bytes`);
    const image = sharp(body, { limitInputPixels: 40_000_000, failOn: 'error' });
    const [stats, thumb] = await Promise.all([
      image.clone().greyscale().stats(),
      image.clone().rotate().resize(SNAPSHOT_WIDTH, null, { withoutEnlargement: true }).webp({ quality: 70, effort: 2 }).toBuffer(),
    ]);
    const file = snapshotPath(opts.snapshotsDir, cam.id);
    writeFileSync(`${file}.tmp`, thumb);
    renameSync(`${file}.tmp`, file);
    return { at, ok: true, latencyMs, hash: createHash('sha1').update(body).digest('hex'), luma: Math.round(stats.channels[0].mean * 10) / 10 };
  } catch (err) {
    const e = err as Error;
    return failed(e.name === 'TimeoutError' ? 'timeout' : e.message.slice(0, 200));
  }
}

/**
 * Polls every camera on its own interval, a bounded number at a time. Restart-safe: when a camera is due
 * comes from the store (its last probe), not from memory.
 */
export function startCameraMonitor(ctx: Ctx, opts: MonitorOptions): { stop: () => void; tick: () => Promise<number> } {
  mkdirSync(opts.snapshotsDir, { recursive: true });
  const inFlight = new Set<string>();
  let stopped = false;

  /** One round: probes the cameras that are due (at most `concurrency`) and says how many it probed. */
  async function tick(): Promise<number> {
    const now = ctx.now().getTime();
    const due = ctx.store.cameras
      .list()
      .filter((c) => !inFlight.has(c.id) && (!c.lastProbeAt || Date.parse(c.lastProbeAt) + c.intervalS * 1000 <= now))
      .sort((a, b) => (a.lastProbeAt ?? '').localeCompare(b.lastProbeAt ?? ''))
      .slice(0, Math.max(0, opts.concurrency - inFlight.size));
    await Promise.all(
      due.map(async (cam) => {
        inFlight.add(cam.id);
        try {
          const probe = await probeCamera(cam, opts, ctx.now);
          if (!stopped) recordProbe(ctx, cam.id, probe);
        } catch (err) {
          opts.log.error({ err, camera: cam.id }, 'camera probe could not be recorded');
        } finally {
          inFlight.delete(cam.id);
        }
      }),
    );
    return due.length;
  }

  const timer = opts.timer === false ? null : setInterval(() => void tick(), 500);
  timer?.unref();
  return {
    stop: () => {
      stopped = true;
      if (timer) clearInterval(timer);
    },
    tick,
  };
}
