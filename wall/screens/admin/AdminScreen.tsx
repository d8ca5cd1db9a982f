import { createResource, createSignal, onCleanup, Show } from 'solid-js';
import { fetchProfile } from '../../lib/profile';
import { t } from '../../lib/i18n';
import type { Me } from '../../lib/staff';
import { createSession, SessionGate } from '../../components/session';
import { ct, withLang } from '../../lib/i18n/staff';
import { AuditExport } from '../../components/AuditExport';
import { KinerjaExport } from '../../components/KinerjaExport';
import { AccountsTable, createAccounts } from './Accounts';
import { NewAccount } from './NewAccount';
import { PairDisplay } from './PairDisplay';
import { AdminCameras } from './AdminCameras';
import { ApiClients } from './ApiClients';
import '../../components/staff.css';

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

  const [message, setMessage] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
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

  const accounts = createAccounts(fail);
  // Supervisors see no accounts; the screen is ready once the admin's list is in.
  void (isAdmin ? accounts.load() : Promise.resolve()).then(() => (document.body.dataset.admin = 'ready'));
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
            <AccountsTable me={me} list={accounts} agencyShort={agencyShort} say={say} fail={fail} />
          </Show>

          <div class="cn-admin-side">
            <Show when={isAdmin}>
              <NewAccount
                agencies={agencies()}
                onCreated={(a) => {
                  accounts.add(a);
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

