import { createSignal, For, onCleanup, Show } from 'solid-js';
import type { AgencyStanding, IndicatorStatus, IndicatorUnit } from '../../../server/contract/indicators';
import { createSession, SessionGate } from '../../components/session';
import { lang } from '../../lib/i18n';
import { stampLocal, timeLocal, dateLocal } from '../../lib/time';
import { request, ApiError } from '../../lib/api';
import { loadProfileCached } from '../../lib/profile-cache';
import { formatValue, STATUS_COLOR, STATUS_MARK } from '../indicators/format';
import { ind } from '../indicators/i18n';
import '../../components/staff.css';
import './ringkas.css';

type Label = { id: string; en: string };
/** GET /api/indicators/ringkas: everything on this page in one small answer. */
type Summary = {
  asOf: string;
  city: string;
  agencies: { id: string; short: string }[];
  indicators: {
    id: string;
    agencyId: string | null;
    name: Label;
    short?: Label;
    unit: IndicatorUnit;
    target: number;
    projectId?: string;
    latest: { period: string; value: number; expected: number; status: IndicatorStatus; corrections: number } | null;
  }[];
  projects: { id: string; agencyId: string; name: string; progress: number | null; planned: number; status: IndicatorStatus | null; period: string | null }[];
  league: AgencyStanding[];
  breached: { total: number; byAgency: { agencyId: string; count: number }[]; oldest: { ticket: string; category: Label; agencyId: string; createdAt: string; address: string | null }[] };
  cameras: { id: string; name: string; health: string; healthSince: string | null; alert: string | null }[];
};

const REFRESH_MS = 60_000;

/**
 * /ringkas: what the mayor or a supervisor checks on the phone between meetings: breached complaint deadlines,
 * dark cameras, and every agency's budget, procurement and projects against plan. One request, large type.
 * The two counts come first and jump to their details at the end; the figures are in between.
 */
export default function RingkasScreen() {
  // Only for the city's zone: the summary's times are in the city's clock.
  void loadProfileCached();
  const session = createSession();
  document.title = `${ind.ringkas} — Pantau`;
  return (
    <div class="cn-root rk-root">
      <SessionGate session={session} title={ind.ringkas}>
        {(me) => (
          <Show when={me.role !== 'field'} fallback={<p class="rk-note">{ind.onlySupervisors}</p>}>
            <Summary onLogout={() => session.logout()} onUnauthenticated={session.expired} />
          </Show>
        )}
      </SessionGate>
    </div>
  );
}

