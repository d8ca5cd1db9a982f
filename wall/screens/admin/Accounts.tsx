import { createMemo, createSignal, For, Show } from 'solid-js';
import { api } from '../../lib/api';
import type { AccountView, Me } from '../../lib/staff';
import { ct } from '../../lib/i18n/staff';
import { whenLocal } from '../../lib/format';
import { ResetPassword } from './ResetPassword';

const ROLE_ORDER: Record<string, number> = { admin: 0, supervisor: 1, operator: 2, field: 3 };

/** The city's staff accounts, loaded once; the new-account form adds to the same list. */
export function createAccounts(onError: (message: string) => void) {
  const [accounts, setAccounts] = createSignal<AccountView[]>([]);
  const [loaded, setLoaded] = createSignal(false);
  async function load() {
    const r = await api<{ accounts: AccountView[] }>('/api/admin/accounts');
    if (!r.ok) return onError(r.message);
    setAccounts(r.data.accounts);
    setLoaded(true);
  }
  return {
    accounts,
    loaded,
    load,
    add: (a: AccountView) => setAccounts((list) => [...list, a]),
    replace: (a: AccountView) => setAccounts((list) => list.map((x) => (x.id === a.id ? a : x))),
  };
}
export type Accounts = ReturnType<typeof createAccounts>;

/** The accounts table (admins): filter, disable or enable, reset a password. */
export function AccountsTable(props: { me: Me; list: Accounts; agencyShort: (id: string | null) => string; say: (text: string) => void; fail: (text: string) => void }) {
  const me = props.me;
  const { accounts, loaded } = props.list;
  const agencyShort = (id: string | null) => props.agencyShort(id);
  const [filter, setFilter] = createSignal('');
  const [resetting, setResetting] = createSignal<string | null>(null);
  const say = (text: string) => props.say(text);

  const shown = createMemo(() => {
    const f = filter().trim().toLowerCase();
    return accounts()
      .filter((a) => !f || a.username.includes(f) || a.name.toLowerCase().includes(f) || (a.agencyId ?? '').includes(f))
      .sort((a, b) => (a.agencyId ?? '').localeCompare(b.agencyId ?? '') || ROLE_ORDER[a.role] - ROLE_ORDER[b.role] || a.username.localeCompare(b.username));
  });

  async function setDisabled(a: AccountView, disabled: boolean) {
    const r = await api<{ account: AccountView }>(`/api/admin/accounts/${a.id}/${disabled ? 'disable' : 'enable'}`, { method: 'POST', json: {} });
    if (!r.ok) return props.fail(r.message);
    props.list.replace(r.data.account);
    say(disabled ? ct.accountDisabled(a.username) : ct.accountEnabled(a.username));
  }

  return (
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
  );
}
