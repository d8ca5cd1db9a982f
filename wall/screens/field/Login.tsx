import { createSignal, Show } from 'solid-js';
import type { Actor } from '../../../server/contract/roles';
import { ApiError, request } from '../../lib/api';
import { ft } from './i18n';

const LAST_USER = 'pantau.field.lastUser';

/** Log in once: the hub's session for a field account lasts 30 days. */
export function Login(props: { lost: boolean; otherLang: string; onLoggedIn: (a: Actor) => void }) {
  let last = '';
  try {
    last = localStorage.getItem(LAST_USER) ?? '';
  } catch {
    /* none */
  }
  const [username, setUsername] = createSignal(last);
  const [password, setPassword] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    if (busy()) return;
    setBusy(true);
    setError(null);
    try {
      await request('/api/auth/login', { method: 'POST', json: { username: username().trim(), password: password() }, timeoutMs: 20_000 });
      const { actor } = await request<{ actor: Actor }>('/api/auth/me', { timeoutMs: 20_000 });
      try {
        localStorage.setItem(LAST_USER, username().trim());
      } catch {
        /* fine */
      }
      setPassword('');
      props.onLoggedIn(actor);
    } catch (err) {
      const e = err as ApiError;
      setError(e.status === 0 ? ft.loginOffline : e.status === 401 || e.status === 400 || e.status === 403 ? ft.loginFailed : `${ft.loginFailed} (${e.status})`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="fp-login">
      <div class="fp-login-brand">
        <img src="/icons/field-192.png" alt="" width="64" height="64" />
        <span>{ft.appTitle}</span>
      </div>
      <h1 class="fp-h1">{ft.loginTitle}</h1>
      <Show when={props.lost}>
        <p class="ph-warn-box" role="alert">
          {ft.sessionLost}
        </p>
      </Show>
      <p class="fp-lead">{ft.loginIntro}</p>
      <form class="fp-form" onSubmit={submit} novalidate>
        <label class="ph-label" for="fp-user">
          {ft.username}
        </label>
        <input
          id="fp-user"
          class="ph-input"
          data-testid="login-username"
          name="username"
          autocomplete="username"
          autocapitalize="none"
          spellcheck={false}
          required
          value={username()}
          onInput={(e) => setUsername(e.currentTarget.value)}
        />
        <label class="ph-label" for="fp-pass">
          {ft.password}
        </label>
        <input
          id="fp-pass"
          class="ph-input"
          data-testid="login-password"
          name="password"
          type="password"
          autocomplete="current-password"
          required
          value={password()}
          onInput={(e) => setPassword(e.currentTarget.value)}
        />
        <Show when={error()}>
          <p class="ph-error-box" role="alert" data-testid="login-error">
            {error()}
          </p>
        </Show>
        <button class="btn btn-primary btn-block" type="submit" data-testid="login-submit" disabled={busy() || !username().trim() || !password()}>
          {busy() ? ft.loggingIn : ft.loginSubmit}
        </button>
      </form>
      <p class="fp-lang">
        <a href={props.otherLang}>{ft.language}</a>
      </p>
    </main>
  );
}
