import { useParams } from '@solidjs/router';
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { ReopenFields, Ticket, type TrackView } from '../../../server/contract/field';
import { passes } from '../../lib/check';
import type { PublicProfile } from '../../../server/contract/profile';
import { PHASE } from '../../lib/report-phase';
import { ApiError, request } from '../../lib/api';
import { loadProfileCached } from '../../lib/profile-cache';
import { useLightPage } from '../../lib/light-page';
import { lang, t } from '../../lib/i18n';
import { stampLocal } from '../../lib/time';
import { PhotoPicker, type PickedPhoto } from '../../components/PhotoPicker';
import { myReports, otherLangHref, pt, withLang } from './i18n';
import { MergedNotice, mergedTitle } from './MergedNotice';
import './public.css';

const reasonOk = (v: string) => passes(ReopenFields.shape.reason, v);
const REFRESH_MS = 60_000;

/** /lacak (find by ticket) and /lacak/<ticket>[?k=<private key>] (the report's public state). */
export default function TrackScreen() {
  useLightPage('public');
  const ticket = (useParams<{ ticket?: string }>().ticket ?? '').toUpperCase();
  const key = new URLSearchParams(location.search).get('k');
  const [profile] = createResource<PublicProfile | null>(loadProfileCached);

  return (
    <div class="pp" lang={lang}>
      <header class="pp-top">
        <a class="pp-brand" href={withLang('/lacak')}>
          {profile()?.name ?? 'Pantau'} · {pt.lacakTitle}
        </a>
        <a class="pp-lang" href={otherLangHref()}>
          {pt.language}
        </a>
      </header>
      <Show when={ticket} fallback={<Lookup />}>
        <Report ticket={ticket} trackKey={key} profile={profile() ?? null} />
      </Show>
    </div>
  );
}

