import { createSignal, type Accessor } from 'solid-js';
import type { FieldJob } from '../../../server/contract/field';
import { ApiError, request, waitBeforeRetry } from '../../lib/api';
import { idbDelete, idbGet, idbGetAll, idbPut, KV, OUTBOX } from './idb';

/**
 * The field supervisor's outbox. Every action is written to IndexedDB first, with the clientId made for it
 * on the phone, and only then sent. It is sent again, with the same clientId, until the hub answers 2xx (done)
 * or a definitive 4xx (kept, marked failed, shown until the supervisor dismisses it). No answer, a 5xx, 408 or
 * 429 means "try again": after 2 s, then 4, 8 … up to 5 min, and at once when the phone comes back online.
 * The hub is idempotent on clientId, so a retry after a lost answer never makes a second proof.
 */
export type OutboxKind = 'accept' | 'start' | 'proof';
export type OutboxPhoto = { blob: Blob; name: string };
export type OutboxError = { status: number; code: string; message: string; field: string | null };

export type OutboxItem = {
  clientId: string;
  /** The account that made it: another account logging in on the same phone does not send it. */
  userId: string;
  kind: OutboxKind;
  jobId: number;
  ticket: string;
  createdAt: number;
  attempts: number;
  nextAt: number;
  lastTriedAt: number | null;
  state: 'pending' | 'failed';
  /** The last answer that was not a success: transient while pending, the reason when failed. */
  error: OutboxError | null;
  note?: string;
  lat?: number;
  lon?: number;
  accuracy?: number;
  photos?: OutboxPhoto[];
};

export type SentEntry = { clientId: string; userId: string; kind: OutboxKind; jobId: number; ticket: string; createdAt: number; sentAt: number };

const SENT_KEY = 'sent';
const SENT_KEEP = 40;
export const BACKOFF_FIRST_MS = 2_000;
export const BACKOFF_MAX_MS = 5 * 60_000;
const JSON_TIMEOUT_MS = 30_000;
const UPLOAD_TIMEOUT_MS = 180_000;

