import { randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import { Store } from './store/index.js';
import { openHubStore, type HubStore } from './store/open.js';
import type { StepStore } from './store/ports.js';
import { loadCity, type City } from './profile/load.js';
import { MediaFiles } from './media/files.js';
import { configureSharp, PhotoQueue } from './media/photo-queue.js';
import { createApp } from './http/app.js';
import type { Express, Router } from 'express';
import { attachLive, startHeadBeat, type LiveServer } from './realtime/live.js';
import { pairDisplayStep } from './commands/displays.js';
import { startCameraMonitor } from './jobs/camera-monitor.js';
import { startLogFollower } from './realtime/log-follower.js';
import { seedCamerasStep } from './commands/camera-admin.js';
import { startDeadlineScheduler } from './jobs/deadline-scheduler.js';
import type { Committed, Ctx } from './commands/context.js';
import { startDisplayPresence } from './jobs/display-presence.js';
import { startHubHeartbeat } from './jobs/hub-heartbeat.js';
import { startOutboxWorker, type OutboxWorker } from './jobs/outbox-worker.js';
import type { Presence } from './http/displays.js';
import { SYSTEM } from './contract/roles.js';

/** How long a stopping hub waits for requests in flight before it closes their connections. */
const CLOSE_GRACE_MS = 3_000;

/** A running hub; Hub<Store> for one known to run on the SQLite file (tests, benches: sqliteHub). */
export type Hub<S extends StepStore = StepStore> = {
  ctx: Ctx<S>;
  /** Which store the hub runs on (PANTAU_DATABASE_URL). */
  storeKind: HubStore['kind'];
  /** The Express app, for tests that read its routes (openapi.int.test); Socket.IO wraps the server's listener. */
  app: Express;
  http: HttpServer;
  io: LiveServer;
  log: Logger;
  monitor: { stop: () => Promise<void>; tick: () => Promise<number> } | null;
  /** Sends the outbox (agency webhooks); every hub runs one. */
  outbox: OutboxWorker;
  /** This run of the hub: the owner of its leases and outbox claims. */
  runId: string;
  listen(): Promise<number>;
  /** Hears every event this hub's follower sends its screens, in seq order (the province's streams of its cities); returns the way to stop. */
  onCommitted(listener: (c: Committed) => void): () => void;
  /** The head-seq beat to every screen (a test sends one at once with beat()). */
  headBeat: { beat: () => void };
  close(): Promise<void>;
};

/** The display PANTAU_WALL_TOKEN pairs (the demo's wall), named in the room's language on /console/layar. */
export const WALL_TOKEN_DISPLAY_NAME = 'Layar dinding utama';

/** Builds the hub from config: store, city, media, HTTP and realtime. Used by main.ts and the tests alike. */
/**
 * `city`: a city made in code rather than read from a profile (the province of an installation of several,
 * server/province/city.ts); `router`: routes of its own, before the hub's (the province's).
 */
export async function createHub(config: Config, opts: { now?: () => Date; log?: Logger; city?: City; router?: Router } = {}): Promise<Hub> {
  const log = opts.log ?? pino({ level: config.logLevel });
  const city: City = opts.city ?? loadCity(config.city, { styleUrl: config.mapStyleUrl, webhooks: config.agencyWebhooks });
  const opened = await openHubStore(config, city);
  const { store } = opened;
  configureSharp();
  const media = new MediaFiles(config.mediaDir);
  // Every step the start-up awaits comes before any timer or listener: one that fails closes the store it opened.
  let head: number;
  try {
    // The machine's clock, not the hub's: it is what stamped the files.
    const swept = media.sweep(await store.query((p) => p.reports.mediaHashes()), new Date());
    if (swept) log.warn({ swept }, 'removed photo files that no committed report refers to');
    const startedAt = (opts.now ?? (() => new Date()))();
    // Before any listener, so unpublished: nobody is connected yet, and the events are in the log for the audit.
    await store.command((p) => seedCamerasStep(p.cameras, city.profile.cameras, (url) => url.replace('{simulator}', config.cameraSimulatorUrl), startedAt.toISOString()));
    if (config.wallToken) {
      const token = config.wallToken;
      await store.command((p) => pairDisplayStep(p.room, { ...SYSTEM, name: 'PANTAU_WALL_TOKEN' }, WALL_TOKEN_DISPLAY_NAME, { id: randomUUID(), token, now: startedAt }));
    }
    // What the screens catch up to, and where following the log begins.
    head = await store.query((p) => p.reports.headSeq());
  } catch (err) {
    await opened.close();
    throw err;
  }

  const listeners: ((c: Committed) => void)[] = [];
  let follower: ReturnType<typeof startLogFollower> | null = null;
  const ctx: Ctx = {
    store,
    city,
    media,
    maxPhotoPixels: config.maxPhotoPixels,
    photoQueue: new PhotoQueue(config.photoLimits),
    snapshotsDir: config.snapshotsDir,
    now: opts.now ?? (() => new Date()),
    // Through the log follower (below), once it runs: before it, nobody is connected to hear anything.
    publish: (c) => follower?.offer(c),
    ...(opened.areasAt ? { areasAt: opened.areasAt } : {}),
  };

  const presence: Presence = { connected: async () => new Set<string>() };
  // This run of the hub: its heartbeat row, its leases, and the name /api/health answers with.
  const runId = randomUUID();
  const app = createApp(ctx, { hubId: runId, maxPhotoBytes: config.maxPhotoBytes, staticDir: config.staticDir, snapshotsDir: config.snapshotsDir, log, rateLimits: config.rateLimits, presence, publicOrigins: config.publicOrigins, trustProxy: config.trustProxy, mapStyleUrl: config.mapStyleUrl, ...(opts.router ? { before: opts.router } : {}) });
  const http = createServer(app);
  // A ping every 4 s, answered within 5 s: a wall whose link died silently (no TCP reset) notices within ~9 s,
  // and the hub drops the dead socket as fast. The cost is a few bytes per screen every few seconds.
  const io: LiveServer = new Server(http, { serveClient: false, maxHttpBufferSize: 1e6, pingInterval: 4_000, pingTimeout: 5_000 });
  const connectedDisplays = () => [...io.of('/').adapter.rooms.keys()].filter((r) => r.startsWith('display:')).map((r) => r.slice(8));
  const heartbeat = startHubHeartbeat(ctx, { runId, log, connectedDisplays });
  // After the heartbeat: this run's row is what makes its displays count.
  const displayPresence = startDisplayPresence(ctx, { runId, local: connectedDisplays, log });
  presence.connected = async () => displayPresence.connected();
  listeners.push(attachLive(io, ctx, { catchUpLimit: config.catchUpLimit, log, publicOrigins: config.publicOrigins, onDisplaysChanged: displayPresence.changed }));
  // Every event on the store reaches this hub's screens in seq order, this hub's own at once, other hubs' from the log.
  follower = startLogFollower(ctx, { from: head, send: (c) => listeners.forEach((l) => l(c)), log });
  // Where the store can say that another hub committed, the follower reads at once rather than at its next look.
  const listening = opened.listen?.(() => void follower?.follow(), log) ?? null;
  const headBeat = startHeadBeat(io, ctx, { log });
  const outbox = startOutboxWorker({ outbox: opened.outbox, now: () => ctx.now() }, { owner: heartbeat.runId, log, retries: config.webhookRetries });
  const deadlines = config.deadlineScheduler ? startDeadlineScheduler(ctx, { everyMs: config.deadlineEveryMs, owner: heartbeat.runId, log, onRaised: () => void outbox.tick() }) : null;
  // Ended flood-limit windows are kept until swept; any hub may sweep them, the DELETE is the same from each.
  const sweepLimits = setInterval(() => {
    const at = ctx.now();
    store.write((p) => p.runs.sweepLimits(at)).catch((err) => log.error({ err }, 'rate-limit sweep failed'));
  }, 60_000);
  sweepLimits.unref();
  const monitor = config.cameraMonitor
    ? startCameraMonitor(ctx, { snapshotsDir: config.snapshotsDir, concurrency: config.cameraConcurrency, threads: config.cameraThreads, timeoutMs: config.cameraTimeoutMs, log, owner: heartbeat.runId })
    : null;

  return {
    ctx,
    storeKind: opened.kind,
    app,
    http,
    io,
    log,
    listen: () =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.port, config.host, () => resolve((http.address() as AddressInfo).port));
      }),
    monitor,
    onCommitted: (listener) => {
      listeners.push(listener);
      return () => {
        const i = listeners.indexOf(listener);
        if (i !== -1) listeners.splice(i, 1);
      };
    },
    headBeat,
    outbox,
    runId: heartbeat.runId,
    close: async () => {
      const monitorStopped = monitor?.stop();
      await deadlines?.stop();
      clearInterval(sweepLimits);
      await outbox.stop();
      await displayPresence.stop();
      await heartbeat.stop();
      headBeat.stop();
      // No commit notification may start a read once the follower has stopped.
      await listening?.close();
      await follower?.stop();
      // In-flight requests get a moment to finish; after it, whatever is still open is cut (a browser that holds a
      // connection must not keep a stopping hub, and its store, open: clients reconnect and catch up by seq).
      const cut = setTimeout(() => {
        log.warn('connections still open at shutdown: closed');
        http.closeAllConnections();
      }, CLOSE_GRACE_MS);
      await io.close();
      clearTimeout(cut);
      // The prober threads are ended (their requests cut) before the store closes; a stopped monitor records nothing.
      await monitorStopped;
      await opened.close();
    },
  };
}

export type SqliteHub = Hub<Store>;

/** The hub as one on the SQLite file, for a test or bench that reads its tables; refuses one on PostgreSQL. */
export function sqliteHub(hub: Hub): SqliteHub {
  if (!(hub.ctx.store instanceof Store)) throw new Error('this hub runs on PostgreSQL (PANTAU_DATABASE_URL), not on the SQLite file');
  return hub as SqliteHub;
}
