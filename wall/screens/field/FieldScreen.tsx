import { createMemo, createSignal, For, Match, onCleanup, onMount, Show, Switch } from 'solid-js';
import type { FieldJob } from '../../../server/contract/field';
import type { Actor } from '../../../server/contract/roles';
import type { PublicProfile } from '../../../server/contract/profile';
import { ApiError, newClientId, request } from '../../lib/api';
import { loadProfileCached, cachedProfile } from '../../lib/profile-cache';
import { currentPosition, locationPermission, type Position } from '../../lib/geo-position';
import { useLightPage } from '../../lib/light-page';
import { lang } from '../../lib/i18n';
import { stampLocal, timeLocal } from '../../lib/time';
import { ft } from './i18n';
import { idbDelete, idbGet, idbPut, KV } from './idb';
import { createOutbox, type OutboxItem, type OutboxPhoto } from './outbox';
import { jobViews, OPEN_JOB_STATUSES } from './jobs';
import { setUpFieldApp } from './pwa';
import { Login } from './Login';
import { JobCard } from './JobCard';
import { ProofSheet, type ProofDraft } from './ProofSheet';
import { FailedList } from './FailedList';
import './field.css';

const ME_KEY = 'pantau.field.me';
const REFRESH_MS = 60_000;
type Auth = 'checking' | 'in' | 'out' | 'lost' | 'wrong-role';
type CachedJobs = { jobs: FieldJob[]; at: number };

function readCachedMe(): Actor | null {
  try {
    const s = localStorage.getItem(ME_KEY);
    return s ? (JSON.parse(s) as Actor) : null;
  } catch {
    return null;
  }
}
function writeCachedMe(a: Actor | null) {
  try {
    if (a) localStorage.setItem(ME_KEY, JSON.stringify(a));
    else localStorage.removeItem(ME_KEY);
  } catch {
    /* refused: the session cookie still works */
  }
}

/**
 * /field: the field supervisor's phone. One hand, sunlight, weak signal: big type and buttons, light theme,
 * everything the supervisor does goes through the outbox, and the page opens without signal.
 */
