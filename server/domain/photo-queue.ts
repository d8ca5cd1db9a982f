/**
 * The policy for photo work (decode, orient, resize, encode): how many run at once, within what memory, how many
 * may wait, and what a sender is told when the hub is full. Pure: the queue in server/media/ keeps the state.
 *
 * Why: unbounded, six senders of 7000×7000 JPEGs held 700 MB and made a citizen's small report wait 15 s and
 * /api/health 4 s. A decoded image costs width × height × channels bytes whatever its file size, and the header
 * says so before anything is decoded.
 */
export type PhotoLimits = {
  /** Photo jobs decoding at once (each one libvips thread: the rest of the CPU stays with requests and sockets). */
  concurrency: number;
  /** Decoded pixels all running jobs may hold together, in bytes. */
  memoryBytes: number;
  /** Jobs that may wait for a turn; one more is refused with Retry-After. */
  maxWaiting: number;
};

export type PhotoLoad = {
  running: number;
  runningBytes: number;
  waiting: number;
  /** Recent mean time of one job, to tell a refused sender when to come back. */
  meanJobMs: number;
};

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
 * Whether a job of this cost may start now. One job always may when nothing runs, however large (within the
 * pixel cap): otherwise a photo bigger than the budget would wait for ever.
 */
export function mayStart(load: Pick<PhotoLoad, 'running' | 'runningBytes'>, cost: number, limits: PhotoLimits): boolean {
  if (load.running >= limits.concurrency) return false;
  return load.running === 0 || load.runningBytes + cost <= limits.memoryBytes;
}

/** A new job: start now (nobody is queued ahead of it and it fits), queue it, or refuse it with when to try again. */
export function admit(load: PhotoLoad, cost: number, limits: PhotoLimits): Admission {
  if (load.waiting === 0 && mayStart(load, cost, limits)) return { kind: 'run' };
  if (load.waiting < limits.maxWaiting) return { kind: 'wait' };
  return { kind: 'refuse', retryAfterS: retryAfterS(load, limits) };
}

/** Seconds until the queue ahead has likely drained: every waiting and running job, spread over the workers. */
export function retryAfterS(load: Pick<PhotoLoad, 'running' | 'waiting' | 'meanJobMs'>, limits: Pick<PhotoLimits, 'concurrency'>): number {
  const rounds = (load.waiting + load.running) / Math.max(1, limits.concurrency);
  const s = Math.ceil((rounds * Math.max(load.meanJobMs, 50)) / 1000);
  return Math.min(120, Math.max(1, s));
}
