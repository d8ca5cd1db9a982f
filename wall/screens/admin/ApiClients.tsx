import { createSignal, For, onMount, Show } from 'solid-js';
import { lang } from '../../lib/i18n';
import { api } from '../../lib/api';
import { whenLocal } from '../../lib/format';
import { NewApiClient, type ApiClientView, type ApiScope } from '../../../server/contract/api-clients';
import { passes } from '../../lib/check';
import './api-clients.css';

const TEXT = {
  id: {
    title: 'Kunci API (Open311 dan sistem lain)',
    help: 'Satu kunci untuk setiap sistem yang mengirim laporan (aplikasi warga, SP4N-LAPOR) atau indikator. Kunci hanya tampil sekali; cabut bila bocor atau tidak dipakai lagi.',
    name: 'Nama sistem',
    placeholder: 'mis. Aplikasi Tangerang LIVE',
    scopes: 'Boleh',
    scope: { open311: 'Kirim laporan (Open311)', indicators: 'Kirim indikator' } as Record<ApiScope, string>,
    create: 'Buat kunci',
    once: 'Salin kunci ini sekarang: Pantau tidak menyimpannya dan tidak bisa menampilkannya lagi.',
    key: 'Kunci',
    endpoint: 'Alamat Open311',
    copy: 'Salin kunci',
    copied: 'Tersalin ✓',
    none: 'Belum ada kunci.',
    active: 'Aktif',
    revoked: 'Dicabut',
    revoke: 'Cabut',
    confirm: (n: string) => `Cabut kunci ${n}? Sistem itu tidak bisa mengirim laporan lagi.`,
    created: 'Dibuat',
    revokedAt: 'Dicabut',
  },
  en: {
    title: 'API keys (Open311 and other systems)',
    help: 'One key for each system that sends reports (citizen apps, SP4N-LAPOR) or indicators. A key is shown once; revoke it if it leaks or is no longer used.',
    name: 'System name',
    placeholder: 'e.g. Tangerang LIVE app',
    scopes: 'May',
    scope: { open311: 'Send reports (Open311)', indicators: 'Send indicators' } as Record<ApiScope, string>,
    create: 'Create key',
    once: 'Copy this key now: Pantau does not keep it and cannot show it again.',
    key: 'Key',
    endpoint: 'Open311 address',
    copy: 'Copy key',
    copied: 'Copied ✓',
    none: 'No keys yet.',
    active: 'Active',
    revoked: 'Revoked',
    revoke: 'Revoke',
    confirm: (n: string) => `Revoke the key of ${n}? That system will no longer be able to send reports.`,
    created: 'Created',
    revokedAt: 'Revoked',
  },
}[lang];

const SCOPES: ApiScope[] = ['open311', 'indicators'];

