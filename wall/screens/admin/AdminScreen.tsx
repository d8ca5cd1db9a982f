import { createMemo, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { fetchProfile } from '../../lib/profile';
import { t } from '../../lib/i18n';
import { api } from '../../lib/api';
import { type AccountView, type CameraWithUptime, type Me } from '../../lib/staff';
import { createSession, SessionGate } from '../../components/session';
import { ct, withLang } from '../../lib/i18n/staff';
import { whenLocal } from '../../lib/format';
import { AuditExport } from '../../components/AuditExport';
import { KinerjaExport } from '../../components/KinerjaExport';
import { poll } from '../../lib/poll';
import { ApiClients } from './ApiClients';
import '../../components/staff.css';

const ROLES = ['operator', 'field', 'supervisor', 'admin'] as const;
type StaffRole = (typeof ROLES)[number];
const needsAgency = (r: StaffRole) => r === 'operator' || r === 'field';

/** A password a person can read out: 14 characters without look-alikes. */
function generatePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(14));
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

/** /admin: staff accounts (admin), pairing a wall display and the audit export (admin, supervisor). */
export default function AdminScreen() {
  const session = createSession();
  document.title = `${ct.adminTitle} — ${t.appName}`;
  return (
    <div class="cn-root">
      <SessionGate session={session} title={ct.adminTitle}>
        {(me) => (
          <Show
            when={me.role === 'admin' || me.role === 'supervisor'}
            fallback={
              <div class="cn-center">
                <div class="cn-card cn-narrow" data-testid="admin-forbidden">
                  <p>{ct.adminOnly}</p>
                  <p class="cn-row-gap">
                    <a class="cn-btn cn-btn-primary" href={withLang('/console')}>
                      {ct.backToConsole}
                    </a>
                    <button type="button" class="cn-btn cn-btn-ghost" onClick={() => session.logout()}>
                      {ct.logout}
                    </button>
                  </p>
                </div>
              </div>
            }
          >
            <Admin me={me} onLogout={() => session.logout()} />
          </Show>
        )}
      </SessionGate>
    </div>
  );
}

