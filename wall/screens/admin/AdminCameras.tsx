import { createSignal, For, Show } from 'solid-js';
import { api } from '../../lib/api';
import type { CameraWithUptime } from '../../lib/staff';
import { ct } from '../../lib/i18n/staff';
import { whenLocal } from '../../lib/format';
import { poll } from '../../lib/poll';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** Read-only list of the city's cameras (GET /api/cameras): they are configured in the city profile file. */
export function AdminCameras() {
  const [cams, setCams] = createSignal<CameraWithUptime[] | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  poll(async () => {
    const r = await api<{ cameras: CameraWithUptime[] }>('/api/cameras');
    if (r.ok) {
      setCams(r.data.cameras);
      setError(null);
    } else setError(r.message);
  });
  return (
    <section class="cn-card cn-admin-cameras" data-testid="admin-cameras">
      <h2>
        {ct.camerasTitle} <span class="cn-muted">({cams()?.length ?? 0})</span>
      </h2>
      <p class="cn-muted cn-small">{ct.camerasHelp}</p>
      <Show when={error()}>
        <p class="cn-error" role="alert">
          {error()}
        </p>
      </Show>
      <div class="cn-table-wrap">
        <table class="cn-table">
          <thead>
            <tr>
              <th>{ct.name}</th>
              <th>{ct.cameraKind}</th>
              <th>{ct.cameraHealthCol}</th>
              <th>{ct.uptime24}</th>
              <th>{ct.uptime7}</th>
              <th>{ct.lastGood}</th>
            </tr>
          </thead>
          <tbody>
            <Show when={cams()} fallback={<tr><td colSpan={6} class="cn-muted">…</td></tr>}>
              <Show when={cams()!.length} fallback={<tr><td colSpan={6} class="cn-muted">{ct.camerasEmpty}</td></tr>}>
                <For each={cams()!}>
                  {(c) => (
                    <tr data-testid="admin-camera-row" data-camera-id={c.id} data-health={c.health ?? ''}>
                      <td>
                        {c.name} <span class="cn-muted cn-mono cn-small">{c.id}</span>
                      </td>
                      <td>{ct.cameraKinds[c.kind] ?? c.kind}</td>
                      <td class={c.health ? `cn-health-${c.health}` : 'cn-muted'}>
                        {c.health ? ct.cameraHealth[c.health] ?? c.health : ct.cameraUnknown}
                        <Show when={c.health !== 'online' && c.reason}>
                          <span class="cn-muted cn-small"> ({c.reason})</span>
                        </Show>
                      </td>
                      <td class="cn-mono">{pct(c.uptime24h)}</td>
                      <td class="cn-mono">{pct(c.uptime7d)}</td>
                      <td class="cn-muted cn-nowrap">{c.lastGoodAt ? whenLocal(c.lastGoodAt) : '—'}</td>
                    </tr>
                  )}
                </For>
              </Show>
            </Show>
          </tbody>
        </table>
      </div>
    </section>
  );
}
