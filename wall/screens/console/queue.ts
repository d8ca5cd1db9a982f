import { batch, createSignal, onCleanup } from 'solid-js';
import { createStore, reconcile, unwrap } from 'solid-js/store';
import type { LiveReportEvent } from '../../../server/contract/events';
import { missedSinceLastBeat } from '../../../server/domain/catchup';
import type { ReportPublic, ReportStatus } from '../../../server/contract/reports';
import { AWAITING_RESPONSE, FIXED, RESPONDING, VOID } from '../../../server/domain/statuses';
import { api } from '../../lib/api';
import { onHeadBeat, openLiveSocket, type LiveSocket } from '../../lib/socket';
import { type Me, type StaffReport } from '../../lib/staff';
import type { QueueAnswer, QueueTotal } from '../../../server/contract/console';

export type TabId = 'todo' | 'incoming' | 'proof' | 'working' | 'done' | 'void' | 'all';
/** Each queue tab and the statuses it shows. */
export const TABS: { id: TabId; statuses: ReportStatus[] }[] = [
  { id: 'todo', statuses: ['new', 'checked', 'proof_submitted'] },
  { id: 'incoming', statuses: [...AWAITING_RESPONSE] },
  { id: 'proof', statuses: ['proof_submitted'] },
  { id: 'working', statuses: [...RESPONDING] },
  { id: 'done', statuses: [...FIXED] },
  { id: 'void', statuses: [...VOID] },
  { id: 'all', statuses: [] },
];

export type Filters = {
  tab: TabId;
  category: string;
  district: string;
  channel: string;
  agency: string;
  olderThanHours: string;
  /** '' any, 'true' past a deadline, 'false' within every deadline. */
  breached: string;
  q: string;
};
const DEFAULT_FILTERS: Filters = { tab: 'todo', category: '', district: '', channel: '', agency: '', olderThanHours: '', breached: '', q: '' };
export const defaultFilters = (): Filters => ({ ...DEFAULT_FILTERS });

