import { createMemo, createResource, createSignal, For, Show } from 'solid-js';
import type { AgencyFigures, Stats } from '../kinerja/stats';
import { fmtHours as hrs, fmtPct as pct, level, num } from '../kinerja/figures';
import { fetchProfile } from '../../lib/profile';
import { lang, t } from '../../lib/i18n';
import { stampLocal } from '../../lib/time';
import { api } from '../../lib/api';
import { type Me } from '../../lib/staff';
import { cityDayAgo } from '../../lib/format';
import { withLang } from '../../lib/i18n/staff';
import { pt } from './performance-i18n';
import './performance.css';

type Range = { from: string; to: string };
const DAY = /^\d{4}-\d\d-\d\d$/;

/** The range in the address (`?from=&to=` or `?days=`), so a supervisor can send a link to the same figures. */
export function rangeFromUrl(search: string, today: (daysAgo?: number) => string = cityDayAgo): Range {
  const q = new URLSearchParams(search);
  const from = q.get('from') ?? '';
  const to = q.get('to') ?? '';
  if (DAY.test(from) && DAY.test(to) && from <= to) return { from, to };
  const days = Number(q.get('days'));
  const n = Number.isInteger(days) && days >= 1 && days <= 400 ? days : 7;
  return { from: today(n - 1), to: today(0) };
}


/**
 * /console/kinerja: every agency's figures for any past range, recomputed from the event log by the hub.
 * The wall's /wall/kinerja shows the last days to the room; this is where a supervisor looks closer and exports.
 */
