import { parentPort, workerData } from 'node:worker_threads';
import type { Probe } from '../domain/cameras.js';
import { SnapshotFiles } from './camera-snapshots.js';
import { probePlaylist, probeSnapshot, type LastFrame, type Look, type ProbeOptions } from './camera-probe.js';
import type { ProbeReply, ProbeRequest } from './camera-prober.js';
import type { CameraRow } from '../store/cameras.js';

/**
 * The camera prober's thread (camera-prober.ts starts it): fetches, hashes, measures and keeps each camera's frame,
 * so the hub's main thread, which serves the screens, only records the probes. What it remembers of each camera
 * (the last frame's hash and brightness) lives here and is lost with the thread, as with a restart.
 */
const stopping = new AbortController();
const opts: ProbeOptions = { ...(workerData as { options: ProbeOptions }).options, stop: stopping.signal };
const memory = new Map<string, LastFrame>();
const snapshots = new SnapshotFiles(opts.snapshotsDir);

/**
 * One probe of one camera, whatever it offers. An HLS camera's health comes from its playlist; its snapshot,
 * when it has one, still gives the latest frame and its brightness.
 */
async function probeCamera(cam: CameraRow, now: () => Date): Promise<Look> {
  if (!cam.streamUrl) return probeSnapshot(cam, opts, now, memory);
  const live = await probePlaylist(cam, opts, now);
  if (!live.ok || !cam.snapshotUrl) return { probe: live, frame: null };
  const { probe: snap, frame } = await probeSnapshot(cam, opts, now, memory);
  return { probe: { ...live, latencyMs: Math.max(live.latencyMs, snap.latencyMs), luma: snap.ok ? snap.luma : null }, frame };
}

/** The new frame becomes the camera's latest snapshot; a frame that cannot be kept is a failed probe. */
async function keepFrame(cameraId: string, { probe, frame }: Look): Promise<Probe> {
  if (!frame) return probe;
  try {
    snapshots.keep(cameraId, frame);
    return probe;
  } catch (err) {
    // Forgotten, so the next probe writes its frame even when it is the same picture.
    memory.delete(cameraId);
    return { ...probe, ok: false, hash: null, luma: null, error: (err as Error).message.slice(0, 200) };
  }
}

parentPort!.on('message', async (request: ProbeRequest | 'stop') => {
  // Requests under way end at once, failed (a stopped monitor records none), so the thread can be ended.
  if (request === 'stop') return stopping.abort();
  const { n, cam, at } = request;
  let reply: ProbeReply;
  try {
    reply = { n, probe: await keepFrame(cam.id, await probeCamera(cam, () => new Date(at))) };
  } catch (err) {
    reply = { n, error: (err as Error).message };
  }
  parentPort!.postMessage(reply);
});
