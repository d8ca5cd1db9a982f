import { createMemo, createSignal, For, onCleanup, onMount, Show } from 'solid-js';
import type { PublicProfile } from '../../../server/contract/profile';
import type { ProfileLabels } from '../../lib/profile';
import { t } from '../../lib/i18n';
import { isOpen } from '../../../server/domain/statuses';
import { distanceMeters } from '../../../server/domain/distance';
import { api } from '../../lib/api';
import { refusedFields } from '../../lib/check';
import { ActionInput } from '../../../server/contract/console';
import { photoUrl, type ProofDetail, type ReportDetail, type StaffReport } from '../../lib/staff';
import { ct } from '../../lib/i18n/staff';
import { type ActionBody, type ConsoleAction } from './actions';

type Props = {
  action: ConsoleAction;
  detail: ReportDetail;
  proof: ProofDetail | null;
  rows: readonly StaffReport[];
  profile: PublicProfile;
  labels: ProfileLabels;
  busy: boolean;
  error: string | null;
  onSubmit: (body: ActionBody) => void;
  onCancel: () => void;
};


/**
 * The dialog for every action but check: what it needs (reason, target agency, field supervisor,
 * target report) and a submit. Enter in a one-line field or Ctrl+Enter anywhere submits; Esc cancels.
 */