function Admin(props: { me: Me; onLogout: () => void }) {
  const me = props.me;
  const isAdmin = me.role === 'admin';
  const [profile] = createResource(fetchProfile);
  const agencies = () => profile()?.agencies ?? [];
  const agencyShort = (id: string | null) => (id ? agencies().find((a) => a.id === id)?.short ?? id : '—');

  const [accounts, setAccounts] = createSignal<AccountView[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  const [message, setMessage] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [filter, setFilter] = createSignal('');
  const [resetting, setResetting] = createSignal<string | null>(null);
  let msgTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => {
    clearTimeout(msgTimer);
    delete document.body.dataset.admin;
  });

  function say(text: string) {
    setError(null);
    setMessage(text);
    clearTimeout(msgTimer);
    msgTimer = setTimeout(() => setMessage(null), 8_000);
  }
  function fail(text: string) {
    setMessage(null);
    setError(text);
  }

  async function loadAccounts() {
    if (!isAdmin) {
      document.body.dataset.admin = 'ready';
      return;
    }
    const r = await api<{ accounts: AccountView[] }>('/api/admin/accounts');
    if (!r.ok) return fail(r.message);
    setAccounts(r.data.accounts);
    setLoaded(true);
    document.body.dataset.admin = 'ready';
  }
  void loadAccounts();

  const ROLE_ORDER: Record<string, number> = { admin: 0, supervisor: 1, operator: 2, field: 3 };
  const shown = createMemo(() => {
    const f = filter().trim().toLowerCase();
    return accounts()
      .filter((a) => !f || a.username.includes(f) || a.name.toLowerCase().includes(f) || (a.agencyId ?? '').includes(f))
      .sort((a, b) => (a.agencyId ?? '').localeCompare(b.agencyId ?? '') || ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.username.localeCompare(b.username));
  });

  function replace(a: AccountView) {
    setAccounts((list) => list.map((x) => (x.id === a.id ? a : x)));
  }

  async function setDisabled(a: AccountView, disabled: boolean) {
    const r = await api<{ account: AccountView }>(`/api/admin/accounts/${a.id}/${disabled ? 'disable' : 'enable'}`, { method: 'POST', json: {} });
    if (!r.ok) return fail(r.message);
    replace(r.data.account);
    say(disabled ? ct.accountDisabled(a.username) : ct.accountEnabled(a.username));
  }

  return (
    <div class="cn-app cn-admin" data-testid="admin">
      <header class="cn-header">
        <div class="cn-brand">
          <span class="cn-brand-app">{t.appName}</span>
          <span class="cn-brand-sep">·</span>
          <span>{ct.adminTitle}</span>
          <Show when={profile()}>
            <span class="cn-brand-city">{profile()!.name}</span>
          </Show>
        </div>
        <div class="cn-header-spacer" />
        <div class="cn-user" data-testid="current-user">
          <strong>{me.name ?? me.id}</strong>
          <span class="cn-muted">{ct.roles[me.role] ?? me.role}</span>
        </div>
        <a class="cn-btn cn-btn-ghost cn-btn-sm" href={withLang('/console')} data-testid="console-link">
          {ct.consoleLink}
        </a>
        <button type="button" class="cn-btn cn-btn-ghost cn-btn-sm" data-testid="logout" onClick={() => props.onLogout()}>
          {ct.logout}
        </button>
      </header>

      <div class="cn-admin-body">
        <Show when={message() || error()}>
          <div
            class="cn-alert"
            classList={{ 'cn-alert-ok': !!message(), 'cn-alert-error': !!error() }}
            role={error() ? 'alert' : 'status'}
            data-testid={error() ? 'admin-error' : 'admin-message'}
          >
            {message() ?? error()}
          </div>
        </Show>

        <div class="cn-admin-grid">
          <Show when={isAdmin}>
            <section class="cn-card cn-admin-accounts" data-testid="admin-accounts">
              <div class="cn-card-head">
                <h2>
                  {ct.accounts} <span class="cn-muted">({accounts().length})</span>
                </h2>
                <input class="cn-filter-input" type="search" placeholder={ct.filterAccounts} value={filter()} onInput={(e) => setFilter(e.currentTarget.value)} data-testid="accounts-filter" />
              </div>
              <div class="cn-table-wrap">
                <table class="cn-table">
                  <thead>
                    <tr>
                      <th>{ct.username}</th>
                      <th>{ct.name}</th>
                      <th>{ct.role}</th>
                      <th>{ct.agency}</th>
                      <th>{ct.status}</th>
                      <th>{ct.created}</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    <Show when={loaded()} fallback={<tr><td colSpan={7} class="cn-muted">…</td></tr>}>
                      <For each={shown()}>
                        {(a) => (
                          <>
                            <tr data-testid="account-row" data-username={a.username} data-disabled={a.disabled ? 'true' : 'false'} classList={{ disabled: a.disabled }}>
                              <td class="cn-mono">
                                {a.username}
                                <Show when={a.id === me.id}>
                                  <span class="cn-muted"> ({ct.you})</span>
                                </Show>
                              </td>
                              <td>{a.name}</td>
                              <td>{ct.roles[a.role] ?? a.role}</td>
                              <td>{agencyShort(a.agencyId)}</td>
                              <td>
                                <span class="cn-badge" classList={{ 'phase-green': !a.disabled, 'phase-grey': a.disabled }}>
                                  {a.disabled ? ct.disabled : ct.active}
                                </span>
                              </td>
                              <td class="cn-muted cn-nowrap">{whenLocal(a.createdAt)}</td>
                              <td class="cn-table-actions">
                                <Show
                                  when={a.disabled}
                                  fallback={
                                    <button type="button" class="cn-btn cn-btn-sm cn-btn-danger-ghost" data-testid="account-disable" disabled={a.id === me.id} onClick={() => setDisabled(a, true)}>
                                      {ct.disable}
                                    </button>
                                  }
                                >
                                  <button type="button" class="cn-btn cn-btn-sm" data-testid="account-enable" onClick={() => setDisabled(a, false)}>
                                    {ct.enable}
                                  </button>
                                </Show>
                                <button type="button" class="cn-btn cn-btn-sm cn-btn-ghost" data-testid="account-reset" onClick={() => setResetting(resetting() === a.id ? null : a.id)}>
                                  {ct.resetPassword}
                                </button>
                              </td>
                            </tr>
                            <Show when={resetting() === a.id}>
                              <tr class="cn-reset-row">
                                <td colSpan={7}>
                                  <ResetPassword
                                    account={a}
                                    onDone={(u) => {
                                      setResetting(null);
                                      say(ct.passwordReset(u));
                                    }}
                                    onCancel={() => setResetting(null)}
                                  />
                                </td>
                              </tr>
                            </Show>
                          </>
                        )}
                      </For>
                    </Show>
                  </tbody>
                </table>
              </div>
            </section>
          </Show>

          <div class="cn-admin-side">
            <Show when={isAdmin}>
              <NewAccount
                agencies={agencies()}
                onCreated={(a) => {
                  setAccounts((list) => [...list, a]);
                  say(ct.accountCreated(a.username));
                }}
              />
            </Show>
            <PairDisplay />
            <Show when={isAdmin}>
              <ApiClients />
            </Show>
            <section class="cn-card">
              <h2>{ct.auditTitle}</h2>
              <AuditExport inline />
              <p class="cn-row-gap">
                <KinerjaExport long />
              </p>
            </section>
          </div>
          <Show when={isAdmin}>
            <AdminCameras />
          </Show>
        </div>
      </div>
    </div>
  );
}

