import { createSignal, Match, onCleanup, Switch, type JSX } from 'solid-js';
import { onUnauthorized } from '../lib/api';
import { fetchMe, logout, type Me } from '../lib/staff';
import { Login } from './Login';
import { ct } from '../lib/i18n/staff';

/**
 * Who is logged in, for a staff screen: undefined while asking the hub, null when nobody is (the login
 * form shows), and back to null with a notice when any call answers 401 (the session ended).
 */
export function createSession() {
  const [me, setMe] = createSignal<Me | null | undefined>(undefined);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [offline, setOffline] = createSignal(false);
  let retry: ReturnType<typeof setTimeout> | undefined;

  async function check() {
    const r = await fetchMe();
    if (r === 'offline') {
      setOffline(true);
      retry = setTimeout(check, 3_000);
      return;
    }
    setOffline(false);
    setMe(r);
  }
  void check();

  const expired = () => {
    if (me()) {
      setNotice(ct.sessionExpired);
      setMe(null);
    }
  };
  const off = onUnauthorized(expired);
  onCleanup(() => {
    off();
    clearTimeout(retry);
  });

  return {
    me,
    notice,
    offline,
    expired,
    login(m: Me) {
      setNotice(null);
      setMe(m);
    },
    async logout() {
      await logout();
      setNotice(null);
      setMe(null);
    },
  };
}
export type Session = ReturnType<typeof createSession>;

/** Login form until someone is logged in, then `children(me)`. */
export function SessionGate(props: { session: Session; title: string; children: (me: Me) => JSX.Element }) {
  const s = props.session;
  return (
    <Switch>
      <Match when={s.me() === undefined}>
        <div class="cn-center cn-muted" data-testid="session-wait">
          {s.offline() ? ct.loginNetwork : '…'}
        </div>
      </Match>
      <Match when={s.me() === null}>
        <Login title={props.title} notice={s.notice()} onLogin={(m) => s.login(m)} />
      </Match>
      <Match when={s.me()} keyed>
        {(m) => props.children(m)}
      </Match>
    </Switch>
  );
}
