import sharp from 'sharp';
import { admit, mayStart, type PhotoLimits, type PhotoLoad } from '../domain/photo-queue.js';

export type Turn<T> = { ok: true; value: T } | { ok: false; retryAfterS: number };

/**
 * Every decode of an uploaded photo waits its turn here (policy: domain/photo-queue.ts). The event loop never
 * decodes; libvips does, on the threads this queue lets it have, so health, the wall's sockets and the console
 * keep answering while a crowd uploads.
 */
export class PhotoQueue {
  private running = 0;
  private runningBytes = 0;
  private meanJobMs = 250;
  private readonly waiting: { cost: number; start: () => void }[] = [];

  constructor(readonly limits: PhotoLimits) {}

  get load(): PhotoLoad {
    return { running: this.running, runningBytes: this.runningBytes, waiting: this.waiting.length, meanJobMs: this.meanJobMs };
  }

  /** Runs `work` when its turn comes; refuses at once (with seconds to wait) when the line is full. */
  async run<T>(cost: number, work: () => Promise<T>): Promise<Turn<T>> {
    const a = admit(this.load, cost, this.limits);
    if (a.kind === 'refuse') return { ok: false, retryAfterS: a.retryAfterS };
    if (a.kind === 'wait') await new Promise<void>((start) => this.waiting.push({ cost, start }));
    else this.take(cost);
    const started = performance.now();
    try {
      return { ok: true, value: await work() };
    } finally {
      // A running mean of the last ~10 jobs: what Retry-After is computed from.
      this.meanJobMs = this.meanJobMs * 0.9 + (performance.now() - started) * 0.1;
      this.running--;
      this.runningBytes -= cost;
      this.pump();
    }
  }

  private take(cost: number) {
    this.running++;
    this.runningBytes += cost;
  }

  /** Starts waiting jobs in order while the head fits. */
  private pump() {
    while (this.waiting.length && mayStart(this.load, this.waiting[0].cost, this.limits)) {
      const next = this.waiting.shift()!;
      this.take(next.cost);
      next.start();
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
