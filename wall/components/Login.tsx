import { createSignal, onMount, Show } from 'solid-js';
import { api } from '../lib/api';
import { type Me } from '../lib/staff';
import { ct } from '../lib/i18n/staff';
import { t } from '../lib/i18n';

/** The login form of the console and the admin page. Calls `onLogin` with who logged in. */
export function Login(props: { title: string; notice?: string | null; onLogin: (me: Me) => void }) {
  const [username, setUsername] = createSignal('');
  const [password, setPassword] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  let userInput!: HTMLInputElement;
  let passInput!: HTMLInputElement;

  onMount(() => userInput.focus());

  async function submit(e: Event) {
    e.preventDefault();
    if (busy()) return;
    if (!username().trim()) return void (setError(ct.required), userInput.focus());
    if (!password()) return void (setError(ct.required), passInput.focus());
    setBusy(true);
    setError(null);
    const r = await api<{ account: { id: string; role: Me['role']; agencyId: string | null; name: string } }>('/api/auth/login', {
      json: { username: username().trim(), password: password() },
    });
    setBusy(false);
    if (r.ok) {
      const a = r.data.account;
      props.onLogin({ id: a.id, role: a.role, agencyId: a.agencyId, name: a.name });
      return;
    }
    setError(r.status === 0 || r.status >= 500 ? ct.loginNetwork : ct.loginFailed);
    setPassword('');
    passInput.focus();
  }

  return (
    <div class="cn-login-page">
      <form class="cn-login" data-testid="login-form" onSubmit={submit} novalidate>
        <div class="cn-login-brand">
          {t.appName} <span>· {t.liveRoom}</span>
        </div>
        <h1>{props.title}</h1>
        <p class="cn-muted">{ct.loginSub}</p>
        <Show when={props.notice}>
          <p class="cn-login-notice" role="status">
            {props.notice}
          </p>
        </Show>
        <label class="cn-field">
          <span>{ct.username}</span>
          <input
            ref={userInput}
            name="username"
            autocomplete="username"
            autocapitalize="off"
            spellcheck={false}
            data-testid="login-username"
            value={username()}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </label>
        <label class="cn-field">
          <span>{ct.password}</span>
          <input
            ref={passInput}
            type="password"
            name="password"
            autocomplete="current-password"
            data-testid="login-password"
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <Show when={error()}>
          <p class="cn-error" role="alert" data-testid="login-error">
            {error()}
          </p>
        </Show>
        <button class="cn-btn cn-btn-primary cn-login-submit" type="submit" data-testid="login-submit" disabled={busy()}>
          {busy() ? ct.loggingIn : ct.loginSubmit}
        </button>
        <div class="cn-login-lang">
          <a href={`${location.pathname}`} classList={{ active: !location.search.includes('lang=en') }}>
            Bahasa Indonesia
          </a>
          {' · '}
          <a href={`${location.pathname}?lang=en`} classList={{ active: location.search.includes('lang=en') }}>
            English
          </a>
        </div>
      </form>
    </div>
  );
}