export function Performance(props: { me: Me }) {
  const [profile] = createResource(fetchProfile);
  const [range, setRange] = createSignal<Range>(rangeFromUrl(location.search));
  const [draft, setDraft] = createSignal<Range>(range());
  const [formError, setFormError] = createSignal<string | null>(null);
  const [stats] = createResource(range, async (r) => {
    const res = await api<Stats>(`/api/stats?from=${r.from}&to=${r.to}`);
    if (!res.ok) throw new Error(res.message);
    return res.data;
  });
  const agencies = createMemo(() => new Map((profile()?.agencies ?? []).map((a) => [a.id, a])));
  const canExport = props.me.role === 'supervisor' || props.me.role === 'admin';
  document.title = `${pt.title} — ${t.appName}`;

  function show(r: Range) {
    if (r.from > r.to) return setFormError(pt.badRange);
    setFormError(null);
    setDraft(r);
    setRange(r);
    const q = new URLSearchParams(location.search);
    q.delete('days');
    q.set('from', r.from);
    q.set('to', r.to);
    history.replaceState(null, '', `${location.pathname}?${q}`);
  }
  const preset = (days: number) => ({ from: cityDayAgo(days - 1), to: cityDayAgo(0) });
  const isPreset = (days: number) => range().from === preset(days).from && range().to === preset(days).to;

  const totals = createMemo(() =>
    (stats.latest?.agencies ?? []).reduce((s, a) => ({ open: s.open + a.open, breached: s.breached + a.breachedOpen }), { open: 0, breached: 0 }),
  );

  return (
    <div class="cn-app pf" data-testid="performance">
      <header class="cn-header">
        <a class="cn-btn cn-btn-ghost cn-btn-sm" href={withLang('/console')} data-testid="performance-back">
          {pt.back}
        </a>
        <div class="cn-brand">
          <span class="cn-brand-app">{t.appName}</span>
          <span class="cn-brand-sep">·</span>
          <span>{pt.title}</span>
          <Show when={profile()}>
            <span class="cn-brand-city">{profile()!.name}</span>
          </Show>
        </div>
        <div class="cn-header-spacer" />
        <a class="cn-lang" href={lang === 'en' ? location.pathname : `${location.pathname}?lang=en`}>
          {lang === 'en' ? 'ID' : 'EN'}
        </a>
      </header>

      <div class="pf-bar">
        <div class="pf-presets" role="group">
          <For each={pt.presets}>
            {(p) => (
              <button type="button" class="cn-btn cn-btn-sm" classList={{ 'cn-btn-primary': isPreset(p.days) }} data-testid={`performance-days-${p.days}`} onClick={() => show(preset(p.days))}>
                {p.label}
              </button>
            )}
          </For>
        </div>
        <form
          class="pf-custom"
          onSubmit={(e) => {
            e.preventDefault();
            show(draft());
          }}
        >
          <label>
            {pt.from}
            <input type="date" data-testid="performance-from" value={draft().from} max={cityDayAgo(0)} onInput={(e) => setDraft({ ...draft(), from: e.currentTarget.value })} />
          </label>
          <label>
            {pt.to}
            <input type="date" data-testid="performance-to" value={draft().to} max={cityDayAgo(0)} onInput={(e) => setDraft({ ...draft(), to: e.currentTarget.value })} />
          </label>
          <button type="submit" class="cn-btn cn-btn-sm" data-testid="performance-apply">
            {pt.apply}
          </button>
        </form>
        <Show when={formError()}>
          <span class="cn-error" role="alert">
            {formError()}
          </span>
        </Show>
        <div class="cn-header-spacer" />
        <Show when={canExport}>
          <a class="cn-btn cn-btn-sm" data-testid="performance-csv" href={`/api/stats/agencies.csv?from=${range().from}&to=${range().to}`} download="">
            {pt.csv}
          </a>
        </Show>
      </div>

      <main class="pf-body">
        <Show when={stats.latest} fallback={<p class="cn-muted pf-wait">{stats.error ? pt.failed : pt.loading}</p>}>
          {(s) => (
            <>
              <div class="pf-summary" data-testid="performance-summary" data-from={s().range.from} data-to={s().range.to}>
                <span class="pf-range">
                  {pt.range(s().range.from, s().range.to)} · {pt.asOf} {stampLocal(s().range.asOf)}
                </span>
                <span class="pf-total">
                  <b>{num.format(totals().open)}</b> {pt.open}
                </span>
                <span class="pf-total pf-total-breached" data-testid="performance-breached">
                  <b>⚠ {num.format(totals().breached)}</b> {pt.breached}
                </span>
                <Show when={stats.loading}>
                  <span class="cn-muted cn-small">{pt.loading}</span>
                </Show>
              </div>
              <div class="pf-table-wrap" role="region" aria-label={pt.title} tabindex="0">
                <table class="pf-table" data-testid="performance-table">
                  <thead>
                    <tr>
                      <th>{pt.col.rank}</th>
                      <th class="pf-name">{pt.col.agency}</th>
                      <th>{pt.col.open}</th>
                      <th>{pt.col.breached}</th>
                      <th>{pt.col.received}</th>
                      <th>{pt.col.dispatched}</th>
                      <th>{pt.col.fixed}</th>
                      <th>{pt.col.rejected}</th>
                      <th>{pt.col.merged}</th>
                      <th>{pt.col.reopened}</th>
                      <th>{pt.col.returned}</th>
                      <th>{pt.col.response}</th>
                      <th>{pt.col.resolution}</th>
                      <th>{pt.col.responseOnTime}</th>
                      <th>{pt.col.resolutionOnTime}</th>
                      <th class="pf-backlog-h">{pt.col.backlog}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={s().agencies}>
                      {(a, i) => (
                        <Row
                          a={a}
                          rank={i() + 1}
                          short={agencies().get(a.agencyId)?.short ?? a.agencyId}
                          name={agencies().get(a.agencyId)?.name ?? ''}
                          mine={props.me.agencyId === a.agencyId}
                        />
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
              <p class="cn-muted cn-small pf-rule">{pt.rule}</p>
            </>
          )}
        </Show>
      </main>
    </div>
  );
}

function Row(props: { a: AgencyFigures; rank: number; short: string; name: string; mine: boolean }) {
  const a = props.a;
  const ages = [a.backlog.upTo1d, a.backlog.d1to3, a.backlog.d3to7, a.backlog.over7d];
  const total = ages.reduce((x, y) => x + y, 0);
  return (
    <tr classList={{ 'pf-mine': props.mine }} data-testid="performance-row" data-agency-id={a.agencyId}>
      <td class="pf-rank">{props.rank}</td>
      <td class="pf-name">
        <b>{props.short}</b>
        <Show when={props.mine}>
          <span class="pf-yours">{pt.yours}</span>
        </Show>
        <span class="cn-muted cn-small pf-long">{props.name}</span>
      </td>
      <td data-col="open">{num.format(a.open)}</td>
      <td data-col="breached" classList={{ 'pf-bad': a.breachedOpen > 0 }}>
        {num.format(a.breachedOpen)}
      </td>
      <td data-col="received">{num.format(a.received)}</td>
      <td data-col="dispatched">{num.format(a.dispatched)}</td>
      <td data-col="fixed">{num.format(a.fixed)}</td>
      <td data-col="rejected" class="pf-void">{num.format(a.rejected)}</td>
      <td data-col="merged" class="pf-void">{num.format(a.merged)}</td>
      <td data-col="reopened" classList={{ 'pf-bad': a.reopened > 0 }}>
        {num.format(a.reopened)}
      </td>
      <td data-col="returned">{num.format(a.returnedProofs)}</td>
      <td data-col="response">
        {hrs(a.responseHours.p50)} / {hrs(a.responseHours.p90)}
      </td>
      <td data-col="resolution">
        {hrs(a.resolutionHours.p50)} / {hrs(a.resolutionHours.p90)}
      </td>
      <td data-col="response-on-time" class={`pf-level pf-${level(a.responseOnTime)}`}>
        {pct(a.responseOnTime)}
      </td>
      <td data-col="resolution-on-time" class={`pf-level pf-${level(a.resolutionOnTime)}`}>
        {pct(a.resolutionOnTime)}
      </td>
      <td class="pf-backlog">
        <div class="pf-ages" title={ages.map((n, i) => `${pt.ages[i]}: ${n}`).join(' · ')}>
          <For each={ages}>{(n, i) => <span class={`pf-age pf-age-${i()}`} style={{ 'flex-grow': total ? n : 0 }} data-count={n} />}</For>
        </div>
        <div class="pf-age-nums cn-small">
          <For each={ages}>
            {(n, i) => (
              <span class={`pf-age-num pf-age-num-${i()}`}>
                {pt.ages[i()]} <b>{n}</b>
              </span>
            )}
          </For>
        </div>
      </td>
    </tr>
  );
}
