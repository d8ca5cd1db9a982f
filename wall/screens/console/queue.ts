import { batch, createSignal, onCleanup } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { LiveReportEvent } from '../../../server/contract/events';
import type { ReportPublic, ReportStatus } from '../../../server/contract/reports';
import { AWAITING_RESPONSE, FIXED, RESPONDING } from '../../../server/domain/statuses';
import { api } from '../../lib/api';
import { openLiveSocket, type LiveSocket } from '../../lib/socket';
import { type Me, type StaffReport } from '../../lib/staff';

export type TabId = 'todo' | 'incoming' | 'proof' | 'working' | 'done' | 'void' | 'all';
/** Each queue tab and the statuses it shows. */
export const TABS: { id: TabId; statuses: ReportStatus[] }[] = [
  { id: 'todo', statuses: ['new', 'checked', 'proof_submitted'] },
  { id: 'incoming', statuses: [...AWAITING_RESPONSE] },
  { id: 'proof', statuses: ['proof_submitted'] },
  { id: 'working', statuses: [...RESPONDING] },
  { id: 'done', statuses: [...FIXED] },
  { id: 'void', statuses: ['rejected', 'merged'] },
  { id: 'all', statuses: [] },
];

export type Filters = {
  tab: TabId;
  category: string;
  district: string;
  channel: string;
  agency: string;
  olderThanHours: string;
  q: string;
};
const DEFAULT_FILTERS: Filters = { tab: 'todo', category: '', district: '', channel: '', agency: '', olderThanHours: '', q: '' };
export const defaultFilters = (): Filters => ({ ...DEFAULT_FILTERS });

/** The queue shows at most this many rows (the API's maximum is 500). */
export const QUEUE_LIMIT = 300;
/** Live events re-fetch the queue at most this often. */
const REFRESH_MIN_MS = 1_000;
/** A row that just arrived is highlighted this long. */
const FRESH_MS = 6_000;
const STORAGE_KEY = 'pantau.console.filters';

export type Connection = 'connecting' | 'connected' | 'reconnecting';

function loadFilters(): Filters {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Filters> | null;
    if (saved && typeof saved === 'object') return { ...DEFAULT_FILTERS, ...saved, q: '' };
  } catch {
    /* nothing saved */
  }
  return defaultFilters();
}

/**
 * The operator's queue: the console API's list for the current filters, kept live by the hub's event
 * stream. A report event patches its row at once and asks for a fresh list (at most once a second), so
 * new reports come in at the top and rows that no longer match leave; rows keep their identity (keyed
 * by id), so the selection and the scroll position survive a refresh.
 */
