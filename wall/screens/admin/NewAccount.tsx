import { createSignal, For, Show } from 'solid-js';
import { needsAgency, StaffRole } from '../../../server/contract/accounts';
import { api } from '../../lib/api';
import type { AccountView } from '../../lib/staff';
import { ct } from '../../lib/i18n/staff';
import { generatePassword } from './password';

const ROLES = StaffRole.options;

/** An admin creates a staff account: an operator or field supervisor belongs to one agency. */
export function NewAccount(props: { agencies: { id: string; short: string; name: string }[]; onCreated: (a: AccountView) => void }) {
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
