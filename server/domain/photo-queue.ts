/**
 * The policy for photo work (decode, orient, resize, encode): how many run at once, within what memory, how many
 * may wait, and what a sender is told when the hub is full. Pure: the queue in server/media/ keeps the state.
 *
 * Why: unbounded, six senders of 7000×7000 JPEGs held 700 MB and made a citizen's small report wait 15 s and
 * /api/health 4 s. A decoded image costs width × height × channels bytes whatever its file size, and the header
 * says so before anything is decoded.
 */
export type PhotoLimits = {
  /** Photo jobs decoding at once in each lane (each one libvips thread: the rest of the CPU stays with requests and sockets). */
  concurrency: number;
  /** Decoded pixels all running jobs may hold together, in bytes. */
  memoryBytes: number;
  /** Jobs that may wait for a turn in each lane; one more is refused with Retry-After. */
  maxWaiting: number;
};

/**
 * Two lanes. A phone shrinks a photo to 1600 px before it sends it (/lapor, /field), so nearly every citizen's and
 * field supervisor's photo is small; one taken from a camera's card can be 7000×7000. Small ones have their own
 * workers and their own line, so a crowd of large uploads never makes a citizen's small report wait behind them.
 */
export type Lane = 'small' | 'large';
/** Up to this many pixels a photo goes in the small lane (a 1600 px phone photo is 2.6 million; room to spare). */
export const SMALL_PIXELS = 4_000_000;
export const laneOf = (pixels: number): Lane => (pixels <= SMALL_PIXELS ? 'small' : 'large');

export type LaneLoad = {
  running: number;
  waiting: number;
  /** Recent mean time of one job in this lane, to tell a refused sender when to come back. */
  meanJobMs: number;
};
/** runningBytes: both lanes' decoded pixels together, against the one memory budget. */
export type PhotoLoad = { runningBytes: number; small: LaneLoad; large: LaneLoad };

export type Admission = { kind: 'run' } | { kind: 'wait' } | { kind: 'refuse'; retryAfterS: number };

/** The size a served photo is made at (longest side); its raw pixels are held while both sizes are encoded. */
const OUTPUT_SIDE = 1600;

/** Bytes a photo holds while it is worked on: the decoded image plus the display-size pixels made from it. */
export function photoCost(width: number, height: number, channels: number): number {
  const c = Math.max(1, Math.min(4, channels || 3));
  const scale = Math.min(1, OUTPUT_SIDE / Math.max(width, height, 1));
  return Math.ceil(width * height * c + width * scale * (height * scale) * c);
}

/**
 * Whether a job of this cost may start now in its lane. One job always may when nothing runs anywhere, however
 * large (within the pixel cap): otherwise a photo bigger than the budget would wait for ever.
 */
export function mayStart(load: PhotoLoad, lane: Lane, cost: number, limits: PhotoLimits): boolean {
  if (load[lane].running >= limits.concurrency) return false;
  const nothingRuns = load.small.running + load.large.running === 0;
  return nothingRuns || load.runningBytes + cost <= limits.memoryBytes;
}

/** A new job: start now (nobody is queued ahead of it in its lane and it fits), queue it, or refuse it with when to try again. */
export function admit(load: PhotoLoad, lane: Lane, cost: number, limits: PhotoLimits): Admission {
  if (load[lane].waiting === 0 && mayStart(load, lane, cost, limits)) return { kind: 'run' };
  if (load[lane].waiting < limits.maxWaiting) return { kind: 'wait' };
  return { kind: 'refuse', retryAfterS: retryAfterS(load[lane], limits) };
}

/** Seconds until the line ahead has likely drained: every waiting and running job of the lane, spread over its workers. */
export function retryAfterS(lane: LaneLoad, limits: Pick<PhotoLimits, 'concurrency'>): number {
  const rounds = (lane.waiting + lane.running) / Math.max(1, limits.concurrency);
  const s = Math.ceil((rounds * Math.max(lane.meanJobMs, 50)) / 1000);
  return Math.min(120, Math.max(1, s));
}
