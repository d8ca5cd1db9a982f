import type { Namespace, Server, Socket } from 'socket.io';
import type { z } from 'zod';
import type { Logger } from 'pino';
import type { Ack, ClientToServerEvents, HandshakeAuth, LiveReportEvent, ServerToClientEvents } from '../contract/events.js';
import type { Actor } from '../contract/roles.js';
import type { Committed, Ctx } from '../commands/context.js';
import type { Refusal } from '../domain/reports.js';
import { camerasCatchUp, catchUp } from '../queries/catch-up.js';
import { may, type Permission } from '../domain/access.js';
import { cameraView, publicReport } from '../domain/views.js';
import { identifyCaller } from '../commands/identify.js';
import { SyncInput } from './inputs.js';
import { accountRoom, displayRoom, roomsToDisconnect, sessionRoom } from './revocations.js';
import { readCookie } from '../commands/identify.js';
import { SESSION_COOKIE, sessionRef } from '../commands/accounts.js';
import { ridesOnCookie } from '../http/same-origin.js';
import { isOwnOrigin } from '../domain/same-origin.js';
import { currentLayout, displayIdOf, LAYOUT_ASSIGNED } from '../commands/layouts.js';
import type { DisplayLayoutPush } from '../contract/layouts.js';

export type LiveServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { actor: Actor }>;
/** A city's stream on the province's hub (server/province/live.ts): a namespace of its Socket.IO server. */
export type LiveNamespace = Namespace<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { actor: Actor }>;
type LiveSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { actor: Actor }>;

/** Every watcher of the public stream on this hub is in this room (other hubs' events reach it by the log follower). */
const PUBLIC_ROOM = 'live:public';
export { displayRoom };
/** Screens that show only cameras: camera events, nothing of the reports' stream. */
const CAMERAS_ROOM = 'live:cameras';
/** How often the hub tells the screens its head seq. */
export const HEAD_BEAT_MS = 10_000;

/** Every HEAD_BEAT_MS, the head seq to every watcher of the public stream (each hub sends its own: one database). */
export function startHeadBeat(io: LiveServer | LiveNamespace, ctx: Ctx, opts: { everyMs?: number; log: Logger }): { stop: () => void; beat: () => void } {
  const beat = () => {
    ctx.store.query((p) => p.reports.headSeq()).then(
      // local: each hub's own screens hear its beat alone (beats of several hubs at other phases would look like a
      // beat's own events gone missing, were an adapter ever to span the hubs).
      (seq) => io.local.to(PUBLIC_ROOM).emit('live.head', { storeId: ctx.store.storeId, seq }),
      (err) => opts.log.warn({ err }, 'could not send the head seq'),
    );
  };
  const timer = setInterval(beat, opts.everyMs ?? HEAD_BEAT_MS);
  timer.unref();
  return { stop: () => clearInterval(timer), beat };
}

/**
 * The live stream of `ctx`'s store on `io`. `identity`: where callers are known, when that is another store: the
 * province's, whose staff and displays watch a city's stream on a namespace of the province's hub. Such a stream
 * leaves display presence and layouts to the province's own.
 */
