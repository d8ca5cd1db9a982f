import { Match, Show, Switch } from 'solid-js';
import { createSession, SessionGate } from '../../components/session';
import { Console } from './Console';
import { Performance } from './Performance';
import { CameraAdmin } from './CameraAdmin';
import { ct, withLang } from '../../lib/i18n/staff';
import '../../components/staff.css';

/** Which of the console's pages the address names (wall/routes.tsx). */
export type ConsolePage = 'queue' | 'performance' | 'cameras';

/** /console: the login form, then the operator console (operators, supervisors, admins). */
export default function ConsoleScreen(props: { page: ConsolePage }) {
  const session = createSession();
  document.title = `${ct.consoleTitle} — Pantau`;
  return (
    <div class="cn-root">
      <SessionGate session={session} title={ct.consoleTitle}>
        {(me) => (
          <Show
            when={me.role === 'operator' || me.role === 'supervisor' || me.role === 'admin'}
            fallback={
              <div class="cn-center">
                <div class="cn-card cn-narrow" data-testid="wrong-role">
                  <p>{me.role === 'field' ? ct.fieldUseFieldPage : ct.notForRole}</p>
                  <p class="cn-row-gap">
                    <Show when={me.role === 'field'}>
                      <a class="cn-btn cn-btn-primary" href={withLang('/field')}>
                        {ct.openFieldPage}
                      </a>
                    </Show>
                    <button type="button" class="cn-btn cn-btn-ghost" onClick={() => session.logout()}>
                      {ct.logout}
                    </button>
                  </p>
                </div>
              </div>
            }
          >
            <Switch>
              <Match when={props.page === 'cameras'}>
                <CameraAdmin me={me} />
              </Match>
              <Match when={props.page === 'performance'}>
                <Performance me={me} />
              </Match>
              <Match when={props.page === 'queue'}>
                <Console me={me} onLogout={() => session.logout()} onUnauthenticated={session.expired} />
              </Match>
            </Switch>
          </Show>
        )}
      </SessionGate>
    </div>
  );
}
