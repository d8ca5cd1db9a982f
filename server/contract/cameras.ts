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
  lastSeq: number;
};

export type LiveCameraEvent = { seq: number; at: string; type: string; camera: CameraPublic };
