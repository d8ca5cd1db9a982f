import * as maplibregl from 'maplibre-gl';
import { createResource, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import type { CameraAdminView } from '../../../server/contract/camera-admin';
import type { CameraPublic } from '../../../server/contract/cameras';
import { fetchProfile } from '../../lib/profile';
import { withLang } from '../../lib/i18n/staff';
import { api } from '../../lib/api';
import { type Me } from '../../lib/staff';
import { ca } from './camera-admin-i18n';
import { offlineStyle } from '../wall/map/MapView';
import { LiveVideo } from '../../components/LiveVideo';
import { stateOf } from '../cameras/theme';
import './camera-admin.css';

type Row = CameraPublic & Partial<Pick<CameraAdminView, 'intervalS' | 'snapshotUrl' | 'streamUrl' | 'hasCredentials'>>;
const KINDS = ['traffic', 'landfill', 'flood_gauge', 'public_space'] as const;

/**
 * /console/kamera: every camera with its health and, for an HLS camera, its live video on demand. Admins
 * also add, edit, move (a click on the map), disable and remove cameras and import a CSV; every change is an
 * event on the hub, and every wall redraws it live. The screen sees camera URLs only with credentials taken out.
 */
export function CameraAdmin(props: { me: Me }) {
  const admin = props.me.role === 'admin';
  const [cameras, { refetch }] = createResource(async () => {
    const r = await api<{ cameras: Row[] }>(admin ? '/api/admin/cameras' : '/api/cameras');
    return r.ok ? r.data.cameras.slice().sort((a, b) => a.name.localeCompare(b.name)) : [];
  });
  const [editing, setEditing] = createSignal<Row | 'new' | null>(null);
  const [moving, setMoving] = createSignal<Row | null>(null);
  const [live, setLive] = createSignal<string | null>(null);
  const [message, setMessage] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);

  async function act(path: string, body?: unknown, method?: string) {
    setError(null);
    const r = await api<unknown>(path, { json: body ?? {}, method });
    if (!r.ok) {
      setError(r.message);
      return false;
    }
    await refetch();
    return true;
  }
  const reasoned = async (c: Row, what: 'disable' | 'remove') => {
    const reason = prompt(`${what === 'disable' ? ca.disable : ca.remove} ${c.name}: ${ca.why}`);
    if (reason?.trim()) await act(`/api/admin/cameras/${c.id}/${what}`, { reason: reason.trim() });
  };

  async function importCsv(file: File) {
    setError(null);
    const r = await api<{ added?: number }>('/api/admin/cameras/import', { headers: { 'Content-Type': 'text/csv' }, body: await file.text() });
    if (!r.ok) {
      const rows = ((r.body ?? {}) as { errors?: { row: number; message: string }[] }).errors ?? [];
      return void setError([r.message, ...rows.slice(0, 5).map((e) => `#${e.row}: ${e.message}`)].filter(Boolean).join(' · '));
    }
    setMessage(ca.imported(r.data.added ?? 0));
    await refetch();
  }

  return (
    <div class="ca-page" data-testid="camera-admin">
      <header class="ca-head">
        <a class="cn-btn cn-btn-ghost" href={withLang('/console')}>
          {ca.back}
        </a>
        <h1>{ca.title}</h1>
        <span class="cn-muted">{ca.count(cameras()?.length ?? 0)}</span>
        <Show when={admin}>
          <button type="button" class="cn-btn cn-btn-primary" data-testid="camera-add" onClick={() => setEditing('new')}>
            {ca.add}
          </button>
          <label class="cn-btn cn-btn-ghost ca-file" title={ca.importHint}>
            {ca.importCsv}
            <input type="file" accept=".csv,text/csv" data-testid="camera-import" onChange={(e) => e.currentTarget.files?.[0] && void importCsv(e.currentTarget.files[0])} />
          </label>
        </Show>
      </header>
      <Show when={message()}>
        <p class="ca-note" role="status">{message()}</p>
      </Show>
      <Show when={error()}>
        <p class="ca-error" role="alert">{error()}</p>
      </Show>
      <Show when={editing()}>{(e) => <CameraForm camera={e() === 'new' ? null : (e() as Row)} onDone={async (ok) => (setEditing(null), ok && (await refetch()))} />}</Show>
      <Show when={moving()}>
        {(c) => (
          <MoveMap
            camera={c()}
            onPick={async (loc) => {
              if (await act(`/api/admin/cameras/${c().id}/move`, { location: loc })) setMoving(null);
            }}
            onCancel={() => setMoving(null)}
          />
        )}
      </Show>
      <table class="ca-table">
        <thead>
          <tr>
            <th>{ca.name}</th>
            <th>{ca.kind}</th>
            <th>{ca.health}</th>
            <th>{ca.place}</th>
            <Show when={admin}>
              <th>{ca.snapshotUrl} / HLS</th>
            </Show>
            <th />
          </tr>
        </thead>
        <tbody>
          <For each={cameras()}>
            {(c) => (
              <>
                <tr data-testid="camera-row" data-camera={c.id} classList={{ 'ca-disabled': c.disabled }}>
                  <td>
                    <strong>{c.name}</strong>
                    <div class="cn-muted">{c.id}</div>
                  </td>
                  <td>{ca.kinds[c.kind]}</td>
                  <td>
                    <span class={`ca-state ca-state-${stateOf(c)}`}>{c.disabled ? ca.disabled : ca.states[stateOf(c)]}</span>
                    <Show when={c.reason && c.health === 'degraded'}>
                      <span class="cn-muted"> ({c.reason})</span>
                    </Show>
                  </td>
                  <td class="ca-num">
                    {c.lng.toFixed(5)}, {c.lat.toFixed(5)}
                  </td>
                  <Show when={admin}>
                    <td class="ca-url">
                      <div>{c.snapshotUrl ?? '—'}</div>
                      <Show when={c.streamUrl}>
                        <div>{c.streamUrl}</div>
                      </Show>
                      <Show when={c.hasCredentials}>
                        <div class="cn-muted">🔒 {ca.credentialsStored}</div>
                      </Show>
                    </td>
                  </Show>
                  <td class="ca-actions">
                    <Show when={c.live && !c.disabled}>
                      <button type="button" class="cn-btn cn-btn-ghost" data-testid="camera-live" onClick={() => setLive(live() === c.id ? null : c.id)}>
                        {live() === c.id ? ca.closeLive : ca.live}
                      </button>
                    </Show>
                    <Show when={admin}>
                      <button type="button" class="cn-btn cn-btn-ghost" onClick={() => setEditing(c)}>
                        {ca.edit}
                      </button>
                      <button type="button" class="cn-btn cn-btn-ghost" data-testid="camera-move" onClick={() => setMoving(c)}>
                        {ca.move}
                      </button>
                      <Show when={c.disabled} fallback={<button type="button" class="cn-btn cn-btn-ghost" onClick={() => void reasoned(c, 'disable')}>{ca.disable}</button>}>
                        <button type="button" class="cn-btn cn-btn-ghost" onClick={() => void act(`/api/admin/cameras/${c.id}/enable`)}>
                          {ca.enable}
                        </button>
                      </Show>
                      <button type="button" class="cn-btn cn-btn-ghost ca-danger" onClick={() => void reasoned(c, 'remove')}>
                        {ca.remove}
                      </button>
                    </Show>
                  </td>
                </tr>
                <Show when={live() === c.id}>
                  <tr>
                    <td colSpan={admin ? 6 : 5}>
                      <div class="ca-live">
                        <LiveVideo cameraId={c.id} name={c.name} />
                      </div>
                    </td>
                  </tr>
                </Show>
              </>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

/** Add or edit. Addresses are sent only when changed: the form never holds a stored password. */
function CameraForm(props: { camera: Row | null; onDone: (saved: boolean) => void }) {
  const c = props.camera;
  const [error, setError] = createSignal<string | null>(null);
  let form!: HTMLFormElement;
  async function submit(ev: Event) {
    ev.preventDefault();
    const f = new FormData(form);
    const s = (k: string) => String(f.get(k) ?? '').trim();
    const url = (k: 'snapshotUrl' | 'streamUrl') => (s(k) === (c?.[k] ?? '') ? undefined : s(k) || null);
    const body: Record<string, unknown> = { name: s('name'), kind: s('kind'), intervalS: Number(s('intervalS')) || 10, snapshotUrl: url('snapshotUrl'), streamUrl: url('streamUrl') };
    if (s('username')) body.username = s('username');
    if (s('password')) body.password = s('password');
    if (!c) Object.assign(body, { id: s('id'), location: [Number(s('lng')), Number(s('lat'))] });
    const r = await api<unknown>(c ? `/api/admin/cameras/${c.id}` : '/api/admin/cameras', { method: c ? 'PATCH' : 'POST', json: body });
    if (!r.ok) return void setError(`${r.field ? `${r.field}: ` : ''}${r.message}`);
    props.onDone(true);
  }
  return (
    <form ref={form} class="ca-form cn-card" data-testid="camera-form" onSubmit={(e) => void submit(e)}>
      <Show when={!c}>
        <label>
          {ca.id}
          <input name="id" required pattern="[a-z0-9-]+" />
        </label>
      </Show>
      <label>
        {ca.name}
        <input name="name" required value={c?.name ?? ''} />
      </label>
      <label>
        {ca.kind}
        <select name="kind">
          <For each={KINDS}>{(k) => <option value={k} selected={c?.kind === k}>{ca.kinds[k]}</option>}</For>
        </select>
      </label>
      <Show when={!c}>
        <label>
          {ca.place}
          <span class="ca-pair">
            <input name="lng" required inputmode="decimal" placeholder="106.63" />
            <input name="lat" required inputmode="decimal" placeholder="-6.18" />
          </span>
        </label>
      </Show>
      <label>
        {ca.snapshotUrl}
        <input name="snapshotUrl" type="url" value={c?.snapshotUrl ?? ''} />
      </label>
      <label>
        {ca.streamUrl}
        <input name="streamUrl" type="url" value={c?.streamUrl ?? ''} />
      </label>
      <label>
        {ca.username}
        <input name="username" autocomplete="off" placeholder={c?.hasCredentials ? ca.passwordKeep : ''} />
      </label>
      <label>
        {ca.password}
        <input name="password" type="password" autocomplete="new-password" placeholder={c?.hasCredentials ? ca.passwordKeep : ''} />
      </label>
      <label>
        {ca.interval}
        <input name="intervalS" type="number" min="2" max="3600" value={c?.intervalS ?? 10} />
      </label>
      <Show when={error()}>
        <p class="ca-error" role="alert">{error()}</p>
      </Show>
      <div class="ca-form-actions">
        <button type="submit" class="cn-btn cn-btn-primary">
          {ca.save}
        </button>
        <button type="button" class="cn-btn cn-btn-ghost" onClick={() => props.onDone(false)}>
          {ca.cancel}
        </button>
      </div>
    </form>
  );
}

/** Move on the map: the camera's marker at its place; a click puts it at the new one, then save. */
function MoveMap(props: { camera: Row; onPick: (loc: [number, number]) => void; onCancel: () => void }) {
  let el!: HTMLDivElement;
  const [picked, setPicked] = createSignal<[number, number] | null>(null);
  const [profile] = createResource(fetchProfile);
  onMount(() => {
    const start = () => {
      const p = profile();
      if (!p) return void setTimeout(start, 50);
      const map = new maplibregl.Map({ container: el, style: p.map.styleUrl ?? offlineStyle(), center: [props.camera.lng, props.camera.lat], zoom: 14, attributionControl: false, dragRotate: false });
      const marker = new maplibregl.Marker({ color: '#1565c0', draggable: true }).setLngLat([props.camera.lng, props.camera.lat]).addTo(map);
      const set = (lng: number, lat: number) => {
        const loc: [number, number] = [Math.round(lng * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
        marker.setLngLat(loc);
        setPicked(loc);
      };
      map.on('click', (e) => set(e.lngLat.lng, e.lngLat.lat));
      marker.on('dragend', () => set(marker.getLngLat().lng, marker.getLngLat().lat));
      map.on('load', () => (el.dataset.ready = 'true'));
      // Tests (and a keyboard user's helper) may set the point directly.
      (el as HTMLDivElement & { pick?: (lng: number, lat: number) => void }).pick = set;
      onCleanup(() => map.remove());
    };
    start();
  });
  return (
    <div class="ca-move cn-card" data-testid="camera-move-map">
      <p>
        <strong>{props.camera.name}</strong> — {ca.move}: {(picked() ?? [props.camera.lng, props.camera.lat]).map((v) => v.toFixed(5)).join(', ')}
      </p>
      <div ref={el} class="ca-map" data-testid="camera-map" />
      <div class="ca-form-actions">
        <button type="button" class="cn-btn cn-btn-primary" data-testid="camera-move-save" disabled={!picked()} onClick={() => picked() && props.onPick(picked()!)}>
          {ca.save}
        </button>
        <button type="button" class="cn-btn cn-btn-ghost" onClick={() => props.onCancel()}>
          {ca.cancel}
        </button>
      </div>
    </div>
  );
}
