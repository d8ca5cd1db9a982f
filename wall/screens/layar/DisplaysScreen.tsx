import { createMemo, createResource, createSignal, For, Index, Match, onCleanup, Show, Switch } from 'solid-js';
import { VIEW_IDS, type DisplayView, type Layout, type RevokedDisplayView, type ViewId } from '../../../server/contract/layouts';
import { fetchProfile } from '../../lib/profile';
import { t } from '../../lib/i18n';
import { viewName } from '../../lib/views';
import { describeLayout } from '../../lib/describe-layout';
import { api } from '../../lib/api';
import { type Me } from '../../lib/staff';
import { createSession, SessionGate } from '../../components/session';
import { ct, withLang } from '../../lib/i18n/staff';
import { whenLocal } from '../../lib/format';
import { dt } from './console-i18n';
import '../../components/staff.css';
import './displays.css';

const WINDOWS = ['1h', '6h', '24h', '7d'] as const;
type Kind = Layout['kind'];
type Item = { view: ViewId; seconds: number; window: string };

/** /console/layar: supervisors and admins see every paired wall display and assign what it shows. */
export default function DisplaysScreen() {
  const session = createSession();
  document.title = `${dt.title} — ${t.appName}`;
  return (
    <div class="cn-root">
      <SessionGate session={session} title={dt.title}>
        {(me) => (
          <Show
            when={me.role === 'admin' || me.role === 'supervisor'}
            fallback={
              <div class="cn-center">
                <div class="cn-card cn-narrow" data-testid="displays-forbidden">
                  <p>{ct.supervisorOnly}</p>
                  <a class="cn-btn cn-btn-primary" href={withLang('/console')}>
                    {ct.backToConsole}
                  </a>
                </div>
              </div>
            }
          >
            <Displays me={me} onLogout={() => session.logout()} />
          </Show>
        )}
      </SessionGate>
    </div>
  );
}