export default function FieldScreen() {
  useLightPage('field');
  setUpFieldApp();
  document.title = ft.appTitle;

  const cached = readCachedMe();
  const [me, setMe] = createSignal<Actor | null>(cached);
  const [auth, setAuth] = createSignal<Auth>(cached ? 'in' : 'checking');
  const [jobs, setJobs] = createSignal<FieldJob[]>([]);
  const [jobsAt, setJobsAt] = createSignal<number | null>(null);
  const [fromCache, setFromCache] = createSignal(false);
  const [refreshing, setRefreshing] = createSignal(false);
  const [online, setOnline] = createSignal(navigator.onLine);
  const [pos, setPos] = createSignal<Position | null>(null);
  const [locState, setLocState] = createSignal<PermissionState | 'unknown' | 'asking'>('unknown');
  const [profile, setProfile] = createSignal<PublicProfile | null>(cachedProfile());
  const [proofFor, setProofFor] = createSignal<FieldJob | null>(null);
  const [toast, setToast] = createSignal<string | null>(null);
  let toastTimer: ReturnType<typeof setTimeout> | undefined;
  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  let pollTimer: ReturnType<typeof setInterval> | undefined;
  let readyMarked = false;

  const outbox = createOutbox({
    userId: () => (auth() === 'in' ? me()?.id ?? null : null),
    onSent(_item, job) {
      if (job) upsertJob(job);
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => void loadJobs(), 1_500);
    },
    onAuthLost: () => sessionLost(),
  });

  const cats = createMemo(() => new Map((profile()?.categories ?? []).map((c) => [c.id, c.label[lang]])));
  const districts = createMemo(() => new Map((profile()?.districts ?? []).map((d) => [d.code, d.name])));
  const labels = {
    category: (id: string) => cats().get(id) ?? id,
    district: (code: string | null) => (code ? districts().get(code) ?? code : null),
  };

  const mine = createMemo(() => outbox.items().filter((i) => i.userId === me()?.id));
  const waiting = createMemo(() => mine().filter((i) => i.state === 'pending'));
  const failed = createMemo(() => mine().filter((i) => i.state === 'failed'));
  const views = createMemo(() => (me() ? jobViews(jobs(), outbox.items(), outbox.sent(), me()!.id, pos()) : []));
  const viewById = createMemo(() => new Map(views().map((v) => [v.job.id, v])));
  const lastSent = createMemo(() => outbox.sent().find((s) => s.userId === me()?.id) ?? null);

  function showToast(text: string) {
    setToast(text);
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => setToast(null), 6_000);
  }

  function markReady() {
    if (readyMarked) return;
    readyMarked = true;
    document.body.dataset.field = 'ready';
  }

  function upsertJob(job: FieldJob) {
    setJobs((list) => {
      const rest = list.filter((j) => j.id !== job.id);
      return OPEN_JOB_STATUSES.includes(job.status) ? [...rest, job] : rest;
    });
  }

  async function restoreJobs(userId: string) {
    try {
      const c = await idbGet<CachedJobs>(KV, `jobs:${userId}`);
      if (c && jobsAt() === null) {
        setJobs(c.jobs);
        setJobsAt(c.at);
        setFromCache(true);
      }
    } catch {
      /* no IndexedDB (private mode on some phones): the list just starts empty offline */
    }
  }

  async function loadJobs() {
    const who = me();
    if (!who || auth() !== 'in') return;
    setRefreshing(true);
    try {
      const { jobs: list } = await request<{ jobs: FieldJob[] }>('/api/field/jobs', { timeoutMs: 20_000 });
      const at = Date.now();
      setJobs(list);
      setJobsAt(at);
      setFromCache(false);
      void idbPut(KV, { jobs: list, at } satisfies CachedJobs, `jobs:${who.id}`).catch(() => undefined);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) sessionLost();
      else setFromCache(true);
    } finally {
      setRefreshing(false);
      markReady();
    }
  }

  function sessionLost() {
    if (auth() === 'in') setAuth('lost');
    document.body.dataset.field = 'login';
    readyMarked = false;
  }

  function signedOut() {
    setAuth(me() ? 'lost' : 'out');
    document.body.dataset.field = 'login';
  }

  async function checkSession() {
    try {
      // /session answers a phone that is not signed in, or whose session the hub ended, with null (no failed request).
      const { actor } = await request<{ actor: Actor | null }>('/api/auth/session', { timeoutMs: 15_000 });
      if (!actor) return signedOut();
      if (actor.role !== 'field') {
        setMe(actor);
        setAuth('wrong-role');
        return;
      }
      const changed = me()?.id !== actor.id;
      setMe(actor);
      writeCachedMe(actor);
      setAuth('in');
      if (changed) {
        setJobs([]);
        setJobsAt(null);
        await restoreJobs(actor.id);
      }
      await loadJobs();
      void outbox.flush();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) signedOut();
      else if (!me()) {
        setAuth('out'); // offline and never logged in on this phone
        document.body.dataset.field = 'login';
      } else {
        markReady(); // offline: the saved list and outbox are on screen
      }
    }
  }

  async function onLoggedIn(actor: Actor) {
    const changed = me()?.id !== actor.id;
    setMe(actor);
    if (actor.role !== 'field') {
      setAuth('wrong-role');
      return;
    }
    writeCachedMe(actor);
    if (changed) {
      setJobs([]);
      setJobsAt(null);
      await restoreJobs(actor.id);
    }
    setAuth('in');
    await loadJobs();
    void outbox.flush();
    void sortByLocation(false);
  }

  async function logout() {
    const n = waiting().length;
    if (n > 0 && !confirm(ft.logoutPending(n))) return;
    try {
      await request('/api/auth/logout', { method: 'POST', timeoutMs: 10_000 });
    } catch {
      /* offline: the cookie is forgotten below anyway when it expires; the phone forgets the account now */
    }
    const who = me();
    if (who) void idbDelete(KV, `jobs:${who.id}`).catch(() => undefined);
    writeCachedMe(null);
    setMe(null);
    setJobs([]);
    setJobsAt(null);
    setAuth('out');
    document.body.dataset.field = 'login';
    readyMarked = false;
  }

  /** Nearest first: asked at once when the phone already allows it, else on the button. */
  async function sortByLocation(ask: boolean) {
    const state = await locationPermission();
    if (!ask && state !== 'granted') {
      setLocState(state);
      return;
    }
    setLocState('asking');
    const p = await currentPosition({ timeoutMs: 15_000, maxAgeMs: 120_000 });
    setPos(p);
    setLocState(p ? 'granted' : 'denied');
  }

  async function act(job: FieldJob, kind: 'accept' | 'start') {
    const who = me();
    if (!who) return;
    if (mine().some((i) => i.jobId === job.id && i.kind === kind && i.state === 'pending')) return;
    await outbox.add({ clientId: newClientId(kind), userId: who.id, kind, jobId: job.id, ticket: job.ticket });
    if (!navigator.onLine) showToast(ft.queuedOffline);
  }

  async function submitProof(job: FieldJob, draft: ProofDraft) {
    const who = me();
    if (!who) return;
    const photos: OutboxPhoto[] = draft.photos.map((p) => ({ blob: p.blob, name: p.name }));
    // Ask the browser to keep this storage: the outbox holds photos that exist nowhere else yet.
    void navigator.storage?.persist?.().catch(() => undefined);
    await outbox.add({
      clientId: draft.clientId, userId: who.id, kind: 'proof', jobId: job.id, ticket: job.ticket,
      note: draft.note || undefined, photos,
      ...(draft.pos ? { lat: draft.pos.lat, lon: draft.pos.lon, accuracy: draft.pos.accuracy } : {}),
    });
    setProofFor(null);
    showToast(navigator.onLine ? ft.queued : ft.queuedOffline);
    // The job moves to the top (what is still on the phone comes first): keep it in sight.
    requestAnimationFrame(() => document.querySelector(`[data-testid="job-card"][data-report-id="${job.id}"]`)?.scrollIntoView({ block: 'start' }));
  }

  async function dismiss(item: OutboxItem) {
    if (item.state === 'pending' && !confirm(ft.confirmRemove)) return;
    await outbox.dismiss(item.clientId);
  }

  const onOnline = () => {
    setOnline(true);
    void loadJobs();
  };
  const onOffline = () => setOnline(false);

  onMount(async () => {
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    outbox.start();
    void loadProfileCached().then((p) => p && setProfile(p));
    try {
      await outbox.load();
    } catch {
      /* no IndexedDB: actions are still sent, just not kept across a reload */
    }
    if (cached) await restoreJobs(cached.id);
    await checkSession();
    if (auth() === 'in') void sortByLocation(false);
    pollTimer = setInterval(() => {
      if (document.visibilityState === 'visible' && navigator.onLine && auth() === 'in') void loadJobs();
    }, REFRESH_MS);
  });

  onCleanup(() => {
    window.removeEventListener('online', onOnline);
    window.removeEventListener('offline', onOffline);
    outbox.stop();
    clearTimeout(toastTimer);
    clearTimeout(refreshTimer);
    clearInterval(pollTimer);
  });

  const otherLang = () => {
    const u = new URL(location.href);
    if (lang === 'en') u.searchParams.delete('lang');
    else u.searchParams.set('lang', 'en');
    return u.pathname + u.search;
  };

  return (
    <div class="fp" lang={lang}>
      <Switch>
        <Match when={auth() === 'checking'}>
          <div class="fp-center">
            <p class="fp-big">{ft.loading}</p>
          </div>
        </Match>
        <Match when={auth() === 'out' || auth() === 'lost'}>
          <Login lost={auth() === 'lost'} onLoggedIn={onLoggedIn} otherLang={otherLang()} />
        </Match>
        <Match when={auth() === 'wrong-role'}>
          <div class="fp-center">
            <p class="ph-error-box">{ft.notField}</p>
            <button class="btn btn-dark" type="button" onClick={logout}>
              {ft.logout}
            </button>
          </div>
        </Match>
        <Match when={auth() === 'in'}>
          <header class="fp-top">
            <div class="fp-title">
              <span class="fp-app">{ft.appTitle}</span>
              <span class="fp-user">{me()?.name ?? me()?.id}</span>
            </div>
            <span class={`fp-net ${online() ? 'on' : 'off'}`} data-testid="net-state">
              <span class="dot" />
              {online() ? ft.online : ft.offline}
            </span>
          </header>

          <section class={`fp-outbox ${waiting().length ? 'has' : 'none'}`} aria-live="polite">
            <div class="fp-outbox-line">
              <strong data-testid="outbox-count" data-count={waiting().length}>
                {waiting().length ? ft.waiting(waiting().length) : ft.allSent}
              </strong>
              <Show when={waiting().length && online()}>
                <button class="btn btn-small" type="button" onClick={() => void outbox.retryNow()}>
                  {ft.sendNow}
                </button>
              </Show>
            </div>
            <Show when={lastSent()}>
              {(s) => (
                <div class="fp-outbox-sent">
                  {ft.lastSent}: {ft.sentAt[s().kind]} · {s().ticket} · {stampLocal(s().sentAt)}
                </div>
              )}
            </Show>
          </section>

          <FailedList items={failed()} onDismiss={dismiss} />

          <Show when={toast()}>
            <div class="fp-toast" role="status">
              {toast()}
            </div>
          </Show>

          <div class="fp-toolbar">
            <div class="fp-sort">
              <Switch fallback={<span>{ft.sortOldest}</span>}>
                <Match when={pos()}>
                  <span>{ft.sortNearest}</span>
                </Match>
                <Match when={locState() === 'asking'}>
                  <span>{ft.locating}</span>
                </Match>
                <Match when={locState() === 'denied'}>
                  <span>{ft.locationDenied}</span>
                </Match>
              </Switch>
              <Show when={!pos() && locState() !== 'denied' && locState() !== 'asking'}>
                <button class="btn btn-outline btn-small" type="button" onClick={() => void sortByLocation(true)}>
                  {ft.useLocation}
                </button>
              </Show>
            </div>
            <div class="fp-refresh">
              <Show when={jobsAt()}>
                {(at) => (
                  <span class="fp-at">
                    {ft.dataAt} {timeLocal(at())} WIB
                  </span>
                )}
              </Show>
              <button class="btn btn-outline btn-small" type="button" disabled={refreshing()} onClick={() => void loadJobs()}>
                {refreshing() ? ft.refreshing : ft.refresh}
              </button>
            </div>
            <Show when={fromCache() && jobsAt()}>
              <p class="fp-cached">{ft.cachedNote}</p>
            </Show>
          </div>

          <main class="fp-jobs">
            <h1 class="fp-h1">
              {ft.jobsTitle} <span class="fp-h1-count">({views().length})</span>
            </h1>
            <Show when={views().length} fallback={<p class="fp-empty">{ft.noJobs}</p>}>
              {/* Keyed by job id, so a card keeps its DOM (photo, scroll position) while its state changes. */}
              <For each={views().map((v) => v.job.id)}>
                {(jobId) => {
                  const v = () => viewById().get(jobId)!;
                  return (
                    <Show when={viewById().get(jobId)}>
                      <JobCard
                        view={v()}
                        labels={labels}
                        sending={outbox.sending()}
                        onAccept={() => void act(v().job, 'accept')}
                        onStart={() => void act(v().job, 'start')}
                        onProof={() => setProofFor(v().job)}
                      />
                    </Show>
                  );
                }}
              </For>
            </Show>
          </main>

          <footer class="fp-foot">
            <a class="btn btn-outline" href={otherLang()}>
              {ft.language}
            </a>
            <button class="btn btn-outline" type="button" onClick={logout} data-testid="logout">
              {ft.logout}
            </button>
          </footer>

          <Show when={proofFor()} keyed>
            {(job) => <ProofSheet job={job} labels={labels} onCancel={() => setProofFor(null)} onSubmit={(d) => void submitProof(job, d)} />}
          </Show>
        </Match>
      </Switch>
    </div>
  );
}
