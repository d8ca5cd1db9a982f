import { createEffect, createSignal, For, on, Show } from 'solid-js';
import { PHASE_OF } from '../../../server/contract/reports';
import type { DuplicatesView, PossibleDuplicate } from '../../../server/contract/intake';
import { t } from '../../lib/i18n';
import { api } from '../../lib/api';
import { passes } from '../../lib/check';
import { ActionReason } from '../../../server/contract/console';
import { photoUrl, type StaffReport } from '../../lib/staff';
import { dt } from './duplicates-i18n';
import './duplicates.css';

type Props = {
  report: StaffReport;
  /** What the hub allows the operator on this report now (unmerge shows only when it is there). */
  actions: string[];
  /** Changes when the queue changes: a new report nearby may be a duplicate. */
  refreshKey: unknown;
  onOpenReport: (id: number) => void;
  /** A merge or un-merge went through: the panel reloads the report it shows. */
  onChanged: (changed: StaffReport) => void;
};

/**
 * In the report panel: open reports of the same category nearby (nearest first, with distance, status and photo),
 * each with a "Gabungkan" button and a confirmation; the reporter count of a primary; and for a merged report,
 * its primary and an un-merge with a reason (audited).
 */
export function Duplicates(props: Props) {
  const [view, setView] = createSignal<DuplicatesView | null>(null);
  const [confirming, setConfirming] = createSignal<number | null>(null);
  const [unmerging, setUnmerging] = createSignal(false);
  const [reason, setReason] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [done, setDone] = createSignal<string | null>(null);
  let token = 0;

  async function load() {
    const my = ++token;
    const r = await api<DuplicatesView>(`/api/console/reports/${props.report.id}/duplicates`);
    if (my !== token) return;
    if (r.ok) setView(r.data);
  }
  createEffect(
    on(
      () => [props.report.id, props.report.version, props.report.citizenCount, props.report.status, props.refreshKey],
      (now, before) => {
        if (!before || now[0] !== before[0]) {
          setView(null);
          setConfirming(null);
          setUnmerging(false);
          setError(null);
          setDone(null);
        }
        void load();
      },
    ),
  );

  const ticketOf = (d: PossibleDuplicate, id: number) => (id === props.report.id ? props.report.ticket : d.report.ticket);

  async function merge(d: PossibleDuplicate) {
    if (busy()) return;
    setBusy(true);
    setError(null);
    // The duplicate's version: the one this panel shows, or the candidate's as listed.
    const version = d.duplicateId === props.report.id ? props.report.version : d.report.version;
    const r = await api<{ report: StaffReport }>(`/api/console/reports/${d.duplicateId}/actions`, {
      json: { action: 'merge', expectedVersion: version, intoReportId: d.primaryId },
    });
    setBusy(false);
    if (!r.ok) return setError(`${dt.failed}: ${r.message}`);
    setConfirming(null);
    setDone(dt.merged);
    props.onChanged(r.data.report);
    void load();
  }

  async function unmerge(e: Event) {
    e.preventDefault();
    if (busy()) return;
    if (!passes(ActionReason, reason())) return setError(dt.reasonTooShort);
    setBusy(true);
    setError(null);
    const r = await api<{ report: StaffReport }>(`/api/console/reports/${props.report.id}/actions`, {
      json: { action: 'unmerge', expectedVersion: props.report.version, reason: reason().trim() },
    });
    setBusy(false);
    if (!r.ok) return setError(`${dt.failed}: ${r.message}`);
    setUnmerging(false);
    setReason('');
    setDone(dt.unmerged);
    props.onChanged(r.data.report);
  }

  return (
    <section class="cn-section cn-dups" data-testid="duplicates">
      <Show when={props.report.citizenCount > 1}>
        <div class="cn-dups-count" data-testid="reporter-count" data-count={props.report.citizenCount}>
          <span class="cn-dups-count-n">{props.report.citizenCount}</span>
          <span>{dt.reporters(props.report.citizenCount)}</span>
        </div>
      </Show>
      <Show when={done()}>
        <div class="cn-alert cn-alert-ok" role="status" data-testid="duplicates-done">
          {done()}
        </div>
      </Show>
      <Show when={error()}>
        <div class="cn-alert cn-alert-error" role="alert" data-testid="duplicates-error">
          {error()}
        </div>
      </Show>

      <Show when={view()?.primary}>
        {(p) => (
          <div class="cn-dups-primary" data-testid="merged-primary" data-primary-id={p().id}>
            <span class="cn-muted">{dt.mergedInto}</span>{' '}
            <button type="button" class="cn-link cn-mono" data-testid="open-primary" onClick={() => props.onOpenReport(p().id)}>
              {p().ticket}
            </button>{' '}
            <span class={`cn-badge phase-${PHASE_OF[p().status]}`} title={dt.primaryStatus}>
              {t.status[p().status]}
            </span>{' '}
            <span class="cn-muted cn-small">· {dt.reporters(p().citizenCount)}</span>
          </div>
        )}
      </Show>
      <Show when={props.actions.includes('unmerge')}>
        <Show
          when={unmerging()}
          fallback={
            <button type="button" class="cn-btn" data-testid="unmerge" onClick={() => (setError(null), setUnmerging(true))}>
              {dt.unmerge}
            </button>
          }
        >
          <form class="cn-dups-unmerge" onSubmit={unmerge}>
            <label class="cn-field">
              <span>{dt.unmergeReason} *</span>
              <input
                data-testid="unmerge-reason"
                value={reason()}
                placeholder={dt.unmergePlaceholder}
                maxlength={1000}
                onInput={(e) => setReason(e.currentTarget.value)}
                ref={(el) => setTimeout(() => el.focus())}
              />
            </label>
            <div class="cn-dups-row-actions">
              <button type="button" class="cn-btn cn-btn-ghost" onClick={() => setUnmerging(false)}>
                {dt.cancel}
              </button>
              <button type="submit" class="cn-btn cn-btn-primary" data-testid="unmerge-confirm" disabled={busy()}>
                {dt.unmergeConfirm}
              </button>
            </div>
          </form>
        </Show>
      </Show>

      <Show when={props.report.status !== 'merged'}>
        <h3>{dt.duplicatesTitle}</h3>
        <Show when={view()} fallback={<p class="cn-muted cn-small">{dt.duplicatesLoading}</p>}>
          {(v) => (
            <>
              <p class="cn-muted cn-small">{dt.duplicatesHelp(v().window.radiusM, v().window.windowHours)}</p>
              <ol class="cn-dups-list" data-testid="duplicates-list">
                <For each={v().duplicates} fallback={<li class="cn-muted" data-testid="duplicates-none">{dt.duplicatesNone}</li>}>
                  {(d) => (
                    <li class="cn-dup" data-testid="duplicate" data-report-id={d.report.id} data-distance={d.distanceM}>
                      <button type="button" class="cn-dup-thumb" onClick={() => props.onOpenReport(d.report.id)} tabindex={-1}>
                        <Show when={d.report.photos[0]} fallback={<span class="cn-dup-nophoto">—</span>}>
                          {(h) => <img src={photoUrl(h(), 'thumb')} alt="" loading="lazy" />}
                        </Show>
                      </button>
                      <div class="cn-dup-body">
                        <div class="cn-dup-head">
                          <strong class="cn-dup-distance" data-testid="duplicate-distance">{dt.distance(d.distanceM)}</strong>
                          <button type="button" class="cn-link cn-mono" onClick={() => props.onOpenReport(d.report.id)}>
                            {d.report.ticket}
                          </button>
                          <span class={`cn-badge phase-${PHASE_OF[d.report.status]}`}>{t.status[d.report.status]}</span>
                          <Show when={d.report.citizenCount > 1}>
                            <span class="cn-dup-reporters">{dt.reporters(d.report.citizenCount)}</span>
                          </Show>
                        </div>
                        <div class="cn-dup-text">{d.report.description}</div>
                        <div class="cn-muted cn-small">{t.channel[d.report.channel]}</div>
                        <Show
                          when={confirming() === d.report.id}
                          fallback={
                            <Show when={d.canMerge} fallback={<div class="cn-muted cn-small">{dt.cannotMerge}</div>}>
                              <button type="button" class="cn-btn cn-btn-sm" data-testid="merge-duplicate" disabled={busy()} onClick={() => (setError(null), setConfirming(d.report.id))}>
                                {dt.merge}
                              </button>
                            </Show>
                          }
                        >
                          <div class="cn-dup-confirm" data-testid="merge-confirmation">
                            <strong>{dt.mergeInto(ticketOf(d, d.duplicateId), ticketOf(d, d.primaryId))}</strong>
                            <span class="cn-muted cn-small">{dt.mergeExplain}</span>
                            <div class="cn-dups-row-actions">
                              <button type="button" class="cn-btn cn-btn-ghost cn-btn-sm" onClick={() => setConfirming(null)}>
                                {dt.cancel}
                              </button>
                              <button type="button" class="cn-btn cn-btn-primary cn-btn-sm" data-testid="merge-confirm" disabled={busy()} onClick={() => void merge(d)}>
                                {dt.mergeConfirm}
                              </button>
                            </div>
                          </div>
                        </Show>
                      </div>
                    </li>
                  )}
                </For>
              </ol>
              <Show when={v().merged.length}>
                <h3>{dt.mergedHere}</h3>
                <ul class="cn-dups-merged" data-testid="merged-here">
                  <For each={v().merged}>
                    {(m) => (
                      <li>
                        <button type="button" class="cn-link cn-mono" onClick={() => props.onOpenReport(m.id)}>
                          {m.ticket}
                        </button>{' '}
                        <span class="cn-muted cn-small">{t.channel[m.channel as keyof typeof t.channel] ?? m.channel}</span>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}
