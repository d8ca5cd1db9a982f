import { batch, createEffect, createMemo, createSignal, For, on, onCleanup, Show } from 'solid-js';
import type { PublicProfile } from '../../../server/contract/profile';
import { PHASE_OF } from '../../../server/contract/reports';
import type { ProfileLabels } from '../../lib/profile';
import { t } from '../../lib/i18n';
import { api, type Refusal } from '../../lib/api';
import type { Me, ReportDetail, StaffReport } from '../../lib/staff';
import { ct } from '../../lib/i18n/staff';
import { ageOf, useNow, whenLocal } from '../../lib/format';
import { ACTION_KEYS, ACTION_ORDER, ONE_STEP, type ActionBody, type ConsoleAction } from './actions';
import { ActionDialog } from './ActionDialog';
import { Duplicates } from './Duplicates';
import { PhotoOverlay, type OverlayPhoto } from './PhotoOverlay';
import { ReportPhotos } from './ReportPhotos';
import { ReportCameras } from './ReportCameras';
import { ReportFacts } from './ReportFacts';
import { actorLabel, ReportHistory } from './ReportHistory';
import { currentProof, proofReturned } from './report-history';
import type { Queue } from './queue';

export type PanelControl = {
  /** Starts an action as its button would; false when it is not allowed now. */
  run: (a: ConsoleAction) => boolean;
  /** A dialog or the photo overlay is open: it owns the keyboard. */
  modal: () => boolean;
  /** The report shown, once loaded. */
  report: () => StaffReport | null;
};

type Props = {
  id: number;
  me: Me;
  queue: Queue;
  profile: PublicProfile;
  labels: ProfileLabels;
  subdistrict: (code: string | null) => string | null;
  /** An action asked for by its key before the report was loaded: run once it is. */
  pending: ConsoleAction | null;
  clearPending: () => void;
  onClose: () => void;
  onZoom: () => void;
  onOpenReport: (id: number) => void;
  onLocation: (at: [number, number] | null, phase: string | null) => void;
  bind: (c: PanelControl) => void;
};

function errorText(e: Refusal): string {
  if (e.status === 0) return ct.errorNetwork;
  if (e.status === 403) return `${ct.errorForbidden} (${e.message})`;
  if (e.status === 404) return `${ct.errorNotFound} (${e.message})`;
  return e.message || ct.errorGeneric;
}