export function attachLive(io: LiveServer | LiveNamespace, ctx: Ctx, opts: { catchUpLimit: number; log: Logger; publicOrigins?: readonly string[]; onDisplaysChanged?: () => void; identity?: Ctx }) {
  const identity = opts.identity ?? ctx;
  const ownDisplays = opts.identity === undefined;
  io.use(async (socket, next) => {
    // Whatever a stranger puts in a handshake must never throw out of here: nothing above catches it and the hub would exit.
    let actor: Actor | null;
    try {
      const auth = (socket.handshake.auth ?? {}) as HandshakeAuth;
      const { cookie, origin, host } = socket.handshake.headers;
      // A staff socket rides on the session cookie: only the hub's own pages may open one (no cross-site WebSocket hijack).
      const byCookie = ridesOnCookie(cookie, undefined) && !(typeof auth.display === 'string' && auth.display !== '');
      if (byCookie && origin !== undefined && !isOwnOrigin(origin, host, opts.publicOrigins ?? []))
        return next(Object.assign(new Error('forbidden'), { data: { code: 'forbidden', message: `a live stream on a session opens only from the hub's own pages, not ${origin}` } }));
      actor = await identifyCaller(identity, { cookie, display: auth.display });
    } catch (err) {
      opts.log.warn({ err }, 'socket handshake could not be read');
      actor = null;
    }
    if (!actor || actor.role === 'citizen')
      return next(Object.assign(new Error('unauthenticated'), { data: { code: 'unauthenticated', message: 'log in, or pair this screen with a display token' } }));
    if (!may(actor, 'live.watch')) return next(Object.assign(new Error('forbidden'), { data: { code: 'forbidden', message: `${actor.role} may not watch the live stream` } }));
    socket.data.actor = actor;
    next();
  });

  io.on('connection', (socket: LiveSocket) => {
    const auth = (socket.handshake.auth ?? {}) as HandshakeAuth;
    // Joined before the catch-up is read: nothing committed after the read is missed. A live event may overtake the
    // catch-up on the wire; the screen holds it until the catch-up is in and drops it if the catch-up has it.
    socket.join(auth.only === 'cameras' ? CAMERAS_ROOM : PUBLIC_ROOM);
    const caughtUp =
      auth.only === 'cameras'
        ? camerasCatchUp(ctx)
        : catchUp(ctx, { storeId: auth.storeId, seq: typeof auth.seq === 'number' ? auth.seq : undefined, snapshot: columnsWanted(auth) }, opts.catchUpLimit);
    caughtUp.then(
      (c) => socket.emit('live.catchup', c),
      (err: unknown) => {
        // The screen reconnects (with its back-off: the transport closed, not a server disconnect, which it would
        // answer at once) and asks again; a store that cannot answer never ends the hub.
        opts.log.error({ err }, 'catch-up could not be read');
        socket.conn.close();
      },
    );
    // A paired display hears its own layout: in the catch-up on every (re)connect, then live in its own room.
    const displayId = displayIdOf(socket.data.actor);
    if (!displayId) {
      // Staff: one room per account and per session, so a disable, a password reset or a logout ends this stream.
      socket.join(accountRoom(socket.data.actor.id));
      const token = readCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
      if (token) socket.join(sessionRoom(sessionRef(token)));
    }
    if (displayId) socket.join(displayRoom(displayId));
    if (displayId && ownDisplays) {
      currentLayout(ctx, displayId).then(
        (layout) => socket.emit('display.layout', layout),
        (err) => opts.log.warn({ err, displayId }, 'could not read a display’s layout'),
      );
      seen(displayId);
      opts.onDisplaysChanged?.();
      socket.on('disconnect', () => {
        seen(displayId);
        opts.onDisplaysChanged?.();
      });
    }

    // Checked again now that it is in its rooms: a logout, a disable or a revoked display committed between the
    // handshake's read and the joins sent its disconnect before this socket could hear it.
    void stillValid(socket).then(
      (valid) => valid || void socket.disconnect(true),
      () => {},
    );

    handle(socket, 'live.sync', SyncInput, 'live.watch', async (_actor, input) => ({
      ok: true,
      value: await catchUp(ctx, { ...input, snapshot: columnsWanted(auth) }, opts.catchUpLimit),
    }));
  });

  /** Read from a stranger's handshake: anything but the one word is the old form. */
  function columnsWanted(auth: HandshakeAuth): 'columns' | undefined {
    return auth.snapshot === 'columns' ? 'columns' : undefined;
  }

  /** Only after commit: every watcher gets the event with its seq, in the public view. */
  return (c: Committed) => {
    broadcast(c);
    // Every hub sends every event (log-follower.ts), so the sockets of a revoked credential go on each of them.
    for (const room of roomsToDisconnect(c.event)) io.in(room).disconnectSockets(true);
  };

  function broadcast(c: Committed) {
    const { seq, at, type } = c.event;
    if (type === LAYOUT_ASSIGNED) {
      const push = { ...(c.event.payload as Omit<DisplayLayoutPush, 'seq' | 'at'>), seq, at };
      io.to(displayRoom(push.displayId)).emit('display.layout', push);
    }
    if (c.camera) return void io.to([PUBLIC_ROOM, CAMERAS_ROOM]).emit('camera.event', { seq, at, type, camera: cameraView(c.camera) });
    if (c.indicator) return void io.to(PUBLIC_ROOM).emit('indicator.event', { seq, at, type, value: c.indicator });
    if (!c.report || c.event.reportId === null) return void io.to(PUBLIC_ROOM).emit('live.tick', { seq, at, type });
    const live: LiveReportEvent = { seq, at, type: c.event.type, report: publicReport(c.report) };
    io.to(PUBLIC_ROOM).emit('report.event', live);
  }

  /**
   * The credential a socket connected with, checked again before it is answered: a socket that slipped past a
   * disconnect (a hub that missed it) gets nothing once its account is disabled or its token revoked.
   */
  async function stillValid(socket: LiveSocket): Promise<boolean> {
    const auth = (socket.handshake.auth ?? {}) as HandshakeAuth;
    const now = await identifyCaller(identity, { cookie: socket.handshake.headers.cookie, display: auth.display });
    return now !== null && now.id === socket.data.actor.id;
  }

  function seen(displayId: string) {
    ctx.store
      .write((p) => p.runs.seenDisplays([displayId], ctx.now().toISOString()))
      .catch((err) => opts.log.warn({ err, displayId }, 'could not record when a display was seen'));
  }

  /** The one way a socket event is handled: role check, schema check, then the call; every outcome is an ack. */
  function handle<S extends z.ZodType, T>(
    socket: LiveSocket,
    name: keyof ClientToServerEvents,
    schema: S,
    permission: Permission,
    fn: (actor: Actor, input: z.infer<S>) => { ok: true; value: T } | Refusal | Promise<{ ok: true; value: T } | Refusal>,
  ) {
    socket.on(name, async (raw: unknown, ack: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (a: Ack<T>) => void) : () => {};
      const actor = socket.data.actor;
      // A store that cannot answer (gone away) is an error answered to this socket, never a crash of the hub.
      const valid = await stillValid(socket).catch((err: unknown) => {
        opts.log.error({ err, event: name }, 'socket credential check failed');
        return null;
      });
      if (valid === null) return reply({ ok: false, error: { code: 'internal', message: 'the hub could not complete this' } });
      if (!valid) {
        reply({ ok: false, error: { code: 'unauthenticated', message: 'this session or display token is no longer valid' } });
        return void socket.disconnect(true);
      }
      if (!may(actor, permission)) return reply({ ok: false, error: { code: 'forbidden', message: `${actor.role} may not ${name}` } });
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const i = parsed.error.issues[0];
        return reply({ ok: false, error: { code: 'invalid', field: i.path.join('.'), message: i.message } });
      }
      try {
        const r = await fn(actor, parsed.data);
        reply(r.ok ? { ok: true, value: r.value } : { ok: false, error: { code: r.code, field: r.field, message: r.message } });
      } catch (err) {
        opts.log.error({ err, event: name }, 'socket handler failed');
        reply({ ok: false, error: { code: 'internal', message: 'the hub could not complete this' } });
      }
    });
  }
}