export function createQueue(me: Me, opts: { onUnauthenticated: () => void }) {
  const [filters, setFiltersSig] = createSignal<Filters>(loadFilters());
  const [rows, setRows] = createStore<StaffReport[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [loading, setLoading] = createSignal(false);
  const [error, setError] = createSignal(false);
  const [connection, setConnection] = createSignal<Connection>('connecting');
  const [fresh, setFresh] = createSignal<ReadonlySet<number>>(new Set());
  const [updatedAt, setUpdatedAt] = createSignal<Date | null>(null);
  /** The newest version the hub has announced for each report (events and lists): the panel compares. */
  const [versions, setVersions] = createStore<Record<number, number>>({});
  const [lastEvent, setLastEvent] = createSignal<LiveReportEvent | null>(null);
  /** Bumped on every camera.event from the hub: the camera alert banner re-fetches on it. */
  const [cameraTick, setCameraTick] = createSignal(0);
  /** How many catch-ups the hub has sent (one per (re)connect): the connection badge shows it for tests. */
  const [catchUps, setCatchUps] = createSignal(0);

  let beforeApply: (() => (() => void) | void) | null = null;
  let reqToken = 0;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let lastLoadAt = 0;
  let filtersKey = '';
  let knownIds = new Set<number>();
  /** Where the live stream stands: what the socket handshake tells the hub on (re)connect. */
  let storeId: string | null = null;
  let seq = 0;

  function noteVersion(id: number, v: number) {
    if ((versions[id] ?? 0) < v) setVersions(id, v);
  }

  function query(f: Filters): string {
    const p = new URLSearchParams();
    const tab = TABS.find((x) => x.id === f.tab) ?? TABS[0];
    if (tab.statuses.length) p.set('status', tab.statuses.join(','));
    if (f.category) p.set('category', f.category);
    if (f.district) p.set('district', f.district);
    if (f.channel) p.set('channel', f.channel);
    if (f.agency && me.role !== 'operator') p.set('agency', f.agency);
    if (f.olderThanHours) p.set('olderThanHours', f.olderThanHours);
    if (f.q.trim()) p.set('q', f.q.trim());
    p.set('limit', String(QUEUE_LIMIT));
    return p.toString();
  }

  async function load() {
    const token = ++reqToken;
    const f = filters();
    const key = query(f);
    lastLoadAt = Date.now();
    setLoading(true);
    const r = await api<{ seq: number; reports: StaffReport[] }>(`/api/console/reports?${key}`);
    if (token !== reqToken) return;
    setLoading(false);
    clearTimeout(retryTimer);
    if (!r.ok) {
      if (r.status === 401) return opts.onUnauthenticated();
      setError(true);
      retryTimer = setTimeout(load, 5_000);
      return;
    }
    if (!storeId) seq = Math.max(seq, r.data.seq);
    const sameFilters = key === filtersKey;
    filtersKey = key;
    const incoming = r.data.reports;
    const arrived = sameFilters && loaded() ? incoming.filter((x) => !knownIds.has(x.id)).map((x) => x.id) : [];
    knownIds = new Set(incoming.map((x) => x.id));
    const restore = beforeApply?.();
    batch(() => {
      setRows(reconcile(incoming, { key: 'id', merge: true }));
      for (const x of incoming) noteVersion(x.id, x.version);
      setError(false);
      setUpdatedAt(new Date());
      if (arrived.length) markFresh(arrived);
    });
    restore?.();
    if (!loaded()) setLoaded(true);
  }

  function markFresh(ids: number[]) {
    setFresh((s) => new Set([...s, ...ids]));
    setTimeout(() => setFresh((s) => new Set([...s].filter((id) => !ids.includes(id)))), FRESH_MS);
  }

  /** A re-fetch soon: at most one a second however many events come in. */
  function requestRefresh() {
    if (refreshTimer !== undefined) return;
    refreshTimer = setTimeout(() => {
      refreshTimer = undefined;
      void load();
    }, Math.max(0, lastLoadAt + REFRESH_MIN_MS - Date.now()));
  }

  function setFilters(patch: Partial<Filters>) {
    const next = { ...filters(), ...patch };
    setFiltersSig(next);
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...next, q: '' }));
    } catch {
      /* storage refused */
    }
    clearTimeout(refreshTimer);
    refreshTimer = undefined;
    void load();
  }

  /** Whether an event's report concerns this queue at all (an operator sees only their agency). */
  function inScope(r: ReportPublic): boolean {
    if (me.role === 'operator') return r.agencyId === me.agencyId;
    const agency = filters().agency;
    return !agency || r.agencyId === agency;
  }

  /** After an action in the panel: the row shows the new state at once. */
  function patch(r: Partial<StaffReport> & { id: number }) {
    const i = rows.findIndex((x) => x.id === r.id);
    if (i >= 0) setRows(i, (old) => ({ ...old, ...r }));
    if (r.version) noteVersion(r.id, r.version);
    requestRefresh();
  }

  // --- the live stream ---
  let socket: LiveSocket | null = null;
  let disposed = false;

  async function connect() {
    // The hub's store id lets the handshake ask for a delta, not every marker of the city.
    const h = await api<{ storeId: string; seq: number }>('/api/health');
    if (disposed) return;
    // From the hub's current seq: the console needs no markers from before (the list is fetched), only what follows.
    if (h.ok) {
      storeId = h.data.storeId;
      seq = Math.max(seq, h.data.seq);
    }
    socket = openLiveSocket(() => ({ storeId, seq }));
    socket.on('connect', () => setConnection('connected'));
    socket.on('disconnect', () => setConnection('reconnecting'));
    socket.on('connect_error', (err) => {
      setConnection(loaded() ? 'reconnecting' : 'connecting');
      if (err.message === 'unauthenticated') opts.onUnauthenticated();
    });
    // Catch-up by seq: the hub sends what changed since the seq this queue last heard, so a reconnect after a quiet
    // outage fetches nothing. The list is fetched again when reports did change while away, when the hub could only
    // send a snapshot (another store, too far behind), and after the first handshake (its seq is the health
    // check's, and the list was fetched beside it: an event between the two would be in neither).
    let caughtUp = false;
    socket.on('live.catchup', (c) => {
      const missed = !caughtUp || c.kind === 'snapshot' || c.markers.length > 0;
      caughtUp = true;
      storeId = c.storeId;
      seq = c.seq;
      setCatchUps((n) => n + 1);
      if (missed) requestRefresh();
    });
    socket.on('live.tick', (e) => {
      seq = Math.max(seq, e.seq);
    });
    socket.on('report.event', (e) => {
      seq = Math.max(seq, e.seq);
      const r = e.report;
      const i = rows.findIndex((x) => x.id === r.id);
      if (i < 0 && !inScope(r)) return;
      noteVersion(r.id, r.version);
      setLastEvent(e);
      if (i >= 0 && rows[i].version < r.version) setRows(i, (old) => ({ ...old, ...r }));
      requestRefresh();
    });
    socket.on('camera.event', () => setCameraTick((n) => n + 1));
  }

  void load();
  void connect();

  onCleanup(() => {
    disposed = true;
    clearTimeout(refreshTimer);
    clearTimeout(retryTimer);
    socket?.close();
  });

  return {
    rows,
    filters,
    setFilters,
    loaded,
    loading,
    error,
    connection,
    fresh,
    updatedAt,
    lastEvent,
    cameraTick,
    catchUps,
    /** The newest version known for a report (0 when none). */
    versionOf: (id: number) => versions[id] ?? 0,
    noteVersion,
    patch,
    reload: load,
    /** The queue component keeps its scroll anchored across a refresh through this. */
    onBeforeApply(fn: () => (() => void) | void) {
      beforeApply = fn;
    },
  };
}

export type Queue = ReturnType<typeof createQueue>;
