import type { CameraHealth } from '../domain/cameras.js';

/** A camera as the wall and the console see it: never its URL or credentials. */
export type CameraPublic = {
  id: string;
  name: string;
  kind: 'traffic' | 'landfill' | 'flood_gauge' | 'public_space';
  lng: number;
  lat: number;
  health: CameraHealth | null;
  healthSince: string | null;
  reason: string | null;
  /** 'open' from when it goes offline until it recovers or an operator acknowledges it. */
  alert: 'open' | 'acknowledged' | null;
  lastGoodAt: string | null;
  snapshotAt: string | null;
  /** It offers live video (HLS), played through the hub: the stream's address never leaves the hub. */
  live: boolean;
  /** Disabled at the console: not probed, shown greyed. */
  disabled: boolean;
  lastSeq: number;
};

/** A camera in the grid (GET /api/cameras): with its uptime over the last 24 hours and 7 days (null: no record). */
export type CameraWithUptime = CameraPublic & { uptime24h: number | null; uptime7d: number | null };

export type LiveCameraEvent = { seq: number; at: string; type: string; camera: CameraPublic };

export const CAMERA_KINDS = ['traffic', 'landfill', 'flood_gauge', 'public_space'] as const;
