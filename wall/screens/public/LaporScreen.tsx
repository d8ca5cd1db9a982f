import { createResource, createSignal, For, lazy, Show, Suspense } from 'solid-js';
import type { PublicProfile } from '../../../server/contract/profile';
import { MAX_PHOTOS } from '../../lib/report-phase';
import { NewReportFields } from '../../../server/contract/reports';
import { passes } from '../../lib/check';
import { ApiError, newClientId, waitBeforeRetry } from '../../lib/api';
import { postForm } from '../../lib/upload';
import { CategoryPicker } from './CategoryPicker';
import { lt } from './lapor-text';
import type { Boundaries } from './MapPicker';
import { snapInside, type Snapped } from '../../../server/domain/snap';
import { loadProfileCached } from '../../lib/profile-cache';
import { currentPosition, type Position } from '../../lib/geo-position';
import { useLightPage } from '../../lib/light-page';

const descriptionOk = (v: string) => passes(NewReportFields.shape.description, v);
import { lang } from '../../lib/i18n';
import { PhotoPicker, type PickedPhoto } from '../../components/PhotoPicker';
import { PinIcon } from '../../components/icons';
import { otherLangHref, pt, rememberReport, withLang } from './i18n';
import './public.css';
import './lapor.css';

// MapLibre is large: the map (and the boundary files) load only when the citizen needs them.
const MapPicker = lazy(() => import('./MapPicker'));
let boundaries: Promise<Boundaries> | null = null;
const loadBoundaries = (p: PublicProfile) => (boundaries ??= import('./MapPicker').then((m) => m.loadBoundaries(p)).catch((e) => ((boundaries = null), Promise.reject(e))));

/** Where the report is: the phone's GPS or a tap on the map, always inside the city, with its kecamatan. */
type Place = Position & { source: 'gps' | 'map'; districtName: string | null; moved: boolean };
const RETRIES = 3;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type FieldKey = 'category' | 'description' | 'location' | 'district' | 'address' | 'photos' | 'reporterName' | 'reporterContact';
type Created = { ticket: string; trackUrl: string; createdAt: string };

/** The hub's field name → the form's field. */
function fieldOf(apiField: string | null): FieldKey | null {
  if (!apiField) return null;
  if (apiField === 'lat' || apiField === 'lon') return 'location';
  if (apiField.startsWith('photos')) return 'photos';
  const known: FieldKey[] = ['category', 'description', 'district', 'address', 'reporterName', 'reporterContact'];
  return (known as string[]).includes(apiField) ? (apiField as FieldKey) : null;
}

