import { distanceMeters } from './distance.js';

/** Camera health from its recent probes. Pure: the monitor feeds probes in, this says what the camera is. */
export type CameraHealth = 'online' | 'degraded' | 'offline';

export type Probe = {
  at: string;
  ok: boolean;
  latencyMs: number;
  /** Content hash of the frame: the same bytes again and again is a frozen camera. */
  hash: string | null;
  /** Mean brightness 0-255 of the frame: near zero is a black frame (covered lens, dead sensor). */
  luma: number | null;
  error?: string | null;
};

export type HealthRules = {
  /** Failed probes in a row before a camera is offline; one blip is not an outage. */
  failuresToOffline: number;
  /** Good probes in a row before an offline or degraded camera is trusted again. */
  goodToRecover: number;
  slowMs: number;
  /** Identical frames in a row that make a camera frozen. */
  frozenAfter: number;
  blackLuma: number;
};

export const DEFAULT_RULES: HealthRules = { failuresToOffline: 3, goodToRecover: 2, slowMs: 3000, frozenAfter: 4, blackLuma: 12 };

export type Assessment = { health: CameraHealth; reason: 'ok' | 'failed' | 'slow' | 'frozen' | 'black' | 'no_data' };

/** What probe i (newest first) says with the ones before it, without hysteresis. By index: it runs on every probe. */
function symptom(probes: Probe[], i: number, rules: HealthRules): Assessment['reason'] {
  const p = probes[i];
  if (!p.ok) return 'failed';
  if (p.luma !== null && p.luma < rules.blackLuma) return 'black';
  if (p.hash && probes.length - i >= rules.frozenAfter) {
    let k = i + 1;
    while (k < i + rules.frozenAfter && probes[k].ok && probes[k].hash === p.hash) k++;
    if (k === i + rules.frozenAfter) return 'frozen';
  }
  if (p.latencyMs > rules.slowMs) return 'slow';
  return 'ok';
}

/**
 * Decides a camera's health from its probes, newest first, and its current health. Hysteresis: it takes
 * `failuresToOffline` failures in a row to go offline and `goodToRecover` good probes in a row to come back,
 * so a single blip never flaps the wall.
 */
export function assessCamera(probes: Probe[], current: CameraHealth | null, rules: HealthRules = DEFAULT_RULES): Assessment {
  if (probes.length === 0) return { health: current ?? 'offline', reason: 'no_data' };
  const reasons = probes.map((_, i) => symptom(probes, i, rules));
  const [latest] = reasons;
  const run = (pred: (r: Assessment['reason']) => boolean) => {
    let n = 0;
    while (n < reasons.length && pred(reasons[n])) n++;
    return n;
  };
  const failures = run((r) => r === 'failed');
  if (failures >= rules.failuresToOffline) return { health: 'offline', reason: 'failed' };
  if (latest === 'failed') {
    // Not yet enough failures: keep what it was (an offline camera stays offline until it recovers).
    return { health: current ?? 'offline', reason: 'failed' };
  }
  if (latest !== 'ok') {
    // A frozen or black frame is degraded at once (it is already a run); slow needs two in a row.
    if (latest === 'slow' && run((r) => r === 'slow') < 2 && current !== 'degraded') return { health: current === 'offline' ? 'offline' : 'online', reason: 'slow' };
    return { health: current === 'offline' && run((r) => r !== 'failed') < rules.goodToRecover ? 'offline' : 'degraded', reason: latest };
  }
  const good = run((r) => r === 'ok');
  if ((current === 'offline' || current === 'degraded') && good < rules.goodToRecover) return { health: current, reason: 'ok' };
  return { health: 'online', reason: 'ok' };
}

/** Share of a window a camera was online, from its health changes (oldest first) and its health before the window. */
export function uptime(changes: { at: string; to: CameraHealth }[], before: CameraHealth | null, from: string, to: string): number | null {
  const start = Date.parse(from);
  const end = Date.parse(to);
  let state = before;
  let t = start;
  let up = 0;
  let known = 0;
  for (const c of changes) {
    const at = Math.max(start, Math.min(end, Date.parse(c.at)));
    if (state) {
      known += at - t;
      if (state === 'online') up += at - t;
    }
    state = c.to;
    t = at;
  }
  if (state) {
    known += end - t;
    if (state === 'online') up += end - t;
  }
  return known > 0 ? up / known : null;
}

export type Located = { id: string; lng: number; lat: number; health: CameraHealth };

/** The online cameras nearest a point, within a radius: a second, independent look at a reported scene. */
export function nearestOnline<T extends Located>(cameras: T[], point: { lng: number; lat: number }, maxMeters: number, n: number): (T & { distanceM: number })[] {
  return cameras
    .filter((c) => c.health === 'online')
    .map((c) => ({ ...c, distanceM: Math.round(distanceMeters(c, point)) }))
    .filter((c) => c.distanceM <= maxMeters)
    .sort((a, b) => a.distanceM - b.distanceM)
    .slice(0, n);
}

/** A camera's alert after a change of health: it opens when the camera goes dark and closes by itself when it recovers. */
export function alertAfter(health: CameraHealth, alert: 'open' | 'acknowledged' | null): 'open' | 'acknowledged' | null {
  return health === 'offline' ? 'open' : health === 'online' ? null : alert;
}

/** The last brightness actually measured for a camera, and the size of the frame it was measured on. */
export type Brightness = { luma: number; bytes: number; at: string };

/**
 * Within 3× the black threshold: close enough to black that the figure decides the camera's health. A dim frame's
 * brightness is measured on every probe, and with the decode the black threshold was set on (camera-probe.ts);
 * a bright frame's quick estimate (BT.601 luma from the JPEG's DC coefficients) is far from the threshold either way.
 */
export function isDim(luma: number, rules: HealthRules = DEFAULT_RULES): boolean {
  return luma < rules.blackLuma * 3;
}

/** A frame this much smaller or larger than the last measured one is a different picture: measure again. */
const SIZE_CHANGE = 0.6;
/** However steady a camera looks, its brightness is measured at least this often. */
const MEASURE_AT_LEAST_MS = 60_000;

/**
 * Whether a probe must decode the frame for its brightness, or may carry the last measured figure over.
 * A JPEG's size follows its content: a lens covered, a sensor dead or a light gone out shrinks the frame to
 * a fraction of its size, so a steady size at a bright level means a steady bright picture. Dim cameras
 * (within 3× the black threshold) are measured on every probe, and every camera at least once a minute.
 */
export function mustMeasureBrightness(last: Brightness | undefined, frame: { bytes: number; at: string }, rules: HealthRules = DEFAULT_RULES): boolean {
  if (!last) return true;
  if (isDim(last.luma, rules)) return true;
  if (Date.parse(frame.at) - Date.parse(last.at) >= MEASURE_AT_LEAST_MS) return true;
  const r = frame.bytes / Math.max(1, last.bytes);
  return r < SIZE_CHANGE || r > 1 / SIZE_CHANGE;
}

/** How far a camera may be from a report and still be "a look at the scene". */
export const CAMERA_LOOK_METERS = 1000;
