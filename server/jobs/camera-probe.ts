import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { isDim, mustMeasureBrightness, type Brightness, type Probe } from '../domain/cameras.js';
import { frameToKeep, measureLuma } from '../media/camera-snapshot.js';
import { jpegMeanLuma } from '../media/jpeg-luma.js';
import type { CameraRow } from '../store/cameras.js';
import { getBytes } from './camera-http.js';

const MAX_SNAPSHOT_BYTES = 8 * 1024 * 1024;
const MAX_PLAYLIST_BYTES = 1024 * 1024;

/** Where the latest snapshot of a camera is kept: one JPEG each, replaced in place, never a growing pile. */
export const snapshotPath = (dir: string, cameraId: string) => join(dir, `${cameraId}.jpg`);

export type ProbeOptions = { snapshotsDir: string; timeoutMs: number; /** Aborts every request under way (the prober stopping). */ stop?: AbortSignal };

const requestSignal = (opts: ProbeOptions) => (opts.stop ? AbortSignal.any([AbortSignal.timeout(opts.timeoutMs), opts.stop]) : AbortSignal.timeout(opts.timeoutMs));

/** What the monitor remembers of each camera between probes (lost on restart: the first probe measures again). */
export type LastFrame = Brightness & { hash: string };

/** A probe, and the frame to keep as the camera's latest snapshot when it brought a new one. */
export type Look = { probe: Probe; frame: Buffer | null };

/** A failed request in the probe's words: the timeout is 'timeout' (node's AbortError carries it as its cause). */
function probeError(err: unknown): string {
  const e = err as Error;
  const timedOut = e.name === 'TimeoutError' || (e.cause as Error | undefined)?.name === 'TimeoutError';
  return timedOut ? 'timeout' : e.message.slice(0, 200);
}

/** Basic auth from the camera's own credentials: they stay on the hub, the camera sees them, no browser does. */
export function cameraHeaders(cam: Pick<CameraRow, 'username' | 'password'>): Record<string, string> {
  return cam.username ? { authorization: `Basic ${Buffer.from(`${cam.username}:${cam.password ?? ''}`).toString('base64')}` } : {};
}

/**
 * One look at a camera's snapshot: GET it (camera-http.ts), hash the bytes as received (the same bytes again is a frozen
 * camera), brightness from a reduced decode, and the frame to keep as the latest snapshot (the caller keeps it,
 * see camera-snapshots.ts). Any failure is a failed probe, never a throw.
 */
export async function probeSnapshot(cam: CameraRow, opts: ProbeOptions, now: () => Date, memory: Map<string, LastFrame>): Promise<Look> {
  const started = performance.now();
  const at = now().toISOString();
  const failed = (error: string): Look => ({ probe: { at, ok: false, latencyMs: performance.now() - started, hash: null, luma: null, error }, frame: null });
  if (!cam.snapshotUrl) return failed('no snapshot URL');
  try {
    const body = await getBytes(cam.snapshotUrl, { headers: cameraHeaders(cam), signal: requestSignal(opts), maxBytes: MAX_SNAPSHOT_BYTES });
    const latencyMs = performance.now() - started;
    if (body.length === 0) return failed('snapshot of 0 bytes');
    const hash = createHash('sha1').update(body).digest('hex');
    const last = memory.get(cam.id);
    // The same bytes as last time (a frozen camera): same brightness, same file; nothing to decode or write.
    if (last?.hash === hash) return { probe: { at, ok: true, latencyMs, hash, luma: last.luma }, frame: null };
    const frame = { bytes: body.length, at };
    let luma: number;
    if (!last || mustMeasureBrightness(last, frame)) {
      // The DC estimate costs a fraction of a libvips call; a dim or unreadable frame is measured as before.
      const estimate = jpegMeanLuma(body);
      luma = estimate !== null && !isDim(estimate) ? estimate : await measureLuma(body);
      memory.set(cam.id, { luma, ...frame, hash });
    } else {
      luma = last.luma;
      memory.set(cam.id, { ...last, hash });
    }
    return { probe: { at, ok: true, latencyMs, hash, luma }, frame: await frameToKeep(body) };
  } catch (err) {
    return failed(probeError(err));
  }
}

/** The media sequence of an HLS media playlist plus its segment count: it moves on while the camera streams. */
export function playlistPosition(text: string): number | null {
  if (!text.startsWith('#EXTM3U')) return null;
  const seq = /#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(text);
  const segments = text.split('\n').filter((l) => l.startsWith('#EXTINF')).length;
  if (!segments) return null;
  return (seq ? Number(seq[1]) : 0) + segments;
}

/**
 * One look at an HLS camera: read its playlist (a master playlist's first variant). The media sequence
 * advancing is a live camera; the same position again and again is a frozen one (the health rules see it as
 * the same "frame"). No video is decoded: brightness comes from the snapshot when the camera has one.
 */
export async function probePlaylist(cam: CameraRow, opts: ProbeOptions, now: () => Date): Promise<Probe> {
  const started = performance.now();
  const at = now().toISOString();
  const failed = (error: string): Probe => ({ at, ok: false, latencyMs: performance.now() - started, hash: null, luma: null, error });
  if (!cam.streamUrl) return failed('no stream URL');
  try {
    let url = cam.streamUrl;
    for (let hop = 0; hop < 2; hop++) {
      const text = (await getBytes(url, { headers: cameraHeaders(cam), signal: requestSignal(opts), maxBytes: MAX_PLAYLIST_BYTES })).toString('utf8');
      if (text.includes('#EXT-X-STREAM-INF')) {
        const variant = text.split('\n').find((l) => l.trim() && !l.startsWith('#'));
        if (!variant) return failed('master playlist without variants');
        url = new URL(variant.trim(), url).toString();
        continue;
      }
      const position = playlistPosition(text);
      if (position === null) return failed('not an HLS playlist');
      return { at, ok: true, latencyMs: performance.now() - started, hash: `hls:${position}`, luma: null };
    }
    return failed('playlist nested too deep');
  } catch (err) {
    return failed(probeError(err));
  }
}