/** The open report: photos, proof, text, place, reporter, history, and the actions the hub allows now. */
export function ReportPanel(props: Props) {
  const now = useNow();
  const [detail, setDetail] = createSignal<ReportDetail | null>(null);
  const [loadError, setLoadError] = createSignal<string | null>(null);
  const [loading, setLoading] = createSignal(false);
  const [conflict, setConflict] = createSignal<string | null>(null);
  const [notice, setNotice] = createSignal<string | null>(null);
  const [actionError, setActionError] = createSignal<string | null>(null);
  const [dialog, setDialog] = createSignal<ConsoleAction | null>(null);
  const [dialogError, setDialogError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [overlay, setOverlay] = createSignal<{ photos: OverlayPhoto[]; start: number } | null>(null);
  let token = 0;
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;
  let body!: HTMLDivElement;

  const agencies = new Map(props.profile.agencies.map((a) => [a.id, a]));

  async function load(id: number, silent = false) {
    const my = ++token;
    if (!silent) setLoading(true);
    const r = await api<ReportDetail>(`/api/console/reports/${id}`);
    if (my !== token) return;
    setLoading(false);
    if (!r.ok) {
      if (!silent || !detail()) setLoadError(errorText(r));
      return;
    }
    batch(() => {
      setLoadError(null);
      setDetail(r.data);
      props.queue.noteVersion(r.data.report.id, r.data.report.version);
    });
  }

  createEffect(
    on(
      () => props.id,
      (id) => {
        batch(() => {
          setDetail(null);
          setConflict(null);
          setNotice(null);
          setActionError(null);
          setDialog(null);
          setOverlay(null);
          setLoadError(null);
        });
        if (body) body.scrollTop = 0;
        void load(id);
      },
    ),
  );

  const report = () => detail()?.report ?? null;
  createEffect(() => {
    const r = report();
    props.onLocation(r ? [r.lng, r.lat] : null, r ? PHASE_OF[r.status] : null);
  });
  onCleanup(() => props.onLocation(null, null));

  const actions = createMemo(() => {
    const allowed = new Set(detail()?.actions ?? []);
    return ACTION_ORDER.filter((a) => allowed.has(a));
  });
  /** Someone else changed the report after it was loaded here. */
  const stale = () => {
    const r = report();
    return !!r && props.queue.versionOf(r.id) > r.version;
  };

  const proof = createMemo(() => currentProof(detail()?.history ?? []));

  function flash(text: string) {
    setNotice(text);
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => setNotice(null), 5_000);
  }
  onCleanup(() => clearTimeout(noticeTimer));

  async function act(b: ActionBody) {
    const d = detail();
    if (!d || busy()) return;
    const my = token;
    const payload = b.action === 'note' ? b : { ...b, expectedVersion: d.report.version };
    setBusy(true);
    setDialogError(null);
    setActionError(null);
    const r = await api<{ report: StaffReport; actions: string[] }>(`/api/console/reports/${d.report.id}/actions`, { json: payload });
    setBusy(false);
    if (my !== token) return;
    if (r.ok) {
      batch(() => {
        setDetail({ ...d, report: r.data.report, actions: r.data.actions });
        setConflict(null);
        setDialog(null);
        flash(ct.done(ct.actions[b.action] ?? b.action));
      });
      props.queue.patch(r.data.report);
      // The history with the new entry (an operator who rerouted a report may no longer open it).
      if (!(b.action === 'reroute' && props.me.role === 'operator')) void load(d.report.id, true);
      return;
    }
    if (r.status === 409) {
      batch(() => {
        setDialog(null);
        setConflict(r.message);
      });
      await load(d.report.id, true);
      return;
    }
    if (r.status === 401) return; // the screen goes back to the login form
    if (dialog()) setDialogError(errorText(r));
    else setActionError(errorText(r));
  }

  function run(a: ConsoleAction): boolean {
    if (!detail() || busy() || dialog() || overlay()) return false;
    if (!actions().includes(a)) return false;
    if (ONE_STEP.has(a)) void act({ action: a } as ActionBody);
    else {
      setDialogError(null);
      setDialog(a);
    }
    return true;
  }

  props.bind({ run, modal: () => !!dialog() || !!overlay(), report });

  // An action pressed before the report was loaded runs once it is.
  createEffect(() => {
    const p = props.pending;
    const d = detail();
    if (!p || !d || d.report.id !== props.id) return;
    props.clearPending();
    run(p);
  });

  function openPhotos(list: OverlayPhoto[], start: number) {
    setOverlay({ photos: list, start });
  }

  return (
    <aside class="cn-panel" data-testid="report-panel" data-report-id={props.id} data-version={report()?.version ?? ''} data-status={report()?.status ?? ''}>
      <header class="cn-panel-head">
        <Show when={report()} fallback={<div class="cn-panel-title cn-muted">{loading() ? ct.panelLoading : '…'}</div>}>
          {(r) => (
            <div class="cn-panel-title">
              <div class="cn-panel-ticket" data-testid="panel-ticket">
                {r().ticket}
              </div>
              <div class="cn-panel-sub">
                <span class={`cn-badge phase-${PHASE_OF[r().status]}`} data-testid="panel-status" data-status={r().status}>
                  {t.status[r().status]}
                </span>
                <span>{props.labels.category(r().categoryId)}</span>
                <span class="cn-dot">·</span>
                <span>{agencies.get(r().agencyId)?.short ?? r().agencyId}</span>
                <span class="cn-dot">·</span>
                <span class="cn-muted">
                  {ageOf(r().createdAt, now())} · {ct.version} {r().version}
                </span>
              </div>
            </div>
          )}
        </Show>
        <button type="button" class="cn-icon-btn" data-testid="panel-close" aria-label={ct.closePanel} title={`${ct.closePanel} (Esc)`} onClick={() => props.onClose()}>
          ✕
        </button>
      </header>

      <Show when={conflict()}>
        <div class="cn-alert cn-alert-conflict" role="alert" data-testid="conflict-message" title={conflict() ?? ''}>
          <strong>{ct.conflict}</strong>
          <Show when={detail()?.history.at(-1)}>
            {(h) => (
              <span class="cn-small">
                {ct.lastChange}: {ct.events[h().type] ?? h().type} {ct.by} {actorLabel(h().actor, agencies)}, {whenLocal(h().at)}
                {h().reason ? ` — “${h().reason}”` : ''}
              </span>
            )}
          </Show>
        </div>
      </Show>
      <Show when={stale() && !conflict()}>
        <div class="cn-alert cn-alert-stale" role="status" data-testid="stale-notice">
          <span>
            {ct.staleNotice}
            <Show when={props.queue.rows.find((x) => x.id === props.id)}>
              {(row) => (
                <>
                  {' '}
                  {ct.nowStatus}: <strong>{t.status[row().status]}</strong>.
                </>
              )}
            </Show>
          </span>
          <button type="button" class="cn-btn cn-btn-sm" data-testid="stale-reload" onClick={() => load(props.id, true)}>
            {ct.reload}
          </button>
        </div>
      </Show>
      <Show when={notice()}>
        <div class="cn-alert cn-alert-ok" role="status" data-testid="action-done">
          {notice()}
        </div>
      </Show>
      <Show when={actionError()}>
        <div class="cn-alert cn-alert-error" role="alert" data-testid="action-error">
          {actionError()}
        </div>
      </Show>

      <Show when={report()}>
        <div class="cn-actions" data-testid="panel-actions">
          <For each={actions()} fallback={<span class="cn-muted">{ct.noActions}</span>}>
            {(a) => (
              <button
                type="button"
                class="cn-btn"
                classList={{
                  'cn-btn-primary': a === 'check' || a === 'dispatch' || a === 'verify' || a === 'close',
                  'cn-btn-danger-ghost': a === 'reject',
                }}
                data-testid={`action-${a}`}
                disabled={busy()}
                onClick={() => run(a)}
              >
                {ct.actions[a]}
                <kbd>{ACTION_KEYS[a].toUpperCase()}</kbd>
              </button>
            )}
          </For>
        </div>
      </Show>

      <div class="cn-panel-body" ref={body}>
        <Show when={loadError()}>
          <div class="cn-alert cn-alert-error" role="alert">
            {ct.panelError} {loadError()}{' '}
            <button type="button" class="cn-btn cn-btn-sm" onClick={() => load(props.id)}>
              {ct.retry}
            </button>
          </div>
        </Show>

        <Show when={report()}>
          {(r) => (
            <>
              <ReportPhotos report={r()} proof={proof()} proofReturned={proofReturned(detail()!.history)} onOpen={openPhotos} />
              <ReportCameras report={r()} cameras={detail()?.cameras} onOpen={openPhotos} />
              <Duplicates
                report={r()}
                actions={detail()?.actions ?? []}
                refreshKey={props.queue.rows.length}
                onOpenReport={props.onOpenReport}
                onChanged={(next) => (props.queue.patch(next), void load(props.id, true))}
              />

              <section class="cn-section">
                <h3>{ct.description}</h3>
                <p class="cn-description" data-testid="panel-description">
                  {r().description}
                </p>
              </section>

              <ReportFacts report={r()} detail={detail()!} labels={props.labels} subdistrict={props.subdistrict} onZoom={props.onZoom} onOpenReport={props.onOpenReport} />
              <ReportHistory detail={detail()!} agencies={agencies} />
            </>
          )}
        </Show>
      </div>

      <Show when={dialog() && detail()}>
        <ActionDialog
          action={dialog()!}
          detail={detail()!}
          proof={proof()}
          rows={props.queue.rows}
          profile={props.profile}
          labels={props.labels}
          busy={busy()}
          error={dialogError()}
          onSubmit={(b) => void act(b)}
          onCancel={() => setDialog(null)}
        />
      </Show>
      <Show when={overlay()}>{(o) => <PhotoOverlay photos={o().photos} start={o().start} onClose={() => setOverlay(null)} />}</Show>
    </aside>
  );
}