function ResetPassword(props: { account: AccountView; onDone: (username: string) => void; onCancel: () => void }) {
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  async function submit(e: Event) {
    e.preventDefault();
    if (password().length < 10) return setError(ct.newPassword);
    setBusy(true);
    const r = await api<{ account: AccountView }>(`/api/admin/accounts/${props.account.id}/password`, { json: { password: password() } });
    setBusy(false);
    if (!r.ok) return setError(r.message);
    props.onDone(props.account.username);
  }
  return (
    <form class="cn-inline-form" onSubmit={submit} data-testid="reset-password-form">
      <label class="cn-field cn-field-inline">
        <span>
          {ct.newPassword} — <span class="cn-mono">{props.account.username}</span>
        </span>
        <input
          type="text"
          autocomplete="new-password"
          spellcheck={false}
          class="cn-mono"
          data-testid="reset-password-input"
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
          ref={(el) => queueMicrotask(() => el.focus())}
        />
      </label>
      <button type="button" class="cn-btn cn-btn-sm cn-btn-ghost" onClick={() => setPassword(generatePassword())}>
        {ct.generate}
      </button>
      <button type="submit" class="cn-btn cn-btn-sm cn-btn-primary" data-testid="reset-password-submit" disabled={busy()}>
        {ct.save}
      </button>
      <button type="button" class="cn-btn cn-btn-sm cn-btn-ghost" onClick={() => props.onCancel()}>
        {ct.cancel}
      </button>
      <Show when={error()}>
        <span class="cn-error" role="alert" data-testid="reset-password-error">
          {error()}
        </span>
      </Show>
    </form>
  );
}

