import { batch, createSignal, type Accessor } from 'solid-js';
import type { CatchUp, LiveHead, LiveReportEvent, LiveTick } from '../../server/contract/events';
import type { CameraPublic, LiveCameraEvent } from '../../server/contract/cameras';
import { PHASE_OF, type MarkerTuple, type Phase, type ReportPublic, type ReportStatus } from '../../server/contract/reports';
import { forEachMarker, markerCoord } from '../../server/contract/marker-columns';
import { missedSinceLastBeat } from '../../server/domain/catchup';

/** One report as the wall keeps it: just enough to draw its marker. */
export type Marker = {
  id: number;
  status: ReportStatus;
  phase: Phase;
  categoryId: string;
  lng: number;
  lat: number;
  districtCode: string | null;
  createdAt: string;
  /** True while the report is open and past its response or resolution deadline: it stands out on the map. */
  breached: boolean;
  /** How many citizens reported it (1 plus the duplicates merged into it): a badge on the marker when more than one. */
  reporters: number;
};

export type Counts = Record<Phase, number>;
export type Connection = 'connecting' | 'connected' | 'reconnecting' | 'unpaired';
/** What changed: `null` means everything (a snapshot replaced the store); otherwise the ids upserted. */
export type ChangeListener = (ids: Iterable<number> | null) => void;
export type SubmittedListener = (report: ReportPublic, at: string) => void;
/** Every report event applied in order (after the marker is updated): room actions for on-wall notices. */
export type ReportEventListener = (e: LiveReportEvent) => void;
/** A change known only by the marker it leaves (a replay's step): it moves the map and counts, and tells no listener. */
export type LiveMarkerEvent = { seq: number; at: string; type: string; marker: MarkerTuple };
/** Every event the live stream carries, in one seq sequence (and a replay's steps, numbered the same way). */
export type LiveEvent = LiveReportEvent | LiveCameraEvent | LiveTick | LiveMarkerEvent;
export type Syncer = (have: { storeId: string | null; seq: number }) => Promise<CatchUp>;

/** Events that arrive while a gap is being filled wait here; more than this and the oldest go (the catch-up covers them). */
const MAX_BUFFERED = 10_000;
/** At most one `live.sync` this often, so a gap the hub cannot fill never becomes a request loop. */
const MIN_SYNC_INTERVAL_MS = 2_000;

const zeroCounts = (): Counts => ({ red: 0, yellow: 0, green: 0, grey: 0 });
/** Open (red or yellow) and past a deadline: what the header's "lewat tenggat" counts. */
// The hub decides breached (domain/statuses.ts isBreached): a done report's marker already carries 0.
const breachedOpen = (m: Marker) => m.breached;

// Every way a marker arrives ends here, positions at the snapshot's precision: the same report is the same marker.
function toMarker(id: number, status: ReportStatus, categoryId: string, lng: number, lat: number, districtCode: string | null, createdAt: string, breached: boolean, reporters: number): Marker {
  return { id, status, phase: PHASE_OF[status] ?? 'grey', categoryId, lng: markerCoord(lng), lat: markerCoord(lat), districtCode, createdAt, breached, reporters };
}
function fromTuple(m: MarkerTuple): Marker {
  const [id, status, categoryId, lng, lat, districtCode, createdAt, breached, reporters] = m;
  return toMarker(id, status, categoryId, lng, lat, districtCode, createdAt, breached === 1, reporters ?? 1);
}
function fromReport(r: ReportPublic): Marker {
  return toMarker(r.id, r.status, r.categoryId, r.lng, r.lat, r.districtCode, r.createdAt, r.breached === true, r.citizenCount ?? 1);
}

/**
 * The wall's copy of every report's marker, kept in step with the hub's event stream.
 * A plain Map holds the markers (100,000 of them must not be 100,000 signals); the few numbers a
 * screen shows (counts per phase, seq, connection) are signals, and the counts are kept up to date
 * one change at a time, never recounted over the whole map except when a snapshot replaces it.
 */