function Displays(props: { me: Me; onLogout: () => void }) {
  const [profile] = createResource(fetchProfile);
  const [displays, setDisplays] = createSignal<DisplayView[] | null>(null);
  const [revoked, setRevoked] = createSignal<RevokedDisplayView[]>([]);
  const [confirming, setConfirming] = createSignal<string | null>(null);
  const [editing, setEditing] = createSignal<string | null>(null);
  const [message, setMessage] = createSignal<string | null>(null);

  const ids = createMemo(() => (displays() ?? []).map((d) => d.id), [], { equals: (a, b) => a.length === b.length && a.every((x, i) => x === b[i]) });

  async function load() {
    const r = await api<{ displays: DisplayView[]; revoked: RevokedDisplayView[] }>('/api/displays');
    if (r.ok) {
      setDisplays(r.data.displays);
      setRevoked(r.data.revoked ?? []);
    }
  }

  /** The token stops working at once: the hub disconnects the screen and it cannot connect again. */
  async function revoke(d: DisplayView) {
    const r = await api(`/api/displays/${d.id}/revoke`, { method: 'POST' });
    setConfirming(null);
    if (r.ok) setMessage(dt.revokedOne(d.name));
    else setMessage(r.message);
    void load();
  }
  void load();
  // Online and last seen change on their own: read them again every few seconds.
  const timer = setInterval(load, 5_000);
  onCleanup(() => clearInterval(timer));

  return (
    <div class="cn-app cn-admin" data-testid="displays">
      <header class="cn-header">
        <div class="cn-brand">
          <span class="cn-brand-app">{t.appName}</span>
          <span class="cn-brand-sep">·</span>
          <span>{dt.title}</span>
          <Show when={profile()}>
            <span class="cn-brand-city">{profile()!.name}</span>
          </Show>
        </div>
        <div class="cn-header-spacer" />
        <div class="cn-user">
          <strong>{props.me.name ?? props.me.id}</strong>
          <span class="cn-muted">{ct.roles[props.me.role] ?? props.me.role}</span>
        </div>
        <a class="cn-btn cn-btn-ghost cn-btn-sm" href={withLang('/console')}>
          {dt.back}
        </a>
        <button type="button" class="cn-btn cn-btn-ghost cn-btn-sm" onClick={() => props.onLogout()}>
          {ct.logout}
        </button>
      </header>
      <div class="cn-admin-body">
        <p class="cn-muted">{dt.intro}</p>
        <Show when={message()}>
          <div class="cn-alert dp-ok" role="status" data-testid="displays-message">
            {message()}
          </div>
        </Show>
        <Show when={displays()} fallback={<p class="cn-muted">…</p>}>
          <Show when={displays()!.length} fallback={<p data-testid="displays-none">{dt.none}</p>}>
            <div class="dp-list">
              {/* Keyed by id: the list is read again every few seconds, and an open form must not be reset by it. */}
              <For each={ids()}>
                {(id) => {
                  const d = () => displays()!.find((x) => x.id === id)!;
                  return (
                  <section class="cn-card dp-card" data-testid="display-card" data-display-id={d().id}>
                    <div class="dp-head">
                      <span class={`dp-dot ${d().online ? 'dp-on' : 'dp-off'}`} />
                      <strong class="dp-name">{d().name}</strong>
                      <span class="cn-muted" data-testid="display-online" data-online={d().online ? 'yes' : 'no'}>
                        {d().online ? dt.online : `${dt.offline} · ${dt.lastSeen} ${d().lastSeenAt ? whenLocal(d().lastSeenAt!) : dt.never}`}
                      </span>
                    </div>
                    <p class="dp-shows">
                      {dt.shows}: <strong data-testid="display-layout">{describeLayout(d().layout)}</strong>
                      <Show when={d().layoutAt}>
                        <span class="cn-muted">
                          {' '}
                          · {whenLocal(d().layoutAt!)} {dt.by} {d().layoutBy}
                        </span>
                      </Show>
                    </p>
                    <p class="cn-muted dp-paired" data-testid="display-paired">
                      {dt.paired} {whenLocal(d().createdAt)}
                      <Show when={d().pairedBy}> {dt.by} {d().pairedBy}</Show>
                    </p>
                    <Show
                      when={editing() === d().id}
                      fallback={
                        <div class="dp-actions">
                          <button type="button" class="cn-btn cn-btn-sm" data-testid="display-edit" onClick={() => setEditing(d().id)}>
                            {dt.change}
                          </button>
                          <Show
                            when={confirming() === d().id}
                            fallback={
                              <button type="button" class="cn-btn cn-btn-sm cn-btn-danger-ghost" data-testid="display-revoke" onClick={() => setConfirming(d().id)}>
                                {dt.revoke}
                              </button>
                            }
                          >
                            <span class="dp-confirm">{dt.revokeConfirm}</span>
                            <button type="button" class="cn-btn cn-btn-sm cn-btn-danger" data-testid="display-revoke-confirm" onClick={() => void revoke(d())}>
                              {dt.revokeYes}
                            </button>
                            <button type="button" class="cn-btn cn-btn-sm cn-btn-ghost" onClick={() => setConfirming(null)}>
                              {dt.cancel}
                            </button>
                          </Show>
                        </div>
                      }
                    >
                      <LayoutForm
                        display={d()}
                        cityBounds={profile()?.map.bounds}
                        onCancel={() => setEditing(null)}
                        onSaved={() => {
                          setEditing(null);
                          setMessage(dt.saved);
                          void load();
                        }}
                      />
                    </Show>
                  </section>
                  );
                }}
              </For>
            </div>
          </Show>
        </Show>
        <Show when={revoked().length}>
          <section class="dp-revoked" data-testid="displays-revoked">
            <h2>{dt.revokedTitle}</h2>
            <ul>
              <For each={revoked()}>
                {(r) => (
                  <li data-testid="display-revoked" data-display-id={r.id}>
                    <strong>{r.name}</strong>{' '}
                    <span class="cn-muted">
                      {dt.revokedAt} {whenLocal(r.revokedAt)}
                      <Show when={r.revokedBy}> {dt.by} {r.revokedBy}</Show>
                    </span>
                  </li>
                )}
              </For>
            </ul>
          </section>
        </Show>
      </div>
    </div>
  );
}