export function ActionDialog(props: Props) {
  const a = props.action;
  const r = props.detail.report;
  const [reason, setReason] = createSignal('');
  const [agencyId, setAgencyId] = createSignal('');
  const [toCity, setToCity] = createSignal('');
  const supervisors = [...props.detail.fieldSupervisors].sort((x, y) => x.openJobs - y.openJobs || x.name.localeCompare(y.name));
  const [assigneeId, setAssigneeId] = createSignal(supervisors[0]?.id ?? '');
  const [instruction, setInstruction] = createSignal('');
  const [target, setTarget] = createSignal('');
  const [localError, setLocalError] = createSignal<string | null>(null);
  const [resolving, setResolving] = createSignal(false);
  let form!: HTMLFormElement;

  const candidates = createMemo(() =>
    props.rows
      .filter((x) => x.id !== r.id && x.categoryId === r.categoryId && isOpen(x.status))
      .map((x) => ({ x, d: distanceMeters(r, x) }))
      .filter((c) => c.d <= 1500)
      .sort((p, q) => p.d - q.d)
      .slice(0, 5),
  );

  onMount(() => {
    const first = form.querySelector<HTMLElement>('select, textarea, input');
    first?.focus();
  });

  function onKey(e: KeyboardEvent) {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      props.onCancel();
    } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      form.requestSubmit();
    }
  }
  window.addEventListener('keydown', onKey, true);
  onCleanup(() => window.removeEventListener('keydown', onKey, true));

  async function resolveTarget(s: string): Promise<number | null> {
    const v = s.trim();
    if (/^\d+$/.test(v)) return Number(v);
    const inQueue = props.rows.find((x) => x.ticket.toLowerCase() === v.toLowerCase());
    if (inQueue) return inQueue.id;
    setResolving(true);
    const res = await api<{ reports: StaffReport[] }>(`/api/console/reports?q=${encodeURIComponent(v)}&limit=20`);
    setResolving(false);
    if (!res.ok) return null;
    return res.data.reports.find((x) => x.ticket.toLowerCase() === v.toLowerCase())?.id ?? null;
  }

  async function submit(e: Event) {
    e.preventDefault();
    if (props.busy || resolving()) return;
    setLocalError(null);
    const why = reason().trim();
    // The hub's schema knows which steps need a reason and how long one must be.
    if (refusedFields(ActionInput, { action: a, reason: why || undefined }).has('reason')) return setLocalError(ct.reasonTooShort);
    const opt = why ? { reason: why } : {};
    switch (a) {
      case 'reject':
      case 'return_proof':
      case 'note':
        return props.onSubmit({ action: a, reason: why });
      case 'reroute':
        if (!agencyId()) return setLocalError(`${ct.targetAgency}: ${ct.required}`);
        return props.onSubmit({ action: 'reroute', agencyId: agencyId(), reason: why });
      case 'forward':
        if (!toCity()) return setLocalError(`${ct.targetCity}: ${ct.required}`);
        return props.onSubmit({ action: 'forward', toCity: toCity(), reason: why });
      case 'dispatch': {
        if (!assigneeId()) return setLocalError(`${ct.fieldSupervisor}: ${ct.required}`);
        const ins = instruction().trim();
        return props.onSubmit({ action: 'dispatch', assigneeId: assigneeId(), ...(ins ? { instruction: ins } : {}) });
      }
      case 'verify':
      case 'close':
      case 'check':
        return props.onSubmit({ action: a, ...opt });
      case 'merge': {
        if (!target().trim()) return setLocalError(`${ct.mergeTarget}: ${ct.required}`);
        const id = await resolveTarget(target());
        if (id === null) return setLocalError(ct.mergeNotFound(target().trim()));
        return props.onSubmit({ action: 'merge', intoReportId: id, ...opt });
      }
    }
  }

  const reasonField = (label: string, required: boolean) => (
    <label class="cn-field">
      <span>
        {label}
        {required ? ' *' : ''}
      </span>
      <textarea
        rows={3}
        data-testid="action-reason"
        value={reason()}
        onInput={(e) => setReason(e.currentTarget.value)}
        maxlength={1000}
      />
    </label>
  );

  return (
    <div class="cn-modal-backdrop" onClick={(e) => e.target === e.currentTarget && props.onCancel()}>
      <form
        ref={form}
        class="cn-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="cn-dialog-title"
        data-testid="action-dialog"
        data-action={a}
        onSubmit={submit}
      >
        <header class="cn-dialog-head">
          <h2 id="cn-dialog-title">{ct.actionTitles[a] ?? ct.actions[a]}</h2>
          <div class="cn-dialog-ticket">
            {r.ticket} · {props.labels.category(r.categoryId)} · {props.labels.district(r.districtCode) ?? ct.noDistrict}
          </div>
          <p class="cn-muted">{ct.actionHelp[a]}</p>
        </header>

        <div class="cn-dialog-body">
          <Show when={a === 'reject'}>
            <div class="cn-picks">
              <span class="cn-picks-label">{ct.quickPicks}</span>
              <For each={Object.keys(ct.rejectPicks)}>
                {(k) => (
                  <button
                    type="button"
                    class="cn-chip"
                    classList={{ active: reason() === ct.rejectPickText[k] }}
                    data-testid={`reason-pick-${k}`}
                    onClick={() => setReason(ct.rejectPickText[k])}
                  >
                    {ct.rejectPicks[k]}
                  </button>
                )}
              </For>
            </div>
            {reasonField(ct.reason, true)}
          </Show>

          <Show when={a === 'reroute'}>
            <label class="cn-field">
              <span>{ct.targetAgency} *</span>
              <select data-testid="reroute-agency" value={agencyId()} onChange={(e) => setAgencyId(e.currentTarget.value)}>
                <option value="">{ct.chooseAgency}</option>
                <For each={props.profile.agencies.filter((x) => x.id !== r.agencyId)}>
                  {(x) => (
                    <option value={x.id}>
                      {x.short} — {x.name}
                    </option>
                  )}
                </For>
              </select>
            </label>
            {reasonField(ct.reason, true)}
          </Show>

          <Show when={a === 'forward'}>
            <label class="cn-field">
              <span>{ct.targetCity} *</span>
              <select data-testid="forward-city" value={toCity()} onChange={(e) => setToCity(e.currentTarget.value)}>
                <option value="">{ct.chooseCity}</option>
                <For each={props.detail.forwardTo ?? []}>{(c) => <option value={c.id}>{c.name}</option>}</For>
              </select>
            </label>
            {reasonField(ct.forwardReason, true)}
          </Show>

          <Show when={a === 'dispatch'}>
            <Show when={supervisors.length} fallback={<p class="cn-error">{ct.noFieldSupervisors}</p>}>
              <label class="cn-field">
                <span>{ct.fieldSupervisor} *</span>
                <select data-testid="dispatch-assignee" value={assigneeId()} onChange={(e) => setAssigneeId(e.currentTarget.value)}>
                  <For each={supervisors}>
                    {(s) => (
                      <option value={s.id}>
                        {s.name} — {ct.openJobs(s.openJobs)}
                      </option>
                    )}
                  </For>
                </select>
              </label>
              <ul class="cn-loads" aria-hidden="true">
                <For each={supervisors}>
                  {(s) => {
                    const max = Math.max(1, ...supervisors.map((x) => x.openJobs));
                    return (
                      <li classList={{ active: assigneeId() === s.id }} onClick={() => setAssigneeId(s.id)}>
                        <span class="cn-load-name">{s.name}</span>
                        <span class="cn-load-bar">
                          <i style={{ width: `${(s.openJobs / max) * 100}%` }} />
                        </span>
                        <span class="cn-load-num">{ct.openJobs(s.openJobs)}</span>
                      </li>
                    );
                  }}
                </For>
              </ul>
            </Show>
            <label class="cn-field">
              <span>{ct.instructionOptional}</span>
              <textarea
                rows={3}
                data-testid="dispatch-instruction"
                placeholder={ct.instructionPlaceholder}
                value={instruction()}
                onInput={(e) => setInstruction(e.currentTarget.value)}
                maxlength={1000}
              />
            </label>
          </Show>

          <Show when={a === 'verify'}>
            <div class="cn-beforeafter cn-beforeafter-sm">
              <figure>
                <figcaption>{ct.before}</figcaption>
                <Show when={r.photos[0]} fallback={<div class="cn-nophoto">{t.noPhoto}</div>}>
                  {(h) => <img src={photoUrl(h(), 'thumb')} alt="" />}
                </Show>
              </figure>
              <figure>
                <figcaption>{ct.after}</figcaption>
                <Show when={props.proof?.photos[0]} fallback={<div class="cn-nophoto">{t.noPhoto}</div>}>
                  {(h) => <img src={photoUrl(h(), 'thumb')} alt="" />}
                </Show>
              </figure>
            </div>
            <Show when={props.proof?.flags.length}>
              <ul class="cn-flags">
                <For each={props.proof!.flags}>{(f) => <li data-testid="proof-flag" data-flag={f}>⚠ {ct.flags[f] ?? f}</li>}</For>
              </ul>
            </Show>
            {reasonField(ct.reasonOptional, false)}
          </Show>

          <Show when={a === 'return_proof'}>
            <Show when={props.proof?.flags.length}>
              <ul class="cn-flags">
                <For each={props.proof!.flags}>{(f) => <li>⚠ {ct.flags[f] ?? f}</li>}</For>
              </ul>
            </Show>
            {reasonField(ct.reason, true)}
          </Show>

          <Show when={a === 'close'}>{reasonField(ct.reasonOptional, false)}</Show>

          <Show when={a === 'note'}>{reasonField(ct.noteText, true)}</Show>

          <Show when={a === 'merge'}>
            <label class="cn-field">
              <span>{ct.mergeTarget} *</span>
              <input
                data-testid="merge-target"
                placeholder={ct.mergePlaceholder}
                value={target()}
                onInput={(e) => setTarget(e.currentTarget.value)}
                autocomplete="off"
                spellcheck={false}
              />
            </label>
            <Show when={candidates().length}>
              <div class="cn-candidates">
                <span class="cn-picks-label">{ct.mergeCandidates}</span>
                <For each={candidates()}>
                  {(c) => (
                    <button
                      type="button"
                      class="cn-candidate"
                      classList={{ active: target() === c.x.ticket }}
                      data-testid="merge-candidate"
                      data-report-id={c.x.id}
                      onClick={() => setTarget(c.x.ticket)}
                    >
                      <span class="cn-ticket">{c.x.ticket}</span>
                      <span>{t.status[c.x.status]}</span>
                      <span class="cn-muted">{Math.round(c.d)} m</span>
                      <span class="cn-candidate-addr">{c.x.address ?? c.x.description}</span>
                    </button>
                  )}
                </For>
              </div>
            </Show>
            {reasonField(ct.reasonOptional, false)}
          </Show>

          <Show when={localError() ?? props.error}>
            <p class="cn-error" role="alert" data-testid="action-error">
              {localError() ?? props.error}
            </p>
          </Show>
        </div>

        <footer class="cn-dialog-foot">
          <span class="cn-muted cn-small">{ct.ctrlEnter}</span>
          <button type="button" class="cn-btn cn-btn-ghost" data-testid="action-cancel" onClick={() => props.onCancel()}>
            {ct.cancel}
          </button>
          <button
            type="submit"
            class="cn-btn"
            classList={{ 'cn-btn-primary': a !== 'reject', 'cn-btn-danger': a === 'reject' }}
            data-testid="action-submit"
            disabled={props.busy || resolving() || (a === 'dispatch' && !supervisors.length)}
          >
            {props.busy ? ct.submitting : ct.actions[a]}
          </button>
        </footer>
      </form>
    </div>
  );
}
