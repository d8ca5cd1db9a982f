import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { Probe } from '../domain/cameras.js';
import type { CameraRow } from '../store/cameras.js';
import type { ProbeOptions } from './camera-probe.js';

/** How long a closing prober waits for the probes it cut before it ends the thread anyway. */
const CLOSE_WAIT_MS = 5_000;

export type ProbeRequest = { n: number; cam: CameraRow; at: string };
export type ProbeReply = { n: number; probe: Probe } | { n: number; error: string };

/**
 * The camera monitor's probes, run in a thread of their own (camera-prober-worker.ts): fetching, hashing and
 * keeping thousands of frames a minute would otherwise share the one main thread with every screen's socket, and
 * a busy main thread would also count as a slow camera. Started on the first probe; a thread that dies fails the
 * probes it held (they are due again next round) and the next probe starts another.
 */
export class CameraProber {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (p: Probe) => void; reject: (e: Error) => void; worker: Worker }>();
  private n = 0;
  private closed = false;
  private idle: (() => void) | null = null;
  private closing: Promise<void> | null = null;

  constructor(private readonly opts: ProbeOptions & { log: Logger }) {}

  /** One probe of `cam` as at `at` (the monitor's clock): fetch, brightness, frame kept. */
  probe(cam: CameraRow, at: string): Promise<Probe> {
    if (this.closed) return Promise.reject(new Error('the camera prober is closed'));
    const worker = this.worker ?? this.start();
    const n = ++this.n;
    return new Promise((resolve, reject) => {
      this.pending.set(n, { resolve, reject, worker });
      worker.postMessage({ n, cam, at } satisfies ProbeRequest);
    });
  }

  /**
   * Cuts the requests under way and waits for their (failed) probes, then ends the thread: a thread ended in the
   * middle of a decode can take libvips, and the hub, down with it.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      if (this.pending.size) {
        this.worker?.postMessage('stop');
        // Bounded: a thread stuck in a decode must not keep a stopping hub, and its store, open.
        await new Promise<void>((r) => {
          this.idle = r;
          setTimeout(r, CLOSE_WAIT_MS).unref();
        });
      }
      const worker = this.worker;
      this.worker = null;
      await worker?.terminate();
    })();
    return this.closing;
  }

  private start(): Worker {
    const { snapshotsDir, timeoutMs } = this.opts;
    const worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), {
      workerData: { entry: new URL('./camera-prober-worker.ts', import.meta.url).href, options: { snapshotsDir, timeoutMs } satisfies ProbeOptions },
    });
    // The hub's servers keep the process alive; a prober left idle must not.
    worker.unref();
    worker.on('message', (reply: ProbeReply) => {
      const waiting = this.pending.get(reply.n);
      this.pending.delete(reply.n);
      if ('probe' in reply) waiting?.resolve(reply.probe);
      else waiting?.reject(new Error(reply.error));
      this.settled();
    });
    // Only this thread's probes: by its 'exit' the next probe may have started another.
    const lost = (why: string) => {
      if (this.worker === worker) this.worker = null;
      for (const [n, p] of this.pending) {
        if (p.worker !== worker) continue;
        this.pending.delete(n);
        p.reject(new Error(why));
      }
      this.settled();
    };
    worker.on('error', (err) => {
      this.opts.log.error({ err }, 'camera prober thread failed');
      lost(`camera prober thread failed: ${(err as Error).message}`);
    });
    worker.on('exit', (code) => lost(`camera prober thread exited (${code})`));
    this.worker = worker;
    return worker;
  }

  private settled() {
    if (!this.pending.size && this.idle) {
      this.idle();
      this.idle = null;
    }
  }
}

/**
 * `threads` probers, each camera always on the same one (a hash of its id), so what a thread remembers of a
 * camera's last frame stays with it. One thread probes about 2,000 cameras a second on loopback here; a second
 * uses a second core (scripts/bench/cameras.ts, `--threads`).
 */
export function cameraProbers(threads: number, opts: ProbeOptions & { log: Logger }): Pick<CameraProber, 'probe' | 'close'> {
  const probers = Array.from({ length: Math.max(1, threads) }, () => new CameraProber(opts));
  const of = (cameraId: string) => {
    let h = 0;
    for (let i = 0; i < cameraId.length; i++) h = (Math.imul(h, 31) + cameraId.charCodeAt(i)) | 0;
    return probers[(h >>> 0) % probers.length];
  };
  return {
    probe: (cam, at) => of(cam.id).probe(cam, at),
    close: async () => void (await Promise.all(probers.map((p) => p.close()))),
  };
}