function ViewSelect(props: { value: ViewId; onChange: (v: ViewId) => void; testid: string }) {
  return (
    <select value={props.value} onChange={(e) => props.onChange(e.currentTarget.value as ViewId)} data-testid={props.testid}>
      <For each={VIEW_IDS}>{(v) => <option value={v}>{viewName(v)}</option>}</For>
    </select>
  );
}

function WindowSelect(props: { value: string; onChange: (v: string) => void }) {
  return (
    <label class="cn-field cn-field-inline">
      <span>{dt.window}</span>
      <select value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <option value="">{dt.windowAll}</option>
        <For each={WINDOWS}>{(w) => <option value={w}>{w}</option>}</For>
      </select>
    </label>
  );
}

/** The form: the kind of layout, then what it needs. The hub validates it again and names any wrong field. */
function LayoutForm(props: { display: DisplayView; cityBounds?: [[number, number], [number, number]]; onCancel: () => void; onSaved: () => void }) {
  const l = props.display.layout;
  const itemsOf = (): Item[] => {
    if (l.kind === 'playlist') return l.items.map((i) => ({ view: i.view, seconds: i.seconds, window: i.window ?? '' }));
    if (l.kind === 'split') return l.views.map((v) => ({ view: v.view, seconds: 30, window: v.window ?? '' }));
    if (l.kind === 'single') return [{ view: l.view.view, seconds: 30, window: l.view.window ?? '' }, { view: 'cameras', seconds: 30, window: '' }];
    return [
      { view: 'map', seconds: 30, window: '' },
      { view: 'cameras', seconds: 30, window: '' },
    ];
  };
  const [kind, setKind] = createSignal<Kind>(l.kind);
  const [items, setItems] = createSignal<Item[]>(itemsOf());
  const [direction, setDirection] = createSignal<'columns' | 'rows'>(l.kind === 'split' ? l.direction : 'columns');
  const cb = props.cityBounds;
  const [span, setSpan] = createSignal(
    l.kind === 'span'
      ? { column: l.column, of: l.of, bounds: l.bounds.join(', ') }
      : { column: 0, of: 2, bounds: cb ? [cb[0][0], cb[0][1], cb[1][0], cb[1][1]].join(', ') : '' },
  );
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const setItem = (i: number, patch: Partial<Item>) => setItems(items().map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const spec = (x: Item) => ({ view: x.view, ...(x.window && x.view === 'map' ? { window: x.window } : {}) });

  function layout(): Layout {
    const list = items();
    switch (kind()) {
      case 'single':
        return { kind: 'single', view: spec(list[0]) } as Layout;
      case 'split':
        return { kind: 'split', views: [spec(list[0]), spec(list[1] ?? list[0])], direction: direction() } as Layout;
      case 'playlist':
        return { kind: 'playlist', items: list.map((x) => ({ ...spec(x), seconds: Number(x.seconds) })) } as Layout;
      case 'span': {
        const s = span();
        return { kind: 'span', column: Number(s.column), of: Number(s.of), bounds: s.bounds.split(',').map((v) => Number(v.trim())) } as unknown as Layout;
      }
    }
  }

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const r = await api(`/api/displays/${props.display.id}/layout`, { method: 'PUT', json: { layout: layout() } });
    setBusy(false);
    if (r.ok) props.onSaved();
    else setError(r.message);
  }

  const shownItems = () => (kind() === 'single' ? items().slice(0, 1) : kind() === 'split' ? items().slice(0, 2) : items());

  return (
    <form class="dp-form" onSubmit={save} data-testid="layout-form">
      <div class="dp-kinds" role="radiogroup">
        <For each={['single', 'split', 'playlist', 'span'] as Kind[]}>
          {(k) => (
            <label class="dp-kind" classList={{ 'dp-kind-on': kind() === k }}>
              <input
                type="radio"
                name={`kind-${props.display.id}`}
                value={k}
                checked={kind() === k}
                data-testid={`layout-kind-${k}`}
                onChange={() => {
                  setKind(k);
                  if (items().length < 2) setItems([...items(), { view: 'cameras', seconds: 30, window: '' }]);
                }}
              />
              {dt.kind[k]}
            </label>
          )}
        </For>
      </div>
      <Switch>
        <Match when={kind() === 'span'}>
          <div class="dp-row">
            <label class="cn-field cn-field-inline">
              <span>{dt.column}</span>
              <input type="number" min="1" max={span().of} value={span().column + 1} onInput={(e) => setSpan({ ...span(), column: Number(e.currentTarget.value) - 1 })} data-testid="span-column" />
            </label>
            <label class="cn-field cn-field-inline">
              <span>{dt.of}</span>
              <input type="number" min="2" max="8" value={span().of} onInput={(e) => setSpan({ ...span(), of: Number(e.currentTarget.value) })} data-testid="span-of" />
            </label>
          </div>
          <label class="cn-field">
            <span>{dt.bounds}</span>
            <input class="cn-mono" value={span().bounds} onInput={(e) => setSpan({ ...span(), bounds: e.currentTarget.value })} data-testid="span-bounds" />
          </label>
        </Match>
        <Match when={kind() !== 'span'}>
          <Show when={kind() === 'split'}>
            <div class="dp-row">
              <For each={['columns', 'rows'] as const}>
                {(d) => (
                  <label class="dp-kind" classList={{ 'dp-kind-on': direction() === d }}>
                    <input type="radio" name={`dir-${props.display.id}`} checked={direction() === d} onChange={() => setDirection(d)} />
                    {dt.direction[d]}
                  </label>
                )}
              </For>
            </div>
          </Show>
          <Index each={shownItems()}>
            {(item, i) => (
              <div class="dp-row" data-testid="layout-item">
                <label class="cn-field cn-field-inline">
                  <span>
                    {dt.view} {kind() === 'single' ? '' : i + 1}
                  </span>
                  <ViewSelect value={item().view} onChange={(v) => setItem(i, { view: v })} testid={`layout-view-${i}`} />
                </label>
                <Show when={item().view === 'map'}>
                  <WindowSelect value={item().window} onChange={(w) => setItem(i, { window: w })} />
                </Show>
                <Show when={kind() === 'playlist'}>
                  <label class="cn-field cn-field-inline">
                    <input type="number" min="5" max="3600" value={item().seconds} class="dp-seconds" onInput={(e) => setItem(i, { seconds: Number(e.currentTarget.value) })} data-testid={`layout-seconds-${i}`} />
                    <span>{dt.seconds}</span>
                  </label>
                  <Show when={items().length > 2}>
                    <button type="button" class="cn-btn cn-btn-sm cn-btn-ghost" onClick={() => setItems(items().filter((_, j) => j !== i))}>
                      {dt.remove}
                    </button>
                  </Show>
                </Show>
              </div>
            )}
          </Index>
          <Show when={kind() === 'playlist' && items().length < 12}>
            <button type="button" class="cn-btn cn-btn-sm cn-btn-ghost" data-testid="layout-add" onClick={() => setItems([...items(), { view: 'map', seconds: 30, window: '' }])}>
              {dt.addItem}
            </button>
          </Show>
        </Match>
      </Switch>
      <div class="dp-row">
        <button type="submit" class="cn-btn cn-btn-primary" disabled={busy()} data-testid="layout-save">
          {dt.save}
        </button>
        <button type="button" class="cn-btn cn-btn-ghost" onClick={() => props.onCancel()}>
          {dt.cancel}
        </button>
        <Show when={error()}>
          <span class="cn-error" role="alert" data-testid="layout-error">
            {error()}
          </span>
        </Show>
      </div>
    </form>
  );
}
