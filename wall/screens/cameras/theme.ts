import type { CameraPublic } from '../../../server/contract/cameras';

/** A camera's state as the screens draw it: `unknown` until the hub has probed it. */
export type CameraState = 'online' | 'degraded' | 'offline' | 'unknown';

/**
 * Camera colours, apart from the report colours on purpose: online is cyan (not green, which means a
 * finished report), degraded amber-orange (not the reports' yellow), offline magenta-red, unknown grey.
 * Colour is never the only cue: the map symbol is a square camera glyph, offline has a ring and a slash,
 * and every screen writes the state in words.
 */
export const CAMERA_COLOR: Record<CameraState, string> = {
  online: '#3cc8ff',
  degraded: '#ff9410',
  offline: '#ff2d87',
  unknown: '#8e8e93',
};

export const stateOf = (c: Pick<CameraPublic, 'health'>): CameraState => c.health ?? 'unknown';

/**
 * When the camera last gave a usable picture. The hub's lastGoodAt is its last successful fetch, which a
 * frozen or black camera still passes; for those the picture went bad when the camera became degraded.
 */
export function lastGoodOf(c: Pick<CameraPublic, 'health' | 'reason' | 'lastGoodAt' | 'healthSince'>): string | null {
  if (c.health === 'degraded' && (c.reason === 'frozen' || c.reason === 'black') && c.healthSince && c.lastGoodAt)
    return c.healthSince < c.lastGoodAt ? c.healthSince : c.lastGoodAt;
  return c.lastGoodAt;
}

/** Cameras giving a usable picture: online only (a frozen or black camera is not watching anything). */
export const countOnline = (list: readonly CameraPublic[]) => list.reduce((n, c) => n + (c.health === 'online' ? 1 : 0), 0);