function Summary(props: { onLogout: () => void; onUnauthenticated: () => void }) {
  const [data, setData] = createSignal<Summary | null>(null);
  const [failed, setFailed] = createSignal(false);
  const [busy, setBusy] = createSignal(false);

  async function load() {
    if (busy()) return;
    setBusy(true);
    try {
      setData(await request<Summary>('/api/indicators/ringkas'));
      setFailed(false);
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return props.onUnauthenticated();
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }
  void load();
  const timer = setInterval(() => document.visibilityState === 'visible' && void load(), REFRESH_MS);
  const onVisible = () => document.visibilityState === 'visible' && void load();
  document.addEventListener('visibilitychange', onVisible);
  onCleanup(() => {
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
  });

  const short = (id: string | null) => (id === null ? ind.city : data()?.agencies.find((a) => a.id === id)?.short ?? id);

  return (
    <div class="rk" data-testid="ringkas">
      <header class="rk-top">
        <div>
          <div class="rk-title">{ind.ringkas}</div>
          <div class="rk-sub">{data()?.city ?? ''}</div>
        </div>
        <div class="rk-actions">
          <button type="button" class="rk-btn" onClick={() => void load()} disabled={busy()} aria-label={ind.reload}>
            ↻
          </button>
          <button type="button" class="rk-btn rk-btn-ghost" onClick={props.onLogout}>
            {ind.logout}
          </button>
        </div>
      </header>
      <div class="rk-stamp" classList={{ 'rk-failed': failed() }} data-testid="ringkas-updated">
        <Show when={data()} fallback={ind.loading}>
          {failed() ? ind.failed : ind.updated} {stampLocal(data()!.asOf)}
        </Show>
      </div>

      <Show when={data()}>
        {(d) => (
          <>
            <section class="rk-section rk-alerts">
              <a class="rk-alert" classList={{ 'rk-alert-bad': d().breached.total > 0 }} href="#aduan" data-testid="ringkas-breached">
                <span class="rk-alert-num">{d().breached.total}</span>
                <span class="rk-alert-label">{d().breached.total ? ind.breached : ind.breachedNone}</span>
              </a>
              <a class="rk-alert" classList={{ 'rk-alert-bad': d().cameras.length > 0 }} href="#kamera" data-testid="ringkas-cameras">
                <span class="rk-alert-num">{d().cameras.length}</span>
                <span class="rk-alert-label">{d().cameras.length ? ind.camerasDark : ind.camerasNone}</span>
              </a>
            </section>

            <section class="rk-section">
              <h2 class="rk-h">{ind.indicators}</h2>
              <For each={[null, ...d().league.map((l) => l.agencyId)]}>
                {(agencyId) => {
                  const rows = () => d().indicators.filter((i) => i.agencyId === agencyId && !i.projectId);
                  const figures = () => rows().filter((i) => i.unit !== 'count');
                  // Procurement counts share one line ("Tender 12 · Kontrak 12 · Selesai 10 / 12"): the page stays short.
                  const counts = () => rows().filter((i) => i.unit === 'count');
                  const standing = () => d().league.find((l) => l.agencyId === agencyId);
                  return (
                    <Show when={rows().length}>
                      <div class="rk-agency" data-testid="ringkas-agency" data-agency={agencyId ?? 'kota'}>
                        <div class="rk-agency-head">
                          <span>{short(agencyId)}</span>
                          <Show when={standing()?.score != null}>
                            <span class="rk-score">{Math.round(standing()!.score!)}</span>
                          </Show>
                        </div>
                        <For each={figures()}>
                          {(i) => {
                            const st = () => i.latest?.status ?? 'none';
                            return (
                              <div class="rk-ind" style={{ '--st': STATUS_COLOR[st()] }} data-indicator={i.id} data-status={st()}>
                                <span class="rk-ind-mark">{STATUS_MARK[st()]}</span>
                                <span class="rk-ind-name">{i.name[lang]}</span>
                                <span class="rk-ind-value">{formatValue(i.unit, i.latest?.value)}</span>
                                <span class="rk-ind-plan">
                                  {i.latest ? `${ind.planNow} ${formatValue(i.unit, i.latest.expected)} · ${ind.periodMonth(i.latest.period)}` : ind.status.none}
                                </span>
                              </div>
                            );
                          }}
                        </For>
                        <Show when={counts().length}>
                          <div class="rk-counts">
                            <span class="rk-counts-label">{ind.procurement}</span>
                            <For each={counts()}>
                              {(i) => {
                                const st = () => i.latest?.status ?? 'none';
                                return (
                                  <span class="rk-count" style={{ '--st': STATUS_COLOR[st()] }} data-indicator={i.id} data-status={st()}>
                                    <span class="rk-ind-mark">{STATUS_MARK[st()]}</span> {(i.short ?? i.name)[lang]}{' '}
                                    <b>{formatValue(i.unit, i.latest?.value)}</b>
                                    <span class="rk-muted">/{formatValue(i.unit, i.target)}</span>
                                  </span>
                                );
                              }}
                            </For>
                          </div>
                        </Show>
                      </div>
                    </Show>
                  );
                }}
              </For>
            </section>

            <section class="rk-section">
              <h2 class="rk-h">{ind.projects}</h2>
              <For each={d().projects}>
                {(p) => (
                  <div class="rk-project" style={{ '--st': STATUS_COLOR[p.status ?? 'none'] }} data-testid="ringkas-project">
                    <div class="rk-project-head">
                      <span class="rk-strong">{p.name}</span>
                      <span class="rk-ind-value">{p.progress === null ? '—' : `${Math.round(p.progress)}%`}</span>
                    </div>
                    <div class="rk-progress" aria-hidden="true">
                      <div class="rk-progress-fill" style={{ width: `${p.progress ?? 0}%` }} />
                      <div class="rk-progress-plan" style={{ left: `${p.planned}%` }} />
                    </div>
                    <div class="rk-muted">
                      {short(p.agencyId)} · {ind.planNow} {Math.round(p.planned)}% · {STATUS_MARK[p.status ?? 'none']} {ind.status[p.status ?? 'none']}
                    </div>
                  </div>
                )}
              </For>
            </section>
            <Show when={d().breached.total > 0}>
              <section class="rk-section" id="aduan">
                <h2 class="rk-h">{ind.breached}</h2>
                <div class="rk-chips">
                  <For each={d().breached.byAgency}>{(a) => <span class="rk-chip">{short(a.agencyId)} <b>{a.count}</b></span>}</For>
                </div>
                <ul class="rk-list">
                  <For each={d().breached.oldest}>
                    {(r) => (
                      <li>
                        <span class="rk-strong">{r.category[lang]}</span> · {short(r.agencyId)}
                        <div class="rk-muted">
                          {r.ticket} · {dateLocal(r.createdAt)} {timeLocal(r.createdAt)}
                          {r.address ? ` · ${r.address}` : ''}
                        </div>
                      </li>
                    )}
                  </For>
                </ul>
              </section>
            </Show>

            <Show when={d().cameras.length > 0}>
              <section class="rk-section" id="kamera">
                <h2 class="rk-h">{ind.camerasDark}</h2>
                <ul class="rk-list">
                  <For each={d().cameras}>
                    {(c) => (
                      <li>
                        <span class="rk-strong" classList={{ 'rk-red': c.health === 'offline' }}>
                          {c.name}
                        </span>{' '}
                        · {ind.health[c.health] ?? c.health}
                        <Show when={c.healthSince}>
                          <div class="rk-muted">
                            {ind.since} {stampLocal(c.healthSince!)}
                          </div>
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
              </section>
            </Show>

          </>
        )}
      </Show>
    </div>
  );
}
