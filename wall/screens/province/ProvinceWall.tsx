import { createMemo, For, onCleanup, Show } from 'solid-js';
import type { CityPublicProfile, PublicProfile } from '../../../server/contract/profile';
import { cityStreamNamespace } from '../../../server/contract/province';
import { createLive, type Live } from '../../lib/live';
import { connectLive } from '../../lib/socket';
import { createLiveScreen } from '../../lib/live-screen';
import { combineLives, leagueOrder } from '../../lib/province-live';
import { t } from '../../lib/i18n';
import { ScreenGate } from '../../components/ScreenGate';
import { Header } from '../wall/Header';
import { MapView } from '../wall/map/MapView';
import { BaseLayers } from '../wall/map/BaseLayers';
import { ReportsLayer } from '../wall/map/ReportsLayer';
import './province.css';

const fmt = new Intl.NumberFormat(t.locale);

/**
 * The province's wall (/wall/provinsi at the province's address): every city's reports on one map, the province's
 * counts in the header, and the league of its cities beside it, the city most behind first. Each city is followed on
 * its own stream (a namespace of the province's hub), with its own seq and catch-up, as that city's own wall is.
 */
export default function ProvinceWall() {
  // The province's own stream too: it is what makes this display seen, brings its layout, ends it when revoked,
  // and reloads the screen for a new release, as on every wall.
  const { token, profile } = createLiveScreen();
  return (
    <Show when={profile()} fallback={<div class="fullscreen-message" data-testid="hub-wait"><h1>{t.appName}</h1><p>{t.connecting}</p></div>}>
      {(p) => (
        <Show when={p().province} fallback={<div class="fullscreen-message" data-testid="not-a-province"><h1>{p().name}</h1><p>{t.notAProvince}</p></div>}>
          <Province profile={p()} token={token} />
        </Show>
      )}
    </Show>
  );
}

function Province(props: { profile: PublicProfile; token: string | null }) {
  const cities = props.profile.province!.cities.map((city) => {
    const live = createLive();
    const socket = props.token ? connectLive(props.token, live, cityStreamNamespace(city.id)) : null;
    if (!socket) live.setConnection('unpaired');
    onCleanup(() => socket?.close());
    return { city, live };
  });
  const byId = Object.fromEntries(cities.map((c) => [c.city.id, c]));
  const combined = combineLives(cities.map((c) => c.live));
  window.__pantau = { map: null, live: cities[0].live, cities: Object.fromEntries(cities.map((c) => [c.city.id, c.live])) };
  // How many cities' layers are drawn: the screen is ready when all are (nothing on screen reads it).
  let drawn = 0;
  // The order alone is recomputed on an event: each row stays the same element and reads its own city's figures.
  const order = createMemo(() => leagueOrder(cities.map(({ city, live }) => ({ id: city.id, name: city.name, counts: live.counts(), breached: live.breached() }))).map((r) => r.id));

  return (
    <ScreenGate connection={combined.connection} caughtUp={combined.caughtUp} profile={() => props.profile} behind>
      {(p) => (
        <div class="wall province" classList={{ stale: combined.connection() === 'reconnecting' }}>
          <Header city={p().name} live={combined} />
          <main class="wall-body">
            <div class="map-area">
              <MapView profile={p()} onMap={(m) => (window.__pantau!.map = m)}>
                {(map) => (
                  <>
                    <BaseLayers map={map} profile={p()} labelsBelow />
                    <For each={cities}>
                      {({ city, live }) => (
                        <ReportsLayer
                          map={map}
                          live={live}
                          prefix={`${city.id}:`}
                          onReady={() => ++drawn === cities.length && (document.body.dataset.live = 'ready')}
                        />
                      )}
                    </For>
                  </>
                )}
              </MapView>
            </div>
            <aside class="side">
              <LeagueTable order={order()} cities={byId} />
            </aside>
          </main>
        </div>
      )}
    </ScreenGate>
  );
}

function LeagueTable(props: { order: string[]; cities: Record<string, { city: CityPublicProfile; live: Live }> }) {
  return (
    <section class="league" data-testid="league">
      <h2 class="panel-title">
        {t.leagueTitle} <span class="league-sub">· {t.citiesWatched(props.order.length)}</span>
      </h2>
      <ol class="recent-list">
        <For each={props.order}>
          {(id, i) => {
            const { city, live } = props.cities[id];
            return (
              <li class="league-row" classList={{ 'league-breached': live.breached() > 0 }} data-testid="league-row" data-city={id} data-breached={live.breached()} data-red={live.counts().red}>
                <span class="league-rank">{i() + 1}</span>
                <span class="league-city">
                  {city.name}
                  <Show when={live.connection() !== 'connected'}>
                    <span class="league-conn" data-testid="league-conn"> · {t.reconnecting}</span>
                  </Show>
                </span>
                <span class="league-figures">
                  <span class="league-n league-red" title={t.phase.red}>{fmt.format(live.counts().red)}</span>
                  <span class="league-n league-yellow" title={t.phase.yellow}>{fmt.format(live.counts().yellow)}</span>
                  <span class="league-n league-green" title={t.phase.green}>{fmt.format(live.counts().green)}</span>
                  <span class="league-n league-late" title={t.breachedShort}>⚠ {fmt.format(live.breached())}</span>
                </span>
              </li>
            );
          }}
        </For>
      </ol>
      <div class="league-legend">
        <span class="league-n league-red">{t.phase.red}</span>
        <span class="league-n league-yellow">{t.phase.yellow}</span>
        <span class="league-n league-green">{t.phase.green}</span>
        <span class="league-n league-late">⚠ {t.breachedShort}</span>
      </div>
    </section>
  );
}