export function createLive(opts: { camerasOnly?: boolean } = {}) {
  /** A cameras-only screen hears camera events alone: their global seqs have gaps, so each camera is ordered by its own lastSeq. */
  const camerasOnly = opts.camerasOnly === true;
  const markers = new Map<number, Marker>();
  let storeId: string | null = null;
  let appliedSeq = 0;
  const counts = zeroCounts();
  let breachedCount = 0;
  /** The city's cameras by id (tens to hundreds): replaced by every catch-up, updated by camera events. */
  const cameras = new Map<string, CameraPublic>();

  const [seq, setSeq] = createSignal(0);
  const [size, setSize] = createSignal(0);
  const [countsSig, setCounts] = createSignal<Counts>({ ...counts });
  const [breachedSig, setBreached] = createSignal(0);
  const [connection, setConnection] = createSignal<Connection>('connecting');
  const [disconnectedAt, setDisconnectedAt] = createSignal<Date | null>(null);
  const [caughtUp, setCaughtUp] = createSignal(false);
  const [cameraList, setCameraList] = createSignal<readonly CameraPublic[]>([]);
  /** When the newest event the wall holds happened (hub time): "last event 3 min ago" in the header. */
  const [lastEventAt, setLastEventAt] = createSignal<string | null>(null);
  const noteAt = (at: string | null | undefined) => {
    if (at && (!lastEventAt() || at > lastEventAt()!)) setLastEventAt(at);
  };

  const changeListeners = new Set<ChangeListener>();
  /** Told which camera changed (null: all of them, after a catch-up), so a map layer can send just that one. */
  const cameraListeners = new Set<(ids: string[] | null) => void>();
  const submittedListeners = new Set<SubmittedListener>();
  const eventListeners = new Set<ReportEventListener>();

  let syncer: Syncer | null = null;
  let onSyncFailed: (() => void) | null = null;
  let syncing = false;
  let syncToken = 0;
  let lastSyncAt = -Infinity;
  let syncTimer: ReturnType<typeof setTimeout> | undefined;
  let buffer: LiveEvent[] = [];

  function publish() {
    batch(() => {
      setSeq(appliedSeq);
      setSize(markers.size);
      setCounts({ ...counts });
      setBreached(breachedCount);
    });
  }

  function upsert(m: Marker) {
    const old = markers.get(m.id);
    if (old) counts[old.phase]--;
    counts[m.phase]++;
    if (old && breachedOpen(old)) breachedCount--;
    if (breachedOpen(m)) breachedCount++;
    markers.set(m.id, m);
  }

  function publishCameras() {
    setCameraList([...cameras.values()]);
  }

  /** A catch-up's cameras are as of its seq: they replace the wall's, except one the wall already holds newer (same store). */
  function replaceCameras(list: readonly CameraPublic[] | undefined, sameStore: boolean) {
    const old = new Map(cameras);
    cameras.clear();
    for (const c of list ?? []) {
      const held = old.get(c.id);
      cameras.set(c.id, sameStore && held && held.lastSeq > c.lastSeq ? held : c);
    }
    publishCameras();
    for (const fn of cameraListeners) fn(null);
  }

  function notify(ids: Iterable<number> | null) {
    for (const fn of changeListeners) fn(ids);
  }

  /** `live.catchup` and the answer to `live.sync`: a snapshot replaces everything, a delta upserts. */
  function applyCatchUp(c: CatchUp) {
    syncToken++; // whatever sync was under way is answered by this
    syncing = false;
    clearTimeout(syncTimer);
    // Events held from another store (the hub's store was replaced) mean nothing here. Before the first catch-up the
    // screen has no store yet: what it holds came on this connection, from this store, and may be newer than the
    // catch-up (an event committed after its read can overtake it on the wire).
    const sameStore = storeId === null || c.storeId === storeId;
    if (!sameStore) buffer = [];
    replaceCameras(c.cameras, sameStore);
    if (c.kind === 'snapshot') {
      markers.clear();
      Object.assign(counts, zeroCounts());
      breachedCount = 0;
      if (c.columns) forEachMarker(c.columns, (...m) => upsert(toMarker(...m)));
      else for (const t of c.markers) upsert(fromTuple(t));
      storeId = c.storeId;
      appliedSeq = c.seq;
      notify(null);
    } else {
      const ids: number[] = [];
      for (const t of c.markers) {
        upsert(fromTuple(t));
        ids.push(t[0]);
      }
      storeId = c.storeId;
      appliedSeq = Math.max(appliedSeq, c.seq);
      if (ids.length) notify(ids);
    }
    publish();
    noteAt(c.headAt);
    if (!caughtUp()) setCaughtUp(true);
    drain();
  }

  /** Events that came in while a gap was being filled, in order; those the catch-up already holds are dropped. */
  function drain() {
    if (!buffer.length) return;
    const pending = buffer.sort((a, b) => a.seq - b.seq);
    buffer = [];
    for (const e of pending) applyEvent(e);
  }

  /**
   * `report.event`, `camera.event` and `live.tick` (an event that changes neither): one seq sequence. In order
   * it is applied; already held it is ignored; after a gap the wall asks for what it missed.
   */
  function applyEvent(e: LiveEvent) {
    if (camerasOnly) {
      if (!('camera' in e)) return;
      const held = cameras.get(e.camera.id);
      if (held && held.lastSeq >= e.camera.lastSeq) return;
      applyCamera(e);
      appliedSeq = Math.max(appliedSeq, e.seq);
      noteAt(e.at);
      return batch(() => {
        publishCameras();
        publish();
      });
    }
    if (syncing) {
      if (e.seq > appliedSeq) hold(e);
      return;
    }
    if (e.seq <= appliedSeq) return;
    if (e.seq > appliedSeq + 1) {
      hold(e);
      startSync();
      return;
    }
    appliedSeq = e.seq;
    noteAt(e.at);
    if ('camera' in e) {
      applyCamera(e);
      return batch(() => {
        publishCameras();
        publish();
      });
    }
    if ('marker' in e) {
      upsert(fromTuple(e.marker));
      notify([e.marker[0]]);
      return publish();
    }
    if (!('report' in e)) return publish();
    upsert(fromReport(e.report));
    notify([e.report.id]);
    publish();
    if (e.type === 'report.submitted') for (const fn of submittedListeners) fn(e.report, e.at);
    for (const fn of eventListeners) fn(e);
  }

  function applyCamera(e: Extract<LiveEvent, { camera: CameraPublic }>) {
    if (e.type === 'camera.removed') cameras.delete(e.camera.id);
    else cameras.set(e.camera.id, e.camera);
    for (const fn of cameraListeners) fn([e.camera.id]);
  }

  function hold(e: LiveEvent) {
    buffer.push(e);
    if (buffer.length > MAX_BUFFERED) buffer.splice(0, buffer.length - MAX_BUFFERED);
  }

  /** `live.head` (onHeadBeat): a wall still short of the head heard a beat before catches up. */
  function noteHead(before: LiveHead | null, h: LiveHead) {
    if (camerasOnly || syncing || !caughtUp()) return;
    if (missedSinceLastBeat(before, h, { storeId, seq: appliedSeq })) startSync();
  }

  function startSync() {
    if (!syncer) return;
    const token = ++syncToken;
    syncing = true;
    const wait = Math.max(0, lastSyncAt + MIN_SYNC_INTERVAL_MS - Date.now());
    clearTimeout(syncTimer);
    syncTimer = setTimeout(() => {
      if (token !== syncToken || !syncer) return;
      lastSyncAt = Date.now();
      syncer({ storeId, seq: appliedSeq }).then(
        (c) => {
          if (token === syncToken) applyCatchUp(c);
        },
        () => {
          if (token !== syncToken) return;
          // The hub did not answer: drop what was held and start over from a fresh connection's catch-up.
          syncing = false;
          buffer = [];
          onSyncFailed?.();
        },
      );
    }, wait);
  }

  return {
    /** Test hook and layers: the markers by report id. Read only. */
    markers: markers as ReadonlyMap<number, Marker>,
    get: (id: number) => markers.get(id),
    /** The city's cameras by id. Read only; `cameraList` is the reactive view. */
    cameras: cameras as ReadonlyMap<string, CameraPublic>,
    /** Every camera, a new array whenever one changes (a catch-up or a camera event). */
    cameraList: cameraList as Accessor<readonly CameraPublic[]>,
    /** One camera, reactively. */
    camera: (id: string) => {
      cameraList();
      return cameras.get(id);
    },
    /** The seq of the last event applied. */
    seq: seq as Accessor<number>,
    /** How many markers the wall holds. */
    size: size as Accessor<number>,
    counts: countsSig as Accessor<Counts>,
    /** Open reports past a deadline. */
    breached: breachedSig as Accessor<number>,
    connection: connection as Accessor<Connection>,
    lastEventAt: lastEventAt as Accessor<string | null>,
    disconnectedAt: disconnectedAt as Accessor<Date | null>,
    /** True once the first catch-up has been applied. */
    caughtUp: caughtUp as Accessor<boolean>,
    /** What the socket's handshake tells the hub this wall already has. */
    have: () => ({ storeId, seq: appliedSeq }),
    camerasOnly,
    applyCatchUp,
    applyEvent,
    noteHead,
    setConnection(c: Connection) {
      if (c === 'reconnecting' && connection() === 'connected') setDisconnectedAt(new Date());
      if (c === 'connected') setDisconnectedAt(null);
      setConnection(c);
    },
    /** How the wall asks the hub for what it missed; `failed` runs when the hub does not answer. */
    useSyncer(fn: Syncer, failed: () => void) {
      syncer = fn;
      onSyncFailed = failed;
    },
    onCameraChange(fn: (ids: string[] | null) => void) {
      cameraListeners.add(fn);
      return () => cameraListeners.delete(fn);
    },
    onChange(fn: ChangeListener) {
      changeListeners.add(fn);
      return () => changeListeners.delete(fn);
    },
    onSubmitted(fn: SubmittedListener) {
      submittedListeners.add(fn);
      return () => submittedListeners.delete(fn);
    },
    /** Every report event as it is applied (not the ones a catch-up summarises). */
    onReportEvent(fn: ReportEventListener) {
      eventListeners.add(fn);
      return () => eventListeners.delete(fn);
    },
  };
}

export type Live = ReturnType<typeof createLive>;