/** /lapor: a citizen files a report from a phone: what, where, a photo, and (privately) who. */
export default function LaporScreen() {
  useLightPage('public');
  document.title = `${pt.laporTitle} · Pantau`;
  const [profile, { refetch }] = createResource<PublicProfile | null>(loadProfileCached);

  const [category, setCategory] = createSignal('');
  const [description, setDescription] = createSignal('');
  const [pos, setPos] = createSignal<Place | null>(null);
  const [locState, setLocState] = createSignal<'idle' | 'asking' | 'failed' | 'outside'>('idle');
  const [mapOpen, setMapOpen] = createSignal(false);
  const [progress, setProgress] = createSignal<string | null>(null);
  // One id for this submission, kept across retries: the hub files it once however often it arrives.
  const [clientId] = createSignal(newClientId('lapor'));
  const [district, setDistrict] = createSignal('');
  const [address, setAddress] = createSignal('');
  const [photos, setPhotos] = createSignal<PickedPhoto[]>([]);
  const [photosBusy, setPhotosBusy] = createSignal(false);
  const [name, setName] = createSignal('');
  const [contact, setContact] = createSignal('');
  const [errors, setErrors] = createSignal<Partial<Record<FieldKey, string>>>({});
  const [general, setGeneral] = createSignal<string | null>(null);
  const [submitting, setSubmitting] = createSignal(false);
  const [created, setCreated] = createSignal<Created | null>(null);
  const [copied, setCopied] = createSignal(false);
  let form!: HTMLFormElement;

  const err = (k: FieldKey) => errors()[k];
  const clearErr = (...keys: FieldKey[]) => {
    const next = { ...errors() };
    for (const k of keys) delete next[k];
    setErrors(next);
    if (!Object.keys(next).length && general() === pt.fixErrors) setGeneral(null);
  };

  async function locate() {
    setLocState('asking');
    const p = await currentPosition({ timeoutMs: 20_000, maxAgeMs: 60_000 });
    if (!p) return setLocState('failed');
    let place: Place = { ...p, source: 'gps', districtName: null, moved: false };
    try {
      const b = await loadBoundaries(profile()!);
      const s = snapInside(b.city, b.districts, p.lon, p.lat);
      // A phone outside the city is somewhere else: the citizen shows the spot on the map instead.
      if (s.moved) {
        setLocState('outside');
        setMapOpen(true);
        return;
      }
      place = { ...place, districtName: s.districtName };
    } catch {
      /* boundaries not loaded (weak signal): the hub still finds the district */
    }
    setPos(place);
    setLocState('idle');
    clearErr('location', 'district', 'address');
  }

  function pickedOnMap(s: Snapped) {
    setPos({ lat: s.lat, lon: s.lng, accuracy: 0, at: Date.now(), source: 'map', districtName: s.districtName, moved: s.moved });
    setMapOpen(false);
    setLocState('idle');
    clearErr('location', 'district', 'address');
  }

  async function openMap() {
    setMapOpen(true);
    void loadBoundaries(profile()!).catch(() => undefined);
  }

  function validate(): Partial<Record<FieldKey, string>> {
    const e: Partial<Record<FieldKey, string>> = {};
    if (!category()) e.category = pt.need.category;
    if (!descriptionOk(description())) e.description = pt.need.description;
    if (!pos()) {
      if (!district()) e.district = pt.need.location;
      if (!address().trim()) e.address = pt.need.location;
    }
    if (!photos().length) e.photos = pt.need.photos;
    return e;
  }

  function focusFirstError() {
    queueMicrotask(() => form.querySelector<HTMLElement>('[aria-invalid="true"], .ph-picker.invalid input')?.scrollIntoView({ block: 'center', behavior: 'smooth' }));
  }

  async function submit(ev: Event) {
    ev.preventDefault();
    if (submitting() || photosBusy()) return;
    setGeneral(null);
    const e = validate();
    setErrors(e);
    if (Object.keys(e).length) {
      setGeneral(pt.fixErrors);
      focusFirstError();
      return;
    }
    const fd = new FormData();
    fd.set('category', category());
    fd.set('description', description().trim());
    fd.set('channel', 'web');
    fd.set('clientId', clientId());
    const p = pos();
    if (p) {
      fd.set('lat', String(p.lat));
      fd.set('lon', String(p.lon));
    } else {
      fd.set('district', district());
    }
    if (address().trim()) fd.set('address', address().trim());
    if (name().trim()) fd.set('reporterName', name().trim());
    if (contact().trim()) fd.set('reporterContact', contact().trim());
    for (const ph of photos()) fd.append('photos', ph.blob, ph.name);
    setSubmitting(true);
    try {
      const r = await send(fd);
      rememberReport({ ticket: r.ticket, trackUrl: r.trackUrl, createdAt: r.createdAt });
      setCreated(r);
      window.scrollTo(0, 0);
    } catch (x) {
      const a = x as ApiError;
      if (a.transient && a.status !== 429) {
        setGeneral(lt.stillOffline);
        return;
      }
      if (a.status === 429) {
        setGeneral(lt.tooFast);
        return;
      }
      const key = fieldOf(a.field);
      let text = a.message;
      if (key === 'location' && a.status === 422) text = pt.outsideCity;
      else if (key === 'district' && a.status === 422) text = pt.need.location;
      else if (key === 'photos' && a.status === 413) text = pt.photoTooLarge;
      else if (key === 'photos' && a.status === 415) text = pt.photoUnreadable;
      else if (key && key in pt.need) text = `${pt.need[key as keyof typeof pt.need]} (${a.message})`;
      if (key) setErrors({ [key]: text });
      setGeneral(key ? pt.fixErrors : text);
      focusFirstError();
    } finally {
      setSubmitting(false);
      setProgress(null);
    }
  }

  /** One request, retried on a dropped connection with the same clientId; progress shown while the photos go up. */
  async function send(fd: FormData): Promise<Created> {
    for (let attempt = 1; ; attempt++) {
      try {
        setProgress(pt.submitting);
        return await postForm<Created>('/api/reports', fd, {
          timeoutMs: 180_000,
          onProgress: ({ sent, total }) => setProgress(sent >= total ? lt.waiting : lt.sending(Math.floor((100 * sent) / total))),
        });
      } catch (x) {
        const a = x as ApiError;
        if (!(a.status === 0 || a.status >= 500) || attempt >= RETRIES) throw a;
        setProgress(lt.retrying(attempt + 1, RETRIES));
        // A hub busy with photos says when to come back (503 + Retry-After); at most a minute on a citizen's screen.
        await sleep(Math.min(60_000, waitBeforeRetry(1500 * attempt, a)));
      }
    }
  }

  const fullLink = () => (created() ? new URL(withLang(created()!.trackUrl), location.origin).href : '');

  async function copy() {
    try {
      await navigator.clipboard.writeText(fullLink());
      setCopied(true);
    } catch {
      const input = document.querySelector<HTMLInputElement>('[data-testid="lapor-track-url"]');
      input?.select();
      setCopied(document.execCommand?.('copy') ?? false);
    }
  }

  function restart() {
    location.href = withLang('/lapor');
  }

  return (
    <div class="pp" lang={lang}>
      <header class="pp-top">
        <a class="pp-brand" href={withLang('/lapor')}>
          {profile()?.name ?? 'Pantau'} · {pt.city}
        </a>
        <a class="pp-lang" href={otherLangHref()}>
          {pt.language}
        </a>
      </header>

      <Show
        when={created()}
        fallback={
          <Show when={!profile.loading} fallback={<p class="pp-loading">{pt.loading}</p>}>
            <Show
              when={profile()}
              fallback={
                <div class="ph-error-box">
                  {pt.offline}{' '}
                  <button class="btn btn-dark btn-small" type="button" onClick={() => refetch()}>
                    {pt.retry}
                  </button>
                </div>
              }
            >
              {(p) => (
                <main>
                  <h1 class="pp-h1">{pt.laporTitle}</h1>
                  <p class="pp-lead">{pt.laporIntro}</p>
                  <form class="pp-form" ref={form} onSubmit={submit} novalidate data-testid="lapor-form">
                    <div class="ph-label" id="lp-cat">
                      {pt.category}
                    </div>
                    <CategoryPicker
                      categories={p().categories}
                      value={category()}
                      invalid={!!err('category')}
                      label={pt.category}
                      onPick={(id) => {
                        setCategory(id);
                        clearErr('category');
                      }}
                    />
                    <FieldError text={err('category')} id="category" />

                    <label class="ph-label" for="lp-desc">
                      {pt.description}
                    </label>
                    <textarea
                      id="lp-desc"
                      class="ph-input"
                      data-testid="lapor-description"
                      rows="4"
                      maxLength={2000}
                      aria-invalid={!!err('description')}
                      value={description()}
                      onInput={(e) => {
                        setDescription(e.currentTarget.value);
                        if (descriptionOk(e.currentTarget.value)) clearErr('description');
                      }}
                    />
                    <p class="ph-help">{pt.descriptionHelp}</p>
                    <FieldError text={err('description')} id="description" />

                    <fieldset class="pp-fieldset" classList={{ invalid: !!err('location') }}>
                      <legend class="ph-label">{pt.location}</legend>
                      <Show
                        when={pos()}
                        fallback={
                          <div class="pp-loc-buttons">
                            <button class="btn btn-primary btn-block" type="button" data-testid="lapor-locate" disabled={locState() === 'asking'} onClick={() => void locate()}>
                              <PinIcon /> {locState() === 'asking' ? pt.locating : pt.useMyLocation}
                            </button>
                            <button class="btn btn-outline btn-block" type="button" data-testid="lapor-open-map" onClick={() => void openMap()}>
                              {lt.pickOnMap}
                            </button>
                          </div>
                        }
                      >
                        {(where) => (
                          <div class="ph-ok-box" data-testid="lapor-location-ok">
                            ✓ {where().source === 'gps' ? pt.located(where().accuracy) : lt.pickedOnMap}
                            <Show when={where().districtName}>
                              <div class="pp-district" data-testid="lapor-district-found">
                                {lt.inDistrict(where().districtName!)}
                                <Show when={where().moved}> · {lt.snapped}</Show>
                              </div>
                            </Show>
                            <div class="pp-loc-again">
                              <button class="btn btn-link" type="button" data-testid="lapor-change-point" onClick={() => void openMap()}>
                                {lt.changePoint}
                              </button>
                              <button class="btn btn-link" type="button" onClick={() => setPos(null)}>
                                {pt.clearLocation}
                              </button>
                            </div>
                          </div>
                        )}
                      </Show>
                      <Show when={locState() === 'failed'}>
                        <p class="ph-field-error">{pt.locationFailed}</p>
                      </Show>
                      <Show when={locState() === 'outside'}>
                        <p class="ph-field-error" data-testid="lapor-gps-outside">{lt.gpsOutside}</p>
                      </Show>
                      <Show when={mapOpen()}>
                        <Suspense fallback={<p class="pp-loading">{lt.mapLoading}</p>}>
                          <MapWhenReady profile={p()} start={pos() ? { lng: pos()!.lon, lat: pos()!.lat } : null} onPick={pickedOnMap} onCancel={() => setMapOpen(false)} />
                        </Suspense>
                      </Show>
                      <FieldError text={err('location')} id="location" />

                      <Show when={!pos()}>
                        <p class="pp-or">{pt.orDistrict}</p>
                        <label class="ph-label" for="lp-district">
                          {pt.district}
                        </label>
                        <select
                          id="lp-district"
                          class="ph-input"
                          data-testid="lapor-district"
                          aria-invalid={!!err('district')}
                          value={district()}
                          onChange={(e) => {
                            setDistrict(e.currentTarget.value);
                            clearErr('district', 'location');
                          }}
                        >
                          <option value="">{pt.districtPick}</option>
                          <For each={[...p().districts].sort((a, b) => a.name.localeCompare(b.name))}>{(d) => <option value={d.code}>{d.name}</option>}</For>
                        </select>
                        <FieldError text={err('district')} id="district" />
                      </Show>
                      <label class="ph-label" for="lp-addr">
                        {pt.address}
                      </label>
                      <input
                        id="lp-addr"
                        class="ph-input"
                        data-testid="lapor-address"
                        maxLength={300}
                        autocomplete="street-address"
                        aria-invalid={!!err('address')}
                        value={address()}
                        onInput={(e) => {
                          setAddress(e.currentTarget.value);
                          clearErr('address', 'location');
                        }}
                      />
                      <p class="ph-help">{pt.addressHelp}</p>
                      <FieldError text={err('address')} id="address" />
                    </fieldset>

                    <div class="ph-label">{pt.photos}</div>
                    <p class="ph-help pp-help-top">{pt.photosHelp}</p>
                    <PhotoPicker
                      max={MAX_PHOTOS}
                      testId="lapor-photos"
                      prefix="foto"
                      invalid={!!err('photos')}
                      text={{
                        take: pt.takePhoto,
                        gallery: pt.fromGallery,
                        count: (n) => pt.photosCount(n),
                        processing: pt.processing,
                        remove: pt.removePhoto,
                        tooMany: pt.tooManyPhotos(),
                        failed: pt.photoUnreadable,
                      }}
                      onChange={(list) => {
                        setPhotos(list);
                        if (list.length) clearErr('photos');
                      }}
                      onBusy={setPhotosBusy}
                    />
                    <FieldError text={err('photos')} id="photos" />

                    <div class="pp-private">
                      <p class="ph-warn-box" data-testid="lapor-private-note">
                        {pt.contactPrivate}
                      </p>
                      <label class="ph-label" for="lp-name">
                        {pt.name}
                      </label>
                      <input
                        id="lp-name"
                        class="ph-input"
                        data-testid="lapor-name"
                        maxLength={120}
                        autocomplete="name"
                        aria-invalid={!!err('reporterName')}
                        value={name()}
                        onInput={(e) => setName(e.currentTarget.value)}
                      />
                      <FieldError text={err('reporterName')} id="reporterName" />
                      <label class="ph-label" for="lp-contact">
                        {pt.contact}
                      </label>
                      <input
                        id="lp-contact"
                        class="ph-input"
                        data-testid="lapor-contact"
                        maxLength={120}
                        inputMode="email"
                        autocomplete="tel"
                        aria-invalid={!!err('reporterContact')}
                        value={contact()}
                        onInput={(e) => setContact(e.currentTarget.value)}
                      />
                      <FieldError text={err('reporterContact')} id="reporterContact" />
                    </div>

                    <Show when={general()}>
                      <p class="ph-error-box" role="alert" data-testid="lapor-error">
                        {general()}
                      </p>
                    </Show>
                    <button class="btn btn-go btn-block pp-submit" type="submit" data-testid="lapor-submit" disabled={submitting() || photosBusy()}>
                      {submitting() ? pt.submitting : pt.submit}
                    </button>
                    <Show when={submitting() && progress() && progress() !== pt.submitting}>
                      <p class="ph-help pp-progress" role="status" aria-live="polite" data-testid="lapor-progress">
                        {progress()}
                      </p>
                    </Show>
                  </form>
                  <p class="pp-links">
                    <a href={withLang('/lacak')}>{pt.lacakTitle}</a>
                  </p>
                </main>
              )}
            </Show>
          </Show>
        }
      >
        {(c) => (
          <main class="pp-done" data-testid="lapor-done">
            <h1 class="pp-h1">✓ {pt.doneTitle}</h1>
            <div class="pp-ticket-box">
              <div class="pp-ticket-label">{pt.yourTicket}</div>
              <div class="pp-ticket" data-testid="lapor-ticket">
                {c().ticket}
              </div>
            </div>
            <p class="ph-warn-box pp-keep">{pt.keepLink}</p>
            <input class="ph-input pp-link" readonly value={fullLink()} data-testid="lapor-track-url" onFocus={(e) => e.currentTarget.select()} />
            <div class="pp-done-actions">
              <button class="btn btn-dark btn-block" type="button" data-testid="lapor-copy" onClick={() => void copy()}>
                {copied() ? `✓ ${pt.copied}` : pt.copyLink}
              </button>
              <Show when={typeof navigator.share === 'function'}>
                <button class="btn btn-outline btn-block" type="button" onClick={() => void navigator.share({ title: c().ticket, url: fullLink() }).catch(() => undefined)}>
                  {pt.shareLink}
                </button>
              </Show>
              <a class="btn btn-primary btn-block" href={withLang(c().trackUrl)} data-testid="lapor-track-link">
                {pt.openTrack}
              </a>
              <button class="btn btn-outline btn-block" type="button" onClick={restart}>
                {pt.another}
              </button>
            </div>
            <p class="ph-help">{pt.savedHere}</p>
          </main>
        )}
      </Show>
    </div>
  );
}

/** The map once the boundary files are in (they snap the tap and name the kecamatan). */
function MapWhenReady(props: { profile: PublicProfile; start: { lng: number; lat: number } | null; onPick: (s: Snapped) => void; onCancel: () => void }) {
  const [b] = createResource(() => loadBoundaries(props.profile).catch(() => null));
  return (
    <Show when={!b.loading} fallback={<p class="pp-loading">{lt.mapLoading}</p>}>
      <Show when={b()} fallback={<p class="ph-field-error">{lt.mapFailed}</p>}>
        {(bounds) => <MapPicker profile={props.profile} boundaries={bounds()} start={props.start} onPick={props.onPick} onCancel={props.onCancel} />}
      </Show>
    </Show>
  );
}

function FieldError(props: { text: string | undefined; id: string }) {
  return (
    <Show when={props.text}>
      <p class="ph-field-error" role="alert" data-testid={`lapor-error-${props.id}`}>
        {props.text}
      </p>
    </Show>
  );
}
