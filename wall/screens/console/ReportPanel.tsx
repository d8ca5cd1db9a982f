import { batch, createEffect, createMemo, createSignal, For, on, onCleanup, Show } from 'solid-js';
import type { PublicProfile } from '../../../server/contract/profile';
import { PHASE_OF, type ReportStatus } from '../../../server/contract/reports';
import type { ProfileLabels } from '../../lib/profile';
import { t } from '../../lib/i18n';
import { api, type Refusal } from '../../lib/api';
import { photoUrl, type HistoryEntry, type Me, type ProofDetail, type ReportDetail, type StaffReport } from '../../lib/staff';
import { ct } from '../../lib/i18n/staff';
import { ageOf, useNow, whenLocal } from '../../lib/format';
import { ACTION_KEYS, ACTION_ORDER, ONE_STEP, type ActionBody, type ConsoleAction } from './actions';
import { ActionDialog } from './ActionDialog';
import { Duplicates } from './Duplicates';
import { PhotoOverlay, type OverlayPhoto } from './PhotoOverlay';
import { LiveVideo } from '../../components/LiveVideo';
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
  /** The one nearby camera whose live video is open (only it streams). */
  const [liveOpen, setLiveOpen] = createSignal<string | null>(null);
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

  const history = () => [...(detail()?.history ?? [])].reverse();
  const lastOf = (type: string) => detail()?.history.findLast((h) => h.type === type) ?? null;
  const proof = createMemo((): ProofDetail | null => {
    const h = lastOf('report.proof_submitted');
    const reopened = lastOf('report.reopened');
    if (!h || (reopened && reopened.seq > h.seq)) return null;
    return (h.detail.proof as ProofDetail | undefined) ?? null;
  });
  const proofReturned = createMemo(() => {
    const p = lastOf('report.proof_submitted');
    const back = lastOf('report.proof_returned');
    return !!p && !!back && back.seq > p.seq;
  });
  const dispatchInfo = createMemo(() => {
    const h = lastOf('report.dispatched');
    return h ? { assigneeId: h.detail.assigneeId as string | undefined, instruction: (h.detail.instruction as string | undefined) ?? null } : null;
  });
  const supervisorName = (id: string | null | undefined) => (id ? detail()?.fieldSupervisors.find((s) => s.id === id)?.name ?? null : null);

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
  const allPhotos = (): OverlayPhoto[] => {
    const r = report();
    if (!r) return [];
    const before = r.photos.map((hash, i) => ({ hash, caption: `${ct.before} ${i + 1}` }));
    const after = (proof()?.photos ?? []).map((hash, i) => ({ hash, caption: `${ct.after} ${i + 1}` }));
    return [...before, ...after];
  };

  const statusLabel = (s: string | undefined) => (s ? t.status[s as ReportStatus] ?? s : '');

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
              <Show
                when={proof()}
                fallback={
                  <section class="cn-section">
                    <h3>{ct.photos}</h3>
                    <Show when={r().photos.length} fallback={<p class="cn-muted">{ct.noPhotos}</p>}>
                      <div class="cn-photos" classList={{ single: r().photos.length === 1 }}>
                        <For each={r().photos}>
                          {(h, i) => (
                            <button type="button" class="cn-photo" data-testid="report-photo" onClick={() => openPhotos(allPhotos(), i())}>
                              <img src={photoUrl(h, r().photos.length === 1 ? 'display' : 'thumb')} alt={`${ct.before} ${i() + 1}`} loading="lazy" />
                            </button>
                          )}
                        </For>
                      </div>
                    </Show>
                  </section>
                }
              >
                {(p) => (
                  <section class="cn-section cn-proof" classList={{ awaiting: r().status === 'proof_submitted' }} data-testid="proof-section">
                    <h3>
                      {r().status === 'proof_submitted' ? ct.proofAwaiting : ct.proofLatest}
                      <Show when={proofReturned()}>
                        <span class="cn-badge phase-grey">{ct.events['report.proof_returned']}</span>
                      </Show>
                    </h3>
                    <div class="cn-beforeafter">
                      <figure>
                        <figcaption>{ct.before}</figcaption>
                        <Show when={r().photos[0]} fallback={<div class="cn-nophoto">{t.noPhoto}</div>}>
                          {(h) => (
                            <button type="button" class="cn-photo" data-testid="report-photo" onClick={() => openPhotos(allPhotos(), 0)}>
                              <img src={photoUrl(h(), 'display')} alt={ct.before} />
                            </button>
                          )}
                        </Show>
                      </figure>
                      <figure>
                        <figcaption>{ct.after}</figcaption>
                        <Show when={p().photos[0]} fallback={<div class="cn-nophoto">{t.noPhoto}</div>}>
                          {(h) => (
                            <button type="button" class="cn-photo" data-testid="proof-photo" onClick={() => openPhotos(allPhotos(), r().photos.length)}>
                              <img src={photoUrl(h(), 'display')} alt={ct.after} />
                            </button>
                          )}
                        </Show>
                      </figure>
                    </div>
                    <Show when={r().photos.length + p().photos.length > 2}>
                      <div class="cn-photos-strip">
                        <For each={allPhotos()}>
                          {(ph, i) => (
                            <button type="button" class="cn-photo" onClick={() => openPhotos(allPhotos(), i())} title={ph.caption}>
                              <img src={photoUrl(ph.hash, 'thumb')} alt={ph.caption} loading="lazy" />
                            </button>
                          )}
                        </For>
                      </div>
                    </Show>
                    <Show when={p().flags.length}>
                      <ul class="cn-flags" data-testid="proof-flags">
                        <For each={p().flags}>
                          {(f) => (
                            <li data-testid="proof-flag" data-flag={f}>
                              ⚠ {ct.flags[f] ?? f}
                            </li>
                          )}
                        </For>
                      </ul>
                    </Show>
                    <dl class="cn-meta cn-meta-tight">
                      <Show when={p().note}>
                        <dt>{ct.proofNote}</dt>
                        <dd>“{p().note}”</dd>
                      </Show>
                      <Show when={p().capturedAt}>
                        <dt>{ct.proofTaken}</dt>
                        <dd>{whenLocal(p().capturedAt!)}</dd>
                      </Show>
                      <Show when={p().distanceM !== null}>
                        <dt>{ct.location}</dt>
                        <dd>{ct.proofDistance(p().distanceM!)}</dd>
                      </Show>
                    </dl>
                  </section>
                )}
              </Show>

              <Show when={r().cameraSnapshot || detail()?.cameras?.length}>
                <section class="cn-section" data-testid="camera-section">
                  <div class="cn-cameras">
                    <Show when={r().cameraSnapshot}>
                      {(c) => (
                        <figure>
                          <figcaption>
                            {ct.cameraAtReport}
                            <Show when={c().takenAt}> · {whenLocal(c().takenAt!)}</Show>
                          </figcaption>
                          <button type="button" class="cn-photo" onClick={() => openPhotos([{ hash: c().hash, caption: ct.cameraAtReport }], 0)}>
                            <img src={photoUrl(c().hash, 'thumb')} alt={ct.cameraAtReport} loading="lazy" />
                          </button>
                        </figure>
                      )}
                    </Show>
                    <Show when={detail()?.cameras?.length}>
                      <div class="cn-camera-list">
                        <span class="cn-picks-label">{ct.camerasNearby}</span>
                        <For each={detail()!.cameras}>
                          {(c) => (
                            <div class="cn-camera-item">
                              <a class="cn-camera" href={`/api/cameras/${encodeURIComponent(c.id)}/snapshot.webp`} target="_blank" rel="noopener">
                                <span>{c.name}</span>
                                <span class="cn-muted">{c.distanceM} m</span>
                              </a>
                              <Show when={c.live}>
                                <button type="button" class="cn-btn cn-btn-ghost cn-live-btn" data-testid="open-live" aria-pressed={liveOpen() === c.id} onClick={() => setLiveOpen(liveOpen() === c.id ? null : c.id)}>
                                  {liveOpen() === c.id ? ct.closeLive : ct.openLive}
                                </button>
                              </Show>
                              <Show when={liveOpen() === c.id}>
                                <LiveVideo cameraId={c.id} name={c.name} />
                              </Show>
                            </div>
                          )}
                        </For>
                      </div>
                    </Show>
                  </div>
                </section>
              </Show>

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

              <section class="cn-section">
                <dl class="cn-meta">
                  <dt>{ct.address}</dt>
                  <dd>{r().address ?? '—'}</dd>
                  <dt>{ct.district}</dt>
                  <dd>
                    {props.labels.district(r().districtCode) ?? ct.noDistrict}
                    <Show when={props.subdistrict(r().subdistrictCode)}>{(s) => <span class="cn-muted"> · {ct.subdistrict} {s()}</span>}</Show>
                  </dd>
                  <dt>{ct.location}</dt>
                  <dd>
                    <span class="cn-mono">
                      {r().lat.toFixed(5)}, {r().lng.toFixed(5)}
                    </span>{' '}
                    <span class="cn-muted">({r().precision === 'point' ? ct.precisionPoint : ct.precisionDistrict})</span>{' '}
                    <button type="button" class="cn-link" data-testid="show-on-map" onClick={() => props.onZoom()}>
                      {ct.showOnMap}
                    </button>
                  </dd>
                  <dt>{ct.channel}</dt>
                  <dd>{t.channel[r().channel]}</dd>
                  <dt>{ct.received}</dt>
                  <dd>
                    {whenLocal(r().createdAt)} <span class="cn-muted">({ageOf(r().createdAt, now())})</span>
                  </dd>
                  <dt>{ct.reporter}</dt>
                  <dd data-testid="panel-reporter">
                    <Show when={r().reporter} fallback={<span class="cn-muted">{ct.reporterHidden}</span>}>
                      {(rep) => (
                        <>
                          {rep().name ?? ct.anonymous}
                          {' · '}
                          <Show when={rep().contact} fallback={<span class="cn-muted">{ct.noContact}</span>}>
                            <span class="cn-mono">{rep().contact}</span>
                          </Show>
                        </>
                      )}
                    </Show>
                  </dd>
                  <Show when={r().assigneeId}>
                    <dt>{ct.assignee}</dt>
                    <dd data-testid="panel-assignee">{supervisorName(r().assigneeId) ?? r().assigneeId}</dd>
                  </Show>
                  <Show when={r().assigneeId && dispatchInfo()?.instruction}>
                    <dt>{ct.instruction}</dt>
                    <dd>“{dispatchInfo()!.instruction}”</dd>
                  </Show>
                  <Show when={proofReturned() && lastOf('report.proof_returned')?.reason}>
                    <dt>{ct.returnReason}</dt>
                    <dd>“{lastOf('report.proof_returned')!.reason}”</dd>
                  </Show>
                  <Show when={r().mergedIntoId}>
                    <dt>{ct.mergedInto}</dt>
                    <dd>
                      <button type="button" class="cn-link" onClick={() => props.onOpenReport(r().mergedIntoId!)}>
                        {detail()?.mergedInto ?? `#${r().mergedIntoId}`}
                      </button>
                    </dd>
                  </Show>
                </dl>
              </section>

              <section class="cn-section">
                <h3>{ct.history}</h3>
                <ol class="cn-history" data-testid="history">
                  <For each={history()} fallback={<li class="cn-muted">{ct.historyEmpty}</li>}>
                    {(h) => (
                      <HistoryItem
                        h={h}
                        agencies={agencies}
                        supervisorName={supervisorName}
                        statusLabel={statusLabel}
                        ticketOf={(id) => (id === report()?.mergedIntoId ? detail()?.mergedInto ?? null : null)}
                      />
                    )}
                  </For>
                </ol>
              </section>
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

