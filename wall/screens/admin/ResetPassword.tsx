import { createSignal, Show } from 'solid-js';
import { ResetPassword as ResetPasswordInput } from '../../../server/contract/accounts';
import { api } from '../../lib/api';
import { passes } from '../../lib/check';
import type { AccountView } from '../../lib/staff';
import { ct } from '../../lib/i18n/staff';
import { generatePassword } from './password';

/** An admin sets a new password for an account, inline under its row. */
export function ResetPassword(props: { account: AccountView; onDone: (username: string) => void; onCancel: () => void }) {
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  async function submit(e: Event) {
    e.preventDefault();
    if (!passes(ResetPasswordInput.shape.password, password())) return setError(ct.newPassword);
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
