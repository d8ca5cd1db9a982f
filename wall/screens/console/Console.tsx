import { createEffect, createMemo, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { fetchProfile, profileLabels } from '../../lib/profile';
import { lang, t } from '../../lib/i18n';
import { clockLocal, zoneName } from '../../lib/time';
import type { Me } from '../../lib/staff';
import { HeaderMenu } from './HeaderMenu';
import { ct, withLang } from '../../lib/i18n/staff';
import { useNow } from '../../lib/format';
import { createQueue } from './queue';
import { Queue } from './Queue';
import { ConsoleMap } from './ConsoleMap';
import { ReportPanel, type PanelControl } from './ReportPanel';
import { AuditExport } from '../../components/AuditExport';
import { CameraAlerts, Escalations, Reminders } from './Alerts';
import { pt } from './performance-i18n';
import { IndicatorEntry } from './IndicatorEntry';
import { ACTION_KEYS, ACTION_ORDER, actionForKey, type ConsoleAction } from './actions';
import { IntakePanel } from './IntakePanel';
import { INTAKE_KEY, dt } from './duplicates-i18n';
import type * as maplibregl from 'maplibre-gl';
import { request } from '../../lib/api';

/** True when a key press belongs to a form field, not to the console's shortcuts. */
export function isTyping(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(type);
  }
  return false;
}

/** How long the cursor rests on a row (j/k) before the open panel follows it. */
const FOLLOW_MS = 180;