function actorLabel(a: HistoryEntry['actor'], agencies: Map<string, { short: string }>): string {
  if (a.role === 'system') return ct.system;
  if (a.role === 'citizen') return ct.citizen;
  const role = ct.roles[a.role] ?? a.role;
  const agency = a.agencyId ? agencies.get(a.agencyId)?.short : null;
  return `${a.name ?? a.id} (${role}${agency ? ` ${agency}` : ''})`;
}

function HistoryItem(props: {
  h: HistoryEntry;
  agencies: Map<string, { short: string }>;
  supervisorName: (id: string | undefined) => string | null;
  statusLabel: (s: string | undefined) => string;
  ticketOf: (id: number) => string | null;
}) {
  const h = props.h;
  const who = () => actorLabel(h.actor, props.agencies);
  const d = h.detail;
  const changed = h.from && h.to && h.from !== h.to;
  return (
    <li class="cn-history-item" data-type={h.type}>
      <div class="cn-history-head">
        <span class="cn-history-what">{ct.events[h.type] ?? h.type}</span>
        <time class="cn-muted">{whenLocal(h.at)}</time>
      </div>
      <div class="cn-history-who">{who()}</div>
      <Show when={changed}>
        <div class="cn-small cn-muted">
          {props.statusLabel(h.from)} → {props.statusLabel(h.to)}
        </div>
      </Show>
      <Show when={h.type === 'report.dispatched' && d.assigneeId}>
        <div class="cn-small">
          → {props.supervisorName(d.assigneeId as string) ?? String(d.assigneeId)}
          <Show when={d.instruction}>: “{String(d.instruction)}”</Show>
        </div>
      </Show>
      <Show when={h.type === 'report.rerouted' && d.agencyId}>
        <div class="cn-small">→ {props.agencies.get(String(d.agencyId))?.short ?? String(d.agencyId)}</div>
      </Show>
      <Show when={h.type === 'report.merged' && d.intoReportId}>
        <div class="cn-small">→ {props.ticketOf(Number(d.intoReportId)) ?? `#${String(d.intoReportId)}`}</div>
      </Show>
      <Show when={h.type === 'report.proof_submitted' && (d.proof as ProofDetail | undefined)}>
        {(p) => (
          <div class="cn-small">
            <Show when={p().note}>“{p().note}” </Show>
            <Show when={p().flags.length}>
              <span class="cn-warn-text">⚠ {p().flags.map((f) => ct.flags[f] ?? f).join(' · ')}</span>
            </Show>
          </div>
        )}
      </Show>
      <Show when={h.reason}>
        <div class="cn-history-reason">
          <span class="cn-muted">{h.type === 'report.noted' ? '' : `${ct.reasonLabel}: `}</span>“{h.reason}”
        </div>
      </Show>
    </li>
  );
}
