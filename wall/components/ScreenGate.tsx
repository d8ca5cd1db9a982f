import { Match, Show, Switch, type Accessor, type JSX } from 'solid-js';
import { NotPaired } from './NotPaired';
import type { PublicProfile } from '../../server/contract/profile';
import { t } from '../lib/i18n';
import { clockLocal, zoneName } from '../lib/time';

type Gate = {
  connection: Accessor<string>;
  caughtUp: Accessor<boolean>;
  profile: Accessor<PublicProfile | undefined>;
  children: (profile: Accessor<PublicProfile>) => JSX.Element;
  /**
   * Build the screen as soon as the profile is in, hidden behind the wait message until it has caught up: the wall's
   * map is made and loaded while its snapshot is on the way, so the markers are drawn the moment it lands.
   */
  behind?: boolean;
};

/**
 * What every paired wall screen shows before its content: a plain message when the screen is not paired or
 * has not caught up yet, so an unpaired or unreachable wall never shows an empty map that looks like a quiet city.
 */
export function ScreenGate(props: Gate) {
  return (
    <Switch>
      <Match when={props.connection() === 'unpaired'}>
        <NotPaired />
      </Match>
      <Match when={!props.profile() || (!props.behind && !props.caughtUp())}>
        <Waiting profile={props.profile()} />
      </Match>
      <Match when={props.profile()}>
        {(p) => (
          <>
            {props.children(p)}
            <Show when={!props.caughtUp()}>
              <Waiting profile={p()} over />
            </Show>
          </>
        )}
      </Match>
    </Switch>
  );
}

function Waiting(props: { profile: PublicProfile | undefined; over?: boolean }) {
  return (
    <div class="fullscreen-message" classList={{ over: props.over === true }} data-testid="hub-wait">
      <h1>{props.profile?.name ?? t.appName}</h1>
      <p>{props.profile ? t.connecting : t.hubUnreachable}</p>
    </div>
  );
}

/** The wall's own honesty: while the hub is out of reach, say so, and since when, over the last known state. */
export function StaleBanner(props: { live: { connection: Accessor<string>; disconnectedAt: Accessor<Date | null> } }) {
  return (
    <Show when={props.live.connection() === 'reconnecting'}>
      <div class="banner banner-stale" role="alert" data-testid="stale-banner">
        {t.staleBanner}
        <Show when={props.live.disconnectedAt()}>
          {(at) => (
            <span class="banner-since">
              {' '}· {t.staleSince} {clockLocal(at())} {zoneName()}
            </span>
          )}
        </Show>
      </div>
    </Show>
  );
}