export function backoffMs(attempts: number): number {
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

export type OutboxOptions = {
  userId: () => string | null;
  /** The hub took it: its answer carries the job as it is now. */
  onSent: (item: OutboxItem, job: FieldJob | null) => void;
  /** The hub answered 401: the session is gone. Items stay; they go once the supervisor logs in again. */
  onAuthLost: () => void;
};

export function createOutbox(opts: OutboxOptions) {
  const [items, setItems] = createSignal<OutboxItem[]>([]);
  const [sent, setSent] = createSignal<SentEntry[]>([]);
  const [sending, setSending] = createSignal<string | null>(null);
  const [loaded, setLoaded] = createSignal(false);
  let flushing = false;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  async function reload() {
    const all = await idbGetAll<OutboxItem>(OUTBOX);
    all.sort((a, b) => a.createdAt - b.createdAt);
    setItems(all);
    return all;
  }

  async function load() {
    try {
      await reload();
      setSent((await idbGet<SentEntry[]>(KV, SENT_KEY)) ?? []);
    } finally {
      setLoaded(true);
    }
  }

  async function add(item: Omit<OutboxItem, 'createdAt' | 'attempts' | 'nextAt' | 'lastTriedAt' | 'state' | 'error'>) {
    const full: OutboxItem = { ...item, createdAt: Date.now(), attempts: 0, nextAt: 0, lastTriedAt: null, state: 'pending', error: null };
    await idbPut(OUTBOX, full);
    await reload();
    void flush();
    return full;
  }

  async function send(item: OutboxItem): Promise<{ job: FieldJob | null }> {
    const base = `/api/field/jobs/${item.jobId}`;
    if (item.kind !== 'proof') return request<{ job: FieldJob }>(`${base}/${item.kind}`, { method: 'POST', json: { clientId: item.clientId }, timeoutMs: JSON_TIMEOUT_MS });
    const fd = new FormData();
    fd.set('clientId', item.clientId);
    if (item.note) fd.set('note', item.note);
    if (item.lat !== undefined && item.lon !== undefined) {
      fd.set('lat', String(item.lat));
      fd.set('lon', String(item.lon));
    }
    for (const p of item.photos ?? []) fd.append('photos', p.blob, p.name);
    return request<{ job: FieldJob }>(`${base}/proof`, { method: 'POST', body: fd, timeoutMs: UPLOAD_TIMEOUT_MS });
  }

  async function recordSent(item: OutboxItem) {
    const entry: SentEntry = { clientId: item.clientId, userId: item.userId, kind: item.kind, jobId: item.jobId, ticket: item.ticket, createdAt: item.createdAt, sentAt: Date.now() };
    const next = [entry, ...sent().filter((s) => s.clientId !== item.clientId)].slice(0, SENT_KEEP);
    setSent(next);
    await idbPut(KV, next, SENT_KEY);
  }

  /** Sends what is due, oldest first; a job's later actions wait behind its earlier one. */
  async function flush(): Promise<void> {
    if (stopped) return;
    if (flushing) {
      again = true;
      return;
    }
    flushing = true;
    clearTimeout(timer);
    try {
      do {
        again = false;
        const me = opts.userId();
        if (!me) break;
        const queue = (await reload()).filter((i) => i.state === 'pending' && i.userId === me);
        const waitingJobs = new Set<number>();
        for (const item of queue) {
          if (waitingJobs.has(item.jobId)) continue;
          if (item.nextAt > Date.now() || (typeof navigator !== 'undefined' && navigator.onLine === false)) {
            waitingJobs.add(item.jobId);
            continue;
          }
          setSending(item.clientId);
          let outcome: 'sent' | 'retry' | 'failed' | 'auth';
          let job: FieldJob | null = null;
          let error: OutboxError | null = null;
          let retryAfterMs: number | null = null;
          try {
            job = (await send(item)).job ?? null;
            outcome = 'sent';
          } catch (err) {
            const e = err instanceof ApiError ? err : new ApiError(0, 'network', (err as Error).message);
            error = { status: e.status, code: e.error, message: e.message, field: e.field };
            outcome = e.status === 401 ? 'auth' : e.transient ? 'retry' : 'failed';
            retryAfterMs = e.retryAfterMs;
          } finally {
            setSending(null);
          }
          // The item may have been dismissed meanwhile; only what still exists is updated.
          const now = Date.now();
          if (outcome === 'sent') {
            await idbDelete(OUTBOX, item.clientId);
            await recordSent(item);
            await reload();
            opts.onSent(item, job);
            continue;
          }
          const updated: OutboxItem = { ...item, lastTriedAt: now, error };
          if (outcome === 'failed') updated.state = 'failed';
          if (outcome === 'retry') {
            updated.attempts = item.attempts + 1;
            updated.nextAt = now + waitBeforeRetry(backoffMs(updated.attempts), { retryAfterMs });
          }
          if (await idbGet(OUTBOX, item.clientId)) await idbPut(OUTBOX, updated);
          await reload();
          if (outcome === 'auth') {
            opts.onAuthLost();
            return;
          }
          if (outcome === 'retry') {
            // No answer for one means no answer for the rest: wait, then start again from the oldest.
            if (error?.status === 0) break;
            waitingJobs.add(item.jobId);
          }
        }
      } while (again);
    } finally {
      flushing = false;
      schedule();
    }
  }

  function schedule() {
    clearTimeout(timer);
    if (stopped) return;
    const me = opts.userId();
    const due = items().filter((i) => i.state === 'pending' && i.userId === me).map((i) => i.nextAt);
    if (!due.length) return;
    const wait = Math.max(1_000, Math.min(...due) - Date.now());
    timer = setTimeout(() => void flush(), wait);
  }

  /** Back online, or the supervisor pressed "send now": everything is due at once. */
  async function retryNow() {
    for (const i of await reload()) if (i.state === 'pending' && i.nextAt > 0) await idbPut(OUTBOX, { ...i, nextAt: 0 });
    await flush();
  }

  const onOnline = () => void retryNow();
  const onVisible = () => {
    if (document.visibilityState === 'visible') void flush();
  };

  return {
    items: items as Accessor<OutboxItem[]>,
    sent: sent as Accessor<SentEntry[]>,
    /** The clientId being sent right now. */
    sending: sending as Accessor<string | null>,
    loaded: loaded as Accessor<boolean>,
    load,
    add,
    flush,
    retryNow,
    /** Removes a failed (or, on request, a waiting) item for good. */
    async dismiss(clientId: string) {
      await idbDelete(OUTBOX, clientId);
      await reload();
    },
    start() {
      stopped = false;
      window.addEventListener('online', onOnline);
      document.addEventListener('visibilitychange', onVisible);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      window.removeEventListener('online', onOnline);
      document.removeEventListener('visibilitychange', onVisible);
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