function NewAccount(props: { agencies: { id: string; short: string; name: string }[]; onCreated: (a: AccountView) => void }) {
  const [username, setUsername] = createSignal('');
  const [name, setName] = createSignal('');
  const [role, setRole] = createSignal<StaffRole>('operator');
  const [agencyId, setAgencyId] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy()) return;
    setError(null);
    if (needsAgency(role()) && !agencyId()) return setError(ct.agencyRequired);
    setBusy(true);
    const r = await api<{ account: AccountView }>('/api/admin/accounts', {
      json: {
        username: username().trim(),
        name: name().trim(),
        role: role(),
        agencyId: needsAgency(role()) ? agencyId() : null,
        password: password(),
      },
    });
    setBusy(false);
    if (!r.ok) return setError(r.message);
    props.onCreated(r.data.account);
    setUsername('');
    setName('');
    setPassword('');
  }

  return (
    <section class="cn-card">
      <h2>{ct.newAccount}</h2>
      <form class="cn-form" onSubmit={submit} data-testid="new-account-form">
        <div class="cn-form-row">
          <label class="cn-field">
            <span>{ct.username}</span>
            <input class="cn-mono" data-testid="new-account-username" autocomplete="off" spellcheck={false} placeholder="operator.dkp.2" value={username()} onInput={(e) => setUsername(e.currentTarget.value)} />
          </label>
          <label class="cn-field">
            <span>{ct.name}</span>
            <input data-testid="new-account-name" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
          </label>
        </div>
        <div class="cn-form-row">
          <label class="cn-field">
            <span>{ct.role}</span>
            <select data-testid="new-account-role" value={role()} onChange={(e) => setRole(e.currentTarget.value as StaffRole)}>
              <For each={ROLES}>{(r) => <option value={r}>{ct.roles[r]}</option>}</For>
            </select>
          </label>
          <label class="cn-field">
            <span>{ct.agency}</span>
            <select data-testid="new-account-agency" value={needsAgency(role()) ? agencyId() : ''} disabled={!needsAgency(role())} onChange={(e) => setAgencyId(e.currentTarget.value)}>
              <option value="">{needsAgency(role()) ? ct.chooseAgency : ct.noAgency}</option>
              <For each={props.agencies}>{(a) => <option value={a.id}>{a.short}</option>}</For>
            </select>
          </label>
        </div>
        <label class="cn-field">
          <span>{ct.newPassword}</span>
          <div class="cn-input-group">
            <input class="cn-mono" type="text" autocomplete="new-password" spellcheck={false} data-testid="new-account-password" value={password()} onInput={(e) => setPassword(e.currentTarget.value)} />
            <button type="button" class="cn-btn cn-btn-ghost cn-btn-sm" data-testid="new-account-generate" onClick={() => setPassword(generatePassword())}>
              {ct.generate}
            </button>
          </div>
        </label>
        <Show when={error()}>
          <p class="cn-error" role="alert" data-testid="new-account-error">
            {error()}
          </p>
        </Show>
        <button type="submit" class="cn-btn cn-btn-primary" data-testid="new-account-submit" disabled={busy()}>
          {ct.create}
        </button>
      </form>
    </section>
  );
}

function PairDisplay() {
  const [name, setName] = createSignal('');
  const [result, setResult] = createSignal<{ token: string; url: string } | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [copied, setCopied] = createSignal(false);
  const [busy, setBusy] = createSignal(false);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy()) return;
    setError(null);
    setBusy(true);
    const r = await api<{ id: string; token: string; url: string }>('/api/admin/displays', { json: { name: name().trim() } });
    setBusy(false);
    if (!r.ok) return setError(r.message);
    setResult({ token: r.data.token, url: new URL(r.data.url, location.origin).href });
    setCopied(false);
    setName('');
  }
  async function copy() {
    const r = result();
    if (!r) return;
    try {
      await navigator.clipboard.writeText(r.url);
      setCopied(true);
    } catch {
      /* no clipboard permission: the address is selectable */
    }
  }

  return (
    <section class="cn-card" data-testid="pair-display">
      <h2>{ct.pairTitle}</h2>
      <p class="cn-muted cn-small">{ct.pairHelp}</p>
      <form class="cn-inline-form" onSubmit={submit}>
        <label class="cn-field cn-grow">
          <span>{ct.displayName}</span>
          <input data-testid="pair-name" placeholder={ct.displayPlaceholder} value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <button type="submit" class="cn-btn cn-btn-primary" data-testid="pair-submit" disabled={busy() || name().trim().length < 2}>
          {ct.pair}
        </button>
      </form>
      <Show when={error()}>
        <p class="cn-error" role="alert" data-testid="pair-error">
          {error()}
        </p>
      </Show>
      <Show when={result()}>
        {(r) => (
          <div class="cn-pair-result" data-testid="pair-result">
            <p class="cn-warn-text">
              <strong>{ct.pairOnce}</strong>
            </p>
            <dl class="cn-meta">
              <dt>{ct.pairToken}</dt>
              <dd class="cn-mono cn-select-all" data-testid="pair-token">
                {r().token}
              </dd>
              <dt>{ct.pairUrl}</dt>
              <dd class="cn-mono cn-select-all cn-break" data-testid="pair-url">
                {r().url}
              </dd>
            </dl>
            <button type="button" class="cn-btn cn-btn-sm" data-testid="pair-copy" onClick={copy}>
              {copied() ? ct.copied : ct.copy}
            </button>
          </div>
        )}
      </Show>
    </section>
  );
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** Read-only list of the city's cameras (GET /api/cameras): they are configured in the city profile file. */
function AdminCameras() {
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