/** Admin: create (the key shown once), list and revoke the keys other systems call the hub with. */
export function ApiClients() {
  const [clients, setClients] = createSignal<ApiClientView[]>([]);
  const [name, setName] = createSignal('');
  const [scopes, setScopes] = createSignal<ApiScope[]>(['open311']);
  const [made, setMade] = createSignal<{ key: string; name: string } | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [copied, setCopied] = createSignal(false);

  async function load() {
    const r = await api<{ clients: ApiClientView[] }>('/api/admin/api-clients');
    if (r.ok) setClients(r.data.clients);
    else setError(r.message);
  }
  onMount(load);

  async function create(e: Event) {
    e.preventDefault();
    if (busy()) return;
    setBusy(true);
    setError(null);
    const r = await api<{ client: ApiClientView; key: string }>('/api/admin/api-clients', { json: { name: name().trim(), scopes: scopes() } });
    setBusy(false);
    if (!r.ok) return setError(r.message);
    setMade({ key: r.data.key, name: r.data.client.name });
    setCopied(false);
    setName('');
    setClients((list) => [r.data.client, ...list]);
  }

  async function revoke(c: ApiClientView) {
    if (!confirm(TEXT.confirm(c.name))) return;
    const r = await api<{ client: ApiClientView }>(`/api/admin/api-clients/${c.id}/revoke`, { method: 'POST' });
    if (!r.ok) return setError(r.message);
    setClients((list) => list.map((x) => (x.id === c.id ? r.data.client : x)));
    if (made()?.name === c.name) setMade(null);
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(made()!.key);
      setCopied(true);
    } catch {
      /* no clipboard permission: the key is selectable */
    }
  }

  const toggle = (s: ApiScope, on: boolean) => setScopes((list) => (on ? [...new Set([...list, s])] : list.filter((x) => x !== s)));

  return (
    <section class="cn-card cn-api-clients" data-testid="api-clients">
      <h2>{TEXT.title}</h2>
      <p class="cn-muted cn-small">{TEXT.help}</p>
      <form class="cn-inline-form" onSubmit={create}>
        <label class="cn-field cn-grow">
          <span>{TEXT.name}</span>
          <input data-testid="api-client-name" maxLength={80} placeholder={TEXT.placeholder} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <fieldset class="cn-field">
          <span>{TEXT.scopes}</span>
          <For each={SCOPES}>
            {(s) => (
              <label class="cn-check">
                <input type="checkbox" data-testid={`api-scope-${s}`} checked={scopes().includes(s)} onChange={(e) => toggle(s, e.currentTarget.checked)} /> {TEXT.scope[s]}
              </label>
            )}
          </For>
        </fieldset>
        <button type="submit" class="cn-btn cn-btn-primary" data-testid="api-client-create" disabled={busy() || !passes(NewApiClient.shape.name, name()) || scopes().length === 0}>
          {TEXT.create}
        </button>
      </form>
      <Show when={error()}>
        <p class="cn-error" role="alert" data-testid="api-client-error">
          {error()}
        </p>
      </Show>
      <Show when={made()}>
        {(m) => (
          <div class="cn-pair-result" data-testid="api-client-key">
            <p class="cn-warn-text">
              <strong>{TEXT.once}</strong>
            </p>
            <dl class="cn-meta">
              <dt>{TEXT.key} ({m().name})</dt>
              <dd class="cn-mono cn-select-all cn-break" data-testid="api-client-key-value">
                {m().key}
              </dd>
              <dt>{TEXT.endpoint}</dt>
              <dd class="cn-mono cn-break">{`${location.origin}/open311/v2/discovery.json`}</dd>
            </dl>
            <button type="button" class="cn-btn cn-btn-sm" onClick={copy}>
              {copied() ? TEXT.copied : TEXT.copy}
            </button>
          </div>
        )}
      </Show>
      <Show when={clients().length} fallback={<p class="cn-muted">{TEXT.none}</p>}>
        <table class="cn-table">
          <tbody>
            <For each={clients()}>
              {(c) => (
                <tr data-testid="api-client-row" data-revoked={c.revokedAt ? 'true' : 'false'} classList={{ disabled: !!c.revokedAt }}>
                  <td>
                    {c.name}
                    <div class="cn-muted cn-small cn-mono">{c.keyPrefix}…</div>
                  </td>
                  <td class="cn-small">{c.scopes.map((s) => TEXT.scope[s] ?? s).join(', ')}</td>
                  <td class="cn-muted cn-small cn-nowrap">
                    {c.revokedAt ? `${TEXT.revokedAt} ${whenLocal(c.revokedAt)}` : `${TEXT.created} ${whenLocal(c.createdAt)}`}
                  </td>
                  <td class="cn-table-actions">
                    <Show when={!c.revokedAt} fallback={<span class="cn-badge phase-grey">{TEXT.revoked}</span>}>
                      <button type="button" class="cn-btn cn-btn-sm cn-btn-danger-ghost" data-testid="api-client-revoke" onClick={() => void revoke(c)}>
                        {TEXT.revoke}
                      </button>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </section>
  );
}