function Lookup() {
  document.title = `${pt.lacakTitle} · Pantau`;
  const [value, setValue] = createSignal('');
  const [error, setError] = createSignal<string | null>(null);
  const mine = myReports();

  function submit(e: Event) {
    e.preventDefault();
    const v = value().trim().toUpperCase().replace(/\s+/g, '');
    if (!passes(Ticket, v)) {
      setError(pt.ticketBad);
      return;
    }
    // The private link for a report filed on this phone, if it is known here.
    const known = mine.find((m) => m.ticket === v);
    location.href = withLang(known ? known.trackUrl : `/lacak/${v}`);
  }

  return (
    <main>
      <h1 class="pp-h1">{pt.lacakTitle}</h1>
      <p class="pp-lead">{pt.lacakIntro}</p>
      <form class="pp-form" onSubmit={submit} novalidate>
        <label class="ph-label" for="tk">
          {pt.ticket}
        </label>
        <input
          id="tk"
          class="ph-input pp-ticket-input"
          data-testid="track-ticket"
          autocapitalize="characters"
          autocomplete="off"
          spellcheck={false}
          placeholder="TNG-2026-000123"
          aria-invalid={!!error()}
          value={value()}
          onInput={(e) => {
            setValue(e.currentTarget.value);
            setError(null);
          }}
        />
        <p class="ph-help">{pt.ticketHelp}</p>
        <Show when={error()}>
          <p class="ph-field-error" role="alert" data-testid="track-ticket-error">
            {error()}
          </p>
        </Show>
        <button class="btn btn-primary btn-block pp-submit" type="submit" data-testid="track-find">
          {pt.find}
        </button>
      </form>
      <Show when={mine.length}>
        <section class="pp-mine">
          <h2 class="pp-h2">{pt.myReports}</h2>
          <ul>
            <For each={mine}>
              {(m) => (
                <li>
                  <a class="btn btn-outline btn-block pp-mine-link" href={withLang(m.trackUrl)}>
                    <span class="pp-mine-ticket">{m.ticket}</span>
                    <span class="pp-mine-at">{stampLocal(m.createdAt)}</span>
                  </a>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>
      <p class="pp-links">
        <a href={withLang('/lapor')}>{pt.newReport}</a>
      </p>
    </main>
  );
}

function Report(props: { ticket: string; trackKey: string | null; profile: PublicProfile | null }) {
  document.title = `${props.ticket} · Pantau`;
  const url = () => `/api/track/${encodeURIComponent(props.ticket)}${props.trackKey ? `?k=${encodeURIComponent(props.trackKey)}` : ''}`;
  const [view, setView] = createSignal<TrackView | null>(null);
  const [error, setError] = createSignal<ApiError | null>(null);
  const [loadedAt, setLoadedAt] = createSignal<Date | null>(null);
  const [loading, setLoading] = createSignal(true);
  const [flash, setFlash] = createSignal<string | null>(null);

  async function load() {
    setLoading(true);
    try {
      setView(await request<TrackView>(url(), { timeoutMs: 20_000 }));
      setLoadedAt(new Date());
      setError(null);
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setLoading(false);
      document.body.dataset.track = 'ready';
    }
  }
  void load();
  const timer = setInterval(() => {
    if (document.visibilityState === 'visible' && !reopening) void load();
  }, REFRESH_MS);
  onCleanup(() => clearInterval(timer));
  let reopening = false;

  const agencyShort = (id: string | null) => (id ? props.profile?.agencies.find((a) => a.id === id)?.short ?? id : null);
  const category = (id: string) => props.profile?.categories.find((c) => c.id === id)?.label[lang] ?? id;
  const district = (code: string | null) => (code ? props.profile?.districts.find((d) => d.code === code)?.name ?? code : null);

  return (
    <main>
      <Show when={!loading() || view()} fallback={<p class="pp-loading">{pt.loading}</p>}>
        <Show
          when={view()}
          fallback={
            <div class="ph-error-box" role="alert" data-testid="track-error">
              {error()?.status === 404 ? pt.notFound : error()?.status === 0 ? pt.offline : error()?.message}
              <div class="pp-error-actions">
                <Show when={error()?.status !== 404}>
                  <button class="btn btn-dark btn-small" type="button" onClick={() => void load()}>
                    {pt.retry}
                  </button>
                </Show>
                <a class="btn btn-outline btn-small" href={withLang('/lacak')}>
                  {pt.trackLink}
                </a>
              </div>
            </div>
          }
        >
          {(v) => {
            const phase = () => PHASE[v().status] ?? 'grey';
            return (
              <>
                <Show when={flash()}>
                  <p class="ph-ok-box" role="status" data-testid="reopen-done">
                    ✓ {flash()}
                  </p>
                </Show>
                <section class={`pp-status phase-${phase()}`} data-testid="track-status" data-status={v().status} data-phase={phase()}>
                  <div class="pp-status-ticket">{v().ticket}</div>
                  <div class="pp-status-title">{mergedTitle(v()) ?? pt.phaseTitle[phase()]}</div>
                  <div class="pp-status-sub">
                    {pt.statusLabel}: {t.status[v().status] ?? v().status}
                  </div>
                </section>
                <MergedNotice view={v()} />
                <Show when={v().forwardedTo}>
                  {(f) => (
                    <p class="pp-notice" data-testid="track-forwarded">
                      {pt.forwardedNotice(f().name)}
                    </p>
                  )}
                </Show>
                <Show when={error()}>
                  <p class="ph-warn-box">{pt.offline}</p>
                </Show>

                <h1 class="pp-h1 pp-cat">{category(v().categoryId)}</h1>
                <Show
                  when={v().proofPhotos.length}
                  fallback={
                    <section class="pp-photos">
                      <Show when={v().photos.length} fallback={<p class="ph-help">{pt.noPhoto}</p>}>
                        <div class="pp-photo-row">
                          <For each={v().photos}>{(h) => <Photo hash={h} testId="track-photo" />}</For>
                        </div>
                      </Show>
                    </section>
                  }
                >
                  <section class="pp-photos pp-ba" data-testid="track-before-after">
                    <h2 class="pp-h2">{pt.beforeAfter}</h2>
                    <div class="pp-ba-grid">
                      <figure>
                        <figcaption class="pp-ba-before">{pt.before}</figcaption>
                        <Show when={v().photos[0]} fallback={<div class="pp-nophoto">{pt.noPhoto}</div>}>
                          {(h) => <Photo hash={h()} testId="track-photo" />}
                        </Show>
                      </figure>
                      <figure>
                        <figcaption class="pp-ba-after">{pt.after}</figcaption>
                        <Photo hash={v().proofPhotos[0]} testId="track-proof" />
                      </figure>
                    </div>
                    <Show when={v().photos.length > 1 || v().proofPhotos.length > 1}>
                      <div class="pp-photo-row pp-more">
                        <For each={v().photos.slice(1)}>{(h) => <Photo hash={h} testId="track-photo" small />}</For>
                        <For each={v().proofPhotos.slice(1)}>{(h) => <Photo hash={h} testId="track-proof-more" small />}</For>
                      </div>
                    </Show>
                  </section>
                </Show>

                <p class="pp-desc">{v().description}</p>
                <dl class="pp-facts">
                  <div>
                    <dt>{pt.received}</dt>
                    <dd>{stampLocal(v().createdAt)}</dd>
                  </div>
                  <Show when={district(v().districtCode)}>
                    <div>
                      <dt>{pt.districtLabel}</dt>
                      <dd>{district(v().districtCode)}</dd>
                    </div>
                  </Show>
                  <Show when={v().address}>
                    <div>
                      <dt>{pt.addressLabel}</dt>
                      <dd>{v().address}</dd>
                    </div>
                  </Show>
                  <div>
                    <dt>{pt.agencyLabel}</dt>
                    <dd>{agencyShort(v().agencyId)}</dd>
                  </div>
                </dl>

                <Show when={v().canReopen}>
                  <Reopen
                    view={v()}
                    ticket={props.ticket}
                    trackKey={props.trackKey!}
                    onBusy={(b) => (reopening = b)}
                    onDone={(nv) => {
                      setView(nv);
                      setLoadedAt(new Date());
                      setFlash(pt.reopenDone);
                    }}
                  />
                </Show>
                <Show when={!v().canReopen && !props.trackKey && (v().status === 'verified' || v().status === 'closed') && v().reopenUntil}>
                  <p class="ph-help pp-reopen-hint">{pt.reopenNeedKey}</p>
                </Show>

                <section class="pp-timeline">
                  <h2 class="pp-h2">{pt.timeline}</h2>
                  <ol data-testid="track-history">
                    <For each={[...v().history].reverse()}>
                      {(h) => (
                        <li class={`pp-ev ev-${h.type.replace('report.', '')}`} data-type={h.type}>
                          <div class="pp-ev-when">{stampLocal(h.at)}</div>
                          <div class="pp-ev-what">
                            {pt.event[h.type] ?? h.type}
                            <Show when={h.city}>
                              <span data-testid="track-city">: {h.city}</span>
                            </Show>
                          </div>
                          <div class="pp-ev-who">{h.agencyId ? agencyShort(h.agencyId) : pt.citizen}</div>
                          <Show when={h.reason}>
                            <div class="pp-ev-reason">
                              {pt.reasonLabel}: {h.reason}
                            </div>
                          </Show>
                        </li>
                      )}
                    </For>
                  </ol>
                </section>

                <div class="pp-foot">
                  <Show when={loadedAt()}>
                    {(at) => (
                      <span class="ph-help">
                        {pt.updated} {stampLocal(at())}
                      </span>
                    )}
                  </Show>
                  <button class="btn btn-outline btn-small" type="button" onClick={() => void load()}>
                    {pt.refresh}
                  </button>
                </div>
                <p class="pp-links">
                  <a href={withLang('/lacak')}>{pt.trackLink}</a> · <a href={withLang('/lapor')}>{pt.newReport}</a>
                </p>
              </>
            );
          }}
        </Show>
      </Show>
    </main>
  );
}

function Photo(props: { hash: string; testId: string; small?: boolean }) {
  // The link's name says what opens: the picture inside has alt="" (the caption beside it already says before/after).
  const label = () => (props.testId.startsWith('track-proof') ? pt.proofPhotoLink : pt.reportPhotoLink);
  return (
    <a class={`pp-photo ${props.small ? 'small' : ''}`} href={`/media/${props.hash}/display.webp`} target="_blank" rel="noopener" aria-label={label()}>
      {/* The large photos are the page's largest paint: loaded at once; the small extra ones lazily. */}
      <img src={`/media/${props.hash}/${props.small ? 'thumb' : 'display'}.webp`} alt="" loading={props.small ? 'lazy' : 'eager'} decoding="async" data-testid={props.testId} />
    </a>
  );
}

function Reopen(props: { view: TrackView; ticket: string; trackKey: string; onBusy: (b: boolean) => void; onDone: (v: TrackView) => void }) {
  const [reason, setReason] = createSignal('');
  const [photos, setPhotos] = createSignal<PickedPhoto[]>([]);
  const [busyPhotos, setBusyPhotos] = createSignal(false);
  const [sending, setSending] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [reasonError, setReasonError] = createSignal(false);

  async function submit(e: Event) {
    e.preventDefault();
    if (sending() || busyPhotos()) return;
    if (!reasonOk(reason())) {
      setReasonError(true);
      return;
    }
    setSending(true);
    props.onBusy(true);
    setError(null);
    try {
      const url = `/api/track/${encodeURIComponent(props.ticket)}/reopen`;
      let v: TrackView;
      if (photos().length) {
        const fd = new FormData();
        fd.set('k', props.trackKey);
        fd.set('reason', reason().trim());
        for (const p of photos()) fd.append('photos', p.blob, p.name);
        v = await request<TrackView>(url, { method: 'POST', body: fd, timeoutMs: 120_000 });
      } else {
        v = await request<TrackView>(url, { method: 'POST', json: { k: props.trackKey, reason: reason().trim() }, timeoutMs: 30_000 });
      }
      props.onDone(v);
      window.scrollTo(0, 0);
    } catch (x) {
      const a = x as ApiError;
      if (a.status === 0) setError(pt.offline);
      else if (a.status === 403) setError(pt.reopenForbidden);
      else if (a.field === 'reason') {
        setReasonError(true);
        setError(a.message);
      } else setError(a.message);
    } finally {
      setSending(false);
      props.onBusy(false);
    }
  }

  return (
    <section class="pp-reopen" data-testid="reopen">
      <h2 class="pp-h2">{pt.reopenTitle}</h2>
      <Show when={props.view.reopenUntil}>{(u) => <p>{pt.reopenIntro(stampLocal(u()))}</p>}</Show>
      <form onSubmit={submit} novalidate>
        <label class="ph-label" for="ro-reason">
          {pt.reopenReason}
        </label>
        <textarea
          id="ro-reason"
          class="ph-input"
          rows="3"
          maxLength={1000}
          data-testid="reopen-reason"
          aria-invalid={reasonError()}
          value={reason()}
          onInput={(e) => {
            setReason(e.currentTarget.value);
            if (reasonOk(e.currentTarget.value)) setReasonError(false);
          }}
        />
        <p class={reasonError() ? 'ph-field-error' : 'ph-help'}>{pt.reopenReasonHelp}</p>
        <div class="ph-label">{pt.reopenPhoto}</div>
        <PhotoPicker
          max={3}
          testId="reopen-photos"
          prefix="sekarang"
          text={{
            take: pt.takePhoto,
            gallery: pt.fromGallery,
            count: (n) => pt.photosCount(n, 3),
            processing: pt.processing,
            remove: pt.removePhoto,
            tooMany: pt.tooManyPhotos(3),
            failed: pt.photoUnreadable,
          }}
          onChange={setPhotos}
          onBusy={setBusyPhotos}
        />
        <Show when={error()}>
          <p class="ph-error-box" role="alert" data-testid="reopen-error">
            {error()}
          </p>
        </Show>
        <button class="btn btn-dark btn-block pp-submit" type="submit" data-testid="reopen-submit" disabled={sending() || busyPhotos()}>
          {sending() ? pt.loading : pt.reopenSubmit}
        </button>
      </form>
    </section>
  );
}
