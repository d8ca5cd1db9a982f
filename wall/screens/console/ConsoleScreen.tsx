import { Show } from 'solid-js';
import { createSession, SessionGate } from '../../components/session';
import { Console } from './Console';
import { Performance } from './Performance';
import { CameraAdmin } from './CameraAdmin';
import { ct, withLang } from '../../lib/i18n/staff';
import '../../components/staff.css';

/** /console: the login form, then the operator console (operators, supervisors, admins). */
export default function ConsoleScreen() {
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
            <Show when={!location.pathname.startsWith('/console/kamera')} fallback={<CameraAdmin me={me} />}>
              <Show when={!location.pathname.startsWith('/console/kinerja')} fallback={<Performance me={me} />}>
                <Console me={me} onLogout={() => session.logout()} onUnauthenticated={session.expired} />
              </Show>
            </Show>
          </Show>
        )}
      </SessionGate>
    </div>
  );
}