/** Rows per page: the list asks for the next page as the operator scrolls near the end of what it has. */
export const QUEUE_PAGE = 100;
/** Live events re-fetch the queue at most this often. */
const REFRESH_MIN_MS = 1_000;
/** A live queue counts its total again at most this often (a count reads up to 1,000 rows; changes come every second). */
const TOTAL_EVERY_MS = 10_000;
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
 * The operator's queue: the console API's pages for the current filters (newest first, by cursor), kept live by the
 * hub's event stream. A report event patches its row at once and asks what changed since the list's seq (at most
 * once a second): reports that now match come in at their place among the rows loaded (a new one at the top), rows
 * that no longer match leave; rows keep their identity (keyed by id), so the selection and the scroll position
 * survive it. However far the operator has scrolled, a refresh costs what changed, not the pages loaded.
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
  /** The cursor of the page after the rows loaded; null once the last page is in. */
  const [next, setNext] = createSignal<number | null>(null);
  const [total, setTotal] = createSignal<QueueTotal | null>(null);
  const [loadingMore, setLoadingMore] = createSignal(false);
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
  /** The seq the rows are current to: what the next refresh asks "since". */
  let listSeq: number | null = null;
  let totalAt = 0;
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
    if (f.breached) p.set('breached', f.breached);
    if (f.q.trim()) p.set('q', f.q.trim());
    p.set('limit', String(QUEUE_PAGE));
    return p.toString();
  }

  /** One GET of the list; null when a newer request (other filters) overtook it or it failed (retried). */
  async function fetchList(extra: string): Promise<QueueAnswer | null> {
    const token = reqToken;
    lastLoadAt = Date.now();
    setLoading(true);
    const r = await api<QueueAnswer>(`/api/console/reports?${query(filters())}${extra}`);
    if (token !== reqToken) return null;
    setLoading(false);
    clearTimeout(retryTimer);
    if (!r.ok) {
      if (r.status === 401) opts.onUnauthenticated();
      else {
        setError(true);
        retryTimer = setTimeout(() => void refresh(), 5_000);
      }
      return null;
    }
    setError(false);
    setUpdatedAt(new Date());
    if (!storeId) seq = Math.max(seq, r.data.seq);
    return r.data;
  }

  /** The first page for the current filters: the rows start again from the top. */
  async function load() {
    ++reqToken;
    const a = await fetchList('');
    if (a) applyFirstPage(a);
  }

  function applyFirstPage(a: QueueAnswer) {
    listSeq = a.seq;
    const restore = beforeApply?.();
    batch(() => {
      setRows(reconcile(a.reports, { key: 'id', merge: true }));
      for (const x of a.reports) noteVersion(x.id, x.version);
      setNext(a.next ?? null);
      if (a.total) (setTotal(a.total), (totalAt = Date.now()));
    });
    restore?.();
    if (!loaded()) setLoaded(true);
  }

  /** The next page, when the operator scrolls near the end of the rows loaded. */
  async function loadMore() {
    const cursor = next();
    if (cursor === null || loadingMore() || !loaded()) return;
    setLoadingMore(true);
    const token = reqToken;
    const a = await fetchList(`&cursor=${cursor}`);
    if (token === reqToken) setLoadingMore(false);
    if (!a || next() !== cursor) return;
    // A page read before the last change applied may hold a row that changed since: ask again from its seq.
    if (listSeq !== null && a.seq < listSeq) (listSeq = a.seq), requestRefresh();
    const have = new Set(rows.map((x) => x.id));
    batch(() => {
      setRows((old) => [...old, ...a.reports.filter((x) => !have.has(x.id))]);
      for (const x of a.reports) noteVersion(x.id, x.version);
      setNext(a.next ?? null);
    });
  }

  /** What changed since the list's seq, applied to the rows loaded; the first page when there is no list yet. */
  async function refresh() {
    if (listSeq === null) return load();
    const counting = Date.now() - totalAt >= TOTAL_EVERY_MS;
    const a = await fetchList(`&since=${listSeq}${counting ? '' : '&total=false'}`);
    if (!a) return;
    if (a.reset) return applyFirstPage(a);
    // Two refreshes answered out of order: the older one's rows went in last, so ask again from its seq.
    if (listSeq !== null && a.seq < listSeq) requestRefresh();
    listSeq = a.seq;
    const gone = new Set(a.gone ?? []);
    const end = next() === null ? 0 : (rows[rows.length - 1]?.id ?? Infinity);
    const arrived: number[] = [];
    const restore = beforeApply?.();
    batch(() => {
      const list = unwrap(rows).filter((x) => !gone.has(x.id));
      const left = rows.length - list.length;
      // Up to 500 changes over thousands of rows loaded: each row found by id, not by a search of the list.
      const at = new Map(list.map((x, i) => [x.id, i]));
      for (const r of a.reports) {
        noteVersion(r.id, r.version);
        const i = at.get(r.id);
        if (i !== undefined) list[i] = r;
        else if (r.id > end) (list.push(r), arrived.push(r.id)); // within the rows loaded; one further down comes with its page
      }
      list.sort((x, y) => y.id - x.id);
      setRows(reconcile(list, { key: 'id', merge: true }));
      if (a.total) (setTotal(a.total), (totalAt = Date.now()));
      else {
        // Until the next count: what this list saw come and go (a change further down than the rows loaded waits for it).
        const t = total();
        if (t && !t.atLeast) setTotal({ count: Math.max(0, t.count + arrived.length - left), atLeast: false });
      }
      if (arrived.length) markFresh(arrived);
    });
    restore?.();
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
      void refresh();
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
    setTotal(null);
    listSeq = null;
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
      // Another store (or too far behind): its seqs say nothing about this list, so it starts again.
      if (c.kind === 'snapshot') listSeq = null;
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
    socket.on('camera.event', (e) => {
      seq = Math.max(seq, e.seq);
      setCameraTick((n) => n + 1);
    });
    socket.on('indicator.event', (e) => {
      seq = Math.max(seq, e.seq);
    });
    // The hub's head every few seconds: still short of the head heard a beat ago, an event was lost on the way.
    onHeadBeat(socket, (before, h) => {
      // Another store comes with a new connection's catch-up; here only what this store's stream lost.
      if (!caughtUp || h.storeId !== storeId || !missedSinceLastBeat(before, h, { storeId, seq })) return;
      seq = before!.seq;
      requestRefresh();
    });
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
    next,
    total,
    loadingMore,
    loadMore,
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
    reload: refresh,
    /** The queue component keeps its scroll anchored across a refresh through this. */
    onBeforeApply(fn: () => (() => void) | void) {
      beforeApply = fn;
    },
  };
}

export type Queue = ReturnType<typeof createQueue>;