/** The operator console: the live queue, the map beside it, and the open report's panel. */
export function Console(props: { me: Me; onLogout: () => void; onUnauthenticated: () => void }) {
  const me = props.me;
  const queue = createQueue(me, { onUnauthenticated: props.onUnauthenticated });
  const [profile] = createResource(fetchProfile);
  const labels = createMemo(() => (profile() ? profileLabels(profile()!, lang) : null));
  const [subdistricts] = createResource(profile, async (p) => {
    try {
      const g = await request<GeoJSON.FeatureCollection>(p.geo.subdistricts);
      return new Map(g.features.map((f) => [String(f.properties?.code), String(f.properties?.name)]));
    } catch {
      return new Map<string, string>();
    }
  });

  const [cursorId, setCursorId] = createSignal<number | null>(null);
  const [openId, setOpenId] = createSignal<number | null>(null);
  const [openAt, setOpenAt] = createSignal<[number, number] | null>(null);
  const [openPhase, setOpenPhase] = createSignal<string | null>(null);
  const [zoomRequest, setZoomRequest] = createSignal(0);
  const [pending, setPending] = createSignal<ConsoleAction | null>(null);
  // The operator's intake form (a phone, SMS, WhatsApp or social-media complaint) takes the panel's place.
  const [intake, setIntake] = createSignal(false);
  const [consoleMap, setConsoleMap] = createSignal<maplibregl.Map>();
  const startIntake = () => (setOpenId(null), setPending(null), setIntake(true));
  let panel: PanelControl | null = null;
  let search: HTMLInputElement | undefined;
  let follow: ReturnType<typeof setTimeout> | undefined;

  const now = useNow();
  const agency = () => (me.agencyId ? profile()?.agencies.find((a) => a.id === me.agencyId) : undefined);

  // Tests (and people) can tell when the console is usable.
  createEffect(() => {
    if (queue.loaded() && profile()) document.body.dataset.console = 'ready';
  });
  onCleanup(() => delete document.body.dataset.console);
  document.title = `${ct.consoleTitle} — ${t.appName}`;

  function open(id: number) {
    setIntake(false);
    setCursorId(id);
    setOpenId(id);
  }
  function close() {
    setOpenId(null);
    setPending(null);
  }

  function move(d: number) {
    const rows = queue.rows;
    if (!rows.length) return;
    const i = rows.findIndex((r) => r.id === cursorId());
    const next = i < 0 ? (d > 0 ? 0 : rows.length - 1) : Math.min(rows.length - 1, Math.max(0, i + d));
    const id = rows[next].id;
    setCursorId(id);
    if (openId() !== null && openId() !== id) {
      clearTimeout(follow);
      follow = setTimeout(() => cursorId() === id && setOpenId(id), FOLLOW_MS);
    }
  }

  function onKey(e: KeyboardEvent) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return;
    if (isTyping(e.target)) return;
    if (panel?.modal()) return;
    if (intake()) {
      if (e.key !== 'Escape') return;
      setIntake(false);
      e.preventDefault();
      return;
    }
    if (e.key.toLowerCase() === INTAKE_KEY && !e.shiftKey) {
      startIntake();
      e.preventDefault();
      return;
    }
    const onControl = e.target instanceof HTMLElement && !!e.target.closest('button, a, summary');
    switch (e.key) {
      case 'j':
      case 'ArrowDown':
        move(1);
        break;
      case 'k':
      case 'ArrowUp':
        move(-1);
        break;
      case 'Enter':
        if (onControl) return;
        if (cursorId() !== null) open(cursorId()!);
        else move(1);
        break;
      case 'Escape':
        if (openId() !== null) close();
        else return;
        break;
      case '/':
        search?.focus();
        search?.select();
        break;
      default: {
        const a = actionForKey(e.key);
        if (!a || e.shiftKey) return;
        if (openId() !== null && panel?.report()?.id === openId()) {
          if (!panel.run(a)) return;
        } else if (openId() !== null || cursorId() !== null) {
          // The report is loading (or not open yet): the action runs once it is there.
          setPending(a);
          if (openId() === null) setOpenId(cursorId());
        } else return;
      }
    }
    e.preventDefault();
  }
  window.addEventListener('keydown', onKey);
  onCleanup(() => {
    window.removeEventListener('keydown', onKey);
    clearTimeout(follow);
  });

  const connLabel = () => (queue.connection() === 'connected' ? ct.connected : queue.connection() === 'reconnecting' ? ct.reconnecting : ct.connecting);

  return (
    <div class="cn-app" data-testid="console">
      <header class="cn-header">
        <div class="cn-brand">
          <span class="cn-brand-app">{t.appName}</span>
          <span class="cn-brand-sep">·</span>
          <span>{ct.consoleTitle}</span>
          <Show when={profile()}>
            <span class="cn-brand-city">{profile()!.name}</span>
          </Show>
        </div>
        <span class={`cn-conn cn-conn-${queue.connection()}`} data-testid="connection" data-state={queue.connection()} data-catchups={queue.catchUps()}>
          <i />
          {connLabel()}
        </span>
        <div class="cn-header-spacer" />
        <div class="cn-user" data-testid="current-user">
          <strong>{me.name ?? me.id}</strong>
          <span class="cn-muted">
            {ct.roles[me.role] ?? me.role}
            <Show when={agency()}> · {agency()!.short}</Show>
          </span>
        </div>
        <button type="button" class="cn-btn cn-btn-primary cn-btn-sm cn-btn-new" data-testid="new-report" onClick={startIntake}>
          {dt.newReport}
          <kbd>{INTAKE_KEY.toUpperCase()}</kbd>
        </button>
        <Reminders me={me} queue={queue} onOpen={open} />
        <Show when={me.role === 'operator' || me.role === 'supervisor'}>
          <IndicatorEntry me={me} />
        </Show>
        <Show when={me.role === 'supervisor' || me.role === 'admin'}>
          <Escalations queue={queue} agencyShort={(id) => profile()?.agencies.find((a) => a.id === id)?.short ?? id} onOpen={open} />
          <AuditExport />
        </Show>
        <span class="cn-clock" data-testid="clock">
          {clockLocal(now()).slice(0, 5)} {zoneName()}
        </span>
        <HeaderMenu>
          <a class="cn-btn cn-btn-ghost cn-btn-sm" href={withLang('/console/kinerja')} data-testid="performance-link">
            {pt.title}
          </a>
          <Show when={me.role === 'admin' || me.role === 'supervisor'}>
            <a class="cn-btn cn-btn-ghost cn-btn-sm" href={withLang('/admin')} data-testid="admin-link">
              {ct.adminLink}
            </a>
            <a class="cn-btn cn-btn-ghost cn-btn-sm" href={withLang('/console/layar')} data-testid="displays-link">
              {lang === 'en' ? 'Wall displays' : 'Layar dinding'}
            </a>
          </Show>
          <a class="cn-lang" href={lang === 'en' ? location.pathname : `${location.pathname}?lang=en`}>
            {lang === 'en' ? 'ID' : 'EN'}
          </a>
          <button type="button" class="cn-btn cn-btn-ghost cn-btn-sm" data-testid="logout" onClick={() => props.onLogout()}>
            {ct.logout}
          </button>
        </HeaderMenu>
      </header>

      <CameraAlerts me={me} queue={queue} />

      <Show when={queue.connection() === 'reconnecting'}>
        <div class="cn-banner" role="alert" data-testid="stale-banner">
          {ct.reconnecting}
        </div>
      </Show>

      <Show when={profile() && labels()} fallback={<div class="cn-center cn-muted">{ct.queueLoading}</div>}>
        <div class="cn-body" classList={{ 'with-panel': openId() !== null || intake(), 'with-report': !intake() && openId() !== null }}>
          <Queue
            me={me}
            queue={queue}
            profile={profile()!}
            labels={labels()!}
            cursorId={cursorId()}
            openId={openId()}
            onOpen={open}
            searchRef={(el) => (search = el)}
            onSearchDone={() => setCursorId(null)}
          />
          <ConsoleMap
            profile={profile()!}
            rows={queue.rows}
            openId={openId()}
            cursorId={cursorId()}
            openAt={openAt()}
            openPhase={openPhase()}
            zoomRequest={zoomRequest()}
            onPick={(id) => !intake() && open(id)}
            onMap={setConsoleMap}
          />
          <Show when={intake()}>
            <IntakePanel me={me} profile={profile()!} labels={labels()!} map={consoleMap()} onClose={() => setIntake(false)} onOpenReport={open} />
          </Show>
          <Show when={!intake() && openId()}>
            {(id) => (
              <ReportPanel
                id={id()}
                me={me}
                queue={queue}
                profile={profile()!}
                labels={labels()!}
                subdistrict={(code) => (code ? subdistricts()?.get(code) ?? null : null)}
                pending={pending()}
                clearPending={() => setPending(null)}
                onClose={close}
                onZoom={() => setZoomRequest((n) => n + 1)}
                onOpenReport={open}
                onLocation={(at, phase) => {
                  setOpenAt(at);
                  setOpenPhase(phase);
                }}
                bind={(c) => (panel = c)}
              />
            )}
          </Show>
        </div>
      </Show>

      <footer class="cn-keys" data-testid="shortcut-hints">
        <span>
          <kbd>J</kbd>
          <kbd>K</kbd> / <kbd>↓</kbd>
          <kbd>↑</kbd> {ct.keys.move}
        </span>
        <span>
          <kbd>Enter</kbd> {ct.keys.open}
        </span>
        <For each={ACTION_ORDER}>
          {(a) => (
            <span>
              <kbd>{ACTION_KEYS[a].toUpperCase()}</kbd> {ct.actions[a]}
            </span>
          )}
        </For>
        <span>
          <kbd>{INTAKE_KEY.toUpperCase()}</kbd> {dt.newReport}
        </span>
        <span>
          <kbd>/</kbd> {ct.keys.search}
        </span>
        <span>
          <kbd>Esc</kbd> {ct.keys.close}
        </span>
      </footer>
    </div>
  );
}
