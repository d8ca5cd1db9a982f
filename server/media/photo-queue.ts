import sharp from 'sharp';
import { admit, laneOf, mayStart, type Lane, type LaneLoad, type PhotoLimits, type PhotoLoad } from '../domain/photo-queue.js';

export type Turn<T> = { ok: true; value: T } | { ok: false; retryAfterS: number };
type Waiting = { cost: number; start: () => void };

/**
 * Every decode of an uploaded photo waits its turn here (policy: domain/photo-queue.ts), in the small or the large
 * lane. The event loop never decodes; libvips does, on the threads this queue lets it have, so health, the wall's
 * sockets and the console keep answering while a crowd uploads.
 */
export class PhotoQueue {
  private runningBytes = 0;
  private readonly lanes: Record<Lane, { running: number; meanJobMs: number; line: Waiting[] }> = {
    small: { running: 0, meanJobMs: 100, line: [] },
    large: { running: 0, meanJobMs: 2000, line: [] },
  };

  constructor(readonly limits: PhotoLimits) {}

  get load(): PhotoLoad {
    const lane = (l: Lane): LaneLoad => ({ running: this.lanes[l].running, waiting: this.lanes[l].line.length, meanJobMs: this.lanes[l].meanJobMs });
    return { runningBytes: this.runningBytes, small: lane('small'), large: lane('large') };
  }

  /**
   * Runs `work` when its turn comes; refuses at once (with seconds to wait) when its lane's line is full.
   * pixels: the largest photo's width × height (decides the lane); cost: the bytes it will hold (domain photoCost).
   */
  async run<T>(pixels: number, cost: number, work: () => Promise<T>): Promise<Turn<T>> {
    const lane = laneOf(pixels);
    const a = admit(this.load, lane, cost, this.limits);
    if (a.kind === 'refuse') return { ok: false, retryAfterS: a.retryAfterS };
    if (a.kind === 'wait') await new Promise<void>((start) => this.lanes[lane].line.push({ cost, start }));
    else this.take(lane, cost);
    const started = performance.now();
    try {
      return { ok: true, value: await work() };
    } finally {
      const l = this.lanes[lane];
      // A running mean of the last ~10 jobs of the lane: what Retry-After is computed from.
      l.meanJobMs = l.meanJobMs * 0.9 + (performance.now() - started) * 0.1;
      l.running--;
      this.runningBytes -= cost;
      this.pump();
    }
  }

  private take(lane: Lane, cost: number) {
    this.lanes[lane].running++;
    this.runningBytes += cost;
  }

  /** Starts waiting jobs in order while each lane's head fits; the small lane first, its jobs are the quick ones. */
  private pump() {
    for (const lane of ['small', 'large'] as const) {
      const line = this.lanes[lane].line;
      while (line.length && mayStart(this.load, lane, line[0].cost, this.limits)) {
        const next = line.shift()!;
        this.take(lane, next.cost);
        next.start();
      }
    }
  }
}

/**
 * One libvips thread per image (the queue decides how many images at once) and no operation cache: every upload
 * is a new image, so the cache only held memory.
 */
export function configureSharp(): void {
  sharp.concurrency(1);
  sharp.cache(false);
}
