import type * as maplibregl from 'maplibre-gl';
import { createEffect, createMemo, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js';
import type { PublicProfile } from '../../../server/contract/profile';
import type { ProfileLabels } from '../../lib/profile';
import { api, request } from '../../lib/api';
import { passes } from '../../lib/check';
import { OperatorReportFields } from '../../../server/contract/intake';
import { type Me, type StaffReport } from '../../lib/staff';
import { dt } from './duplicates-i18n';
import { placeIndex, searchPlaces, type Place } from './place-search';
import './duplicates.css';

const CHANNELS = ['phone', 'sms', 'whatsapp', 'social', 'kim', 'walk_in'] as const;
const PIN_SOURCE = 'intake-pin';
const PIN_LAYER = 'intake-pin';
const PIN_RING = 'intake-pin-ring';

type Spot = { lng: number; lat: number; label: string };
type FieldError = { field: string | null; message: string };

/**
 * The operator's intake form: a complaint taken by phone, SMS, WhatsApp or social media, filed into the same flow as
 * every other report. The location comes from a search of the city's kelurahan and kecamatan names (offline, from the
 * profile's geo file) or from a click on the console map.
 */
export function IntakePanel(props: {
  me: Me;
  profile: PublicProfile;
  labels: ProfileLabels;
  map: maplibregl.Map | undefined;
  onClose: () => void;
  onOpenReport: (id: number) => void;
}) {
  const [channel, setChannel] = createSignal<(typeof CHANNELS)[number]>('phone');
  const [contact, setContact] = createSignal('');
  const [name, setName] = createSignal('');
  const [category, setCategory] = createSignal('');
  const [text, setText] = createSignal('');
  const [address, setAddress] = createSignal('');
  const [query, setQuery] = createSignal('');
  const [spot, setSpot] = createSignal<Spot | null>(null);
  const [photo, setPhoto] = createSignal<File | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<FieldError | null>(null);
  const [saved, setSaved] = createSignal<StaffReport | null>(null);
  let photoInput: HTMLInputElement | undefined;

  const [subdistricts] = createResource(async () => {
    try {
      return await request<GeoJSON.FeatureCollection>(props.profile.geo.subdistricts);
    } catch {
      return null; // the kecamatan names still work
    }
  });
  const places = createMemo(() => placeIndex(props.profile.districts, subdistricts() ?? null));
  const results = createMemo(() => searchPlaces(places(), query()));

  // The operator's own agency's categories first: most calls they take are theirs.
  const categories = createMemo(() => {
    const mine = props.me.agencyId;
    return [...props.profile.categories].sort((a, b) => Number(b.agencyId === mine) - Number(a.agencyId === mine));
  });

  function pick(p: Place) {
    setSpot({ lng: p.lng, lat: p.lat, label: `${p.kind === 'kelurahan' ? dt.kelurahan : dt.kecamatan} ${p.name}${p.parent ? `, ${dt.kecamatan} ${p.parent}` : ''}` });
    setQuery('');
    props.map?.easeTo({ center: [p.lng, p.lat], zoom: Math.max(props.map.getZoom(), 14), duration: 400 });
  }

  // The map: a click marks the spot; the pin shows where the report will be.
  createEffect(() => {
    const map = props.map;
    if (!map) return;
    map.addSource(PIN_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
    map.addLayer({ id: PIN_RING, type: 'circle', source: PIN_SOURCE, paint: { 'circle-radius': 16, 'circle-color': 'rgba(77,159,255,0.18)', 'circle-stroke-color': '#4d9fff', 'circle-stroke-width': 3 } });
    map.addLayer({ id: PIN_LAYER, type: 'circle', source: PIN_SOURCE, paint: { 'circle-radius': 6, 'circle-color': '#ffffff', 'circle-stroke-color': '#4d9fff', 'circle-stroke-width': 2 } });
    const onClick = (e: maplibregl.MapMouseEvent) => setSpot({ lng: e.lngLat.lng, lat: e.lngLat.lat, label: dt.mapTap });
    map.on('click', onClick);
    map.getCanvas().style.cursor = 'crosshair';
    createEffect(() => {
      const s = spot();
      map.getSource<maplibregl.GeoJSONSource>(PIN_SOURCE)?.setData({
        type: 'FeatureCollection',
        features: s ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: [s.lng, s.lat] }, properties: {} }] : [],
      });
    });
    onCleanup(() => {
      try {
        map.off('click', onClick);
        map.getCanvas().style.cursor = '';
        for (const id of [PIN_LAYER, PIN_RING]) if (map.getLayer(id)) map.removeLayer(id);
        if (map.getSource(PIN_SOURCE)) map.removeSource(PIN_SOURCE);
      } catch {
        /* the map is already gone */
      }
    });
  });

  /** The same checks the hub makes, said before a round trip; the hub's answer still wins. */
  function check(): FieldError | null {
    if (!passes(OperatorReportFields.shape.reporterContact, contact())) return { field: 'reporterContact', message: `${dt.contact}: ${dt.required}` };
    if (!category()) return { field: 'category', message: `${dt.category}: ${dt.required}` };
    if (!passes(OperatorReportFields.shape.description, text())) return { field: 'description', message: `${dt.text}: ${dt.required}` };
    if (!spot()) return { field: 'lat', message: `${dt.location}: ${dt.noLocation}` };
    return null;
  }

  async function submit(e: Event) {
    e.preventDefault();
    if (busy()) return;
    const bad = check();
    if (bad) return setError(bad);
    const s = spot()!;
    const fields: Record<string, string | number> = {
      channel: channel(), reporterContact: contact().trim(), category: category(), description: text().trim(), lat: s.lat, lon: s.lng,
    };
    if (name().trim()) fields.reporterName = name().trim();
    if (address().trim()) fields.address = address().trim();
    setBusy(true);
    setError(null);
    const result = photo() ? await sendMultipart(fields, photo()!) : await api<{ report: StaffReport }>('/api/console/reports', { json: fields });
    setBusy(false);
    if (!result.ok) {
      const label = result.field ? (dt.fields[result.field] ?? result.field) : null;
      return setError({ field: result.field ?? null, message: label ? `${label}: ${result.message}` : result.message });
    }
    setSaved(result.data.report);
  }

  function reset() {
    setSaved(null);
    setContact('');
    setName('');
    setText('');
    setAddress('');
    setSpot(null);
    setPhoto(null);
    if (photoInput) photoInput.value = '';
  }

  // A field's error goes as soon as the operator changes that field.
  createEffect(on([contact, category, text, spot, address, photo, name], () => setError(null), { defer: true }));

  const invalid = (f: string) => error()?.field === f || (f === 'lat' && error()?.field === 'lon');

  return (
    <aside class="cn-panel cn-intake" data-testid="intake-panel">
      <header class="cn-panel-head">
        <div class="cn-panel-title">
          <div class="cn-intake-title">{dt.intakeTitle}</div>
          <div class="cn-muted cn-small">{dt.intakeSub}</div>
        </div>
        <button type="button" class="cn-icon-btn" data-testid="intake-close" aria-label={dt.cancel} title={`${dt.cancel} (Esc)`} onClick={() => props.onClose()}>
          ✕
        </button>
      </header>
      <div class="cn-panel-body">
        <Show
          when={!saved()}
          fallback={
            <div class="cn-section" data-testid="intake-saved" data-report-id={saved()!.id}>
              <div class="cn-alert cn-alert-ok" role="status">
                {dt.saved(saved()!.ticket)}
              </div>
              <div class="cn-intake-ticket cn-mono" data-testid="intake-ticket">
                {saved()!.ticket}
              </div>
              <div class="cn-dups-row-actions">
                <button type="button" class="cn-btn" data-testid="intake-another" onClick={reset}>
                  {dt.another}
                </button>
                {/* A call about another agency's category goes to that agency's queue: an operator cannot open it. */}
                <Show when={props.me.role !== 'operator' || saved()!.agencyId === props.me.agencyId}>
                  <button type="button" class="cn-btn cn-btn-primary" data-testid="intake-open" onClick={() => props.onOpenReport(saved()!.id)}>
                    {dt.openSaved}
                  </button>
                </Show>
              </div>
            </div>
          }
        >
          <form class="cn-section cn-intake-form" onSubmit={submit} novalidate>
            <fieldset class="cn-intake-channels">
              <legend>{dt.channel} *</legend>
              <For each={CHANNELS}>
                {(c) => (
                  <label class="cn-intake-chip" classList={{ active: channel() === c }}>
                    <input type="radio" name="channel" value={c} checked={channel() === c} onChange={() => setChannel(c)} data-testid={`intake-channel-${c}`} />
                    {dt.channels[c]}
                  </label>
                )}
              </For>
            </fieldset>
            <div class="cn-intake-two">
              <label class="cn-field" classList={{ invalid: invalid('reporterContact') }}>
                <span>{dt.contact} *</span>
                <input data-testid="intake-contact" value={contact()} placeholder={dt.contactPlaceholder} maxlength={120} autocomplete="off" onInput={(e) => setContact(e.currentTarget.value)} ref={(el) => setTimeout(() => el.focus())} />
              </label>
              <label class="cn-field" classList={{ invalid: invalid('reporterName') }}>
                <span>{dt.name}</span>
                <input data-testid="intake-name" value={name()} maxlength={120} autocomplete="off" onInput={(e) => setName(e.currentTarget.value)} />
              </label>
            </div>
            <label class="cn-field" classList={{ invalid: invalid('category') }}>
              <span>{dt.category} *</span>
              <select data-testid="intake-category" value={category()} onChange={(e) => setCategory(e.currentTarget.value)}>
                <option value="">{dt.chooseCategory}</option>
                <For each={categories()}>{(c) => <option value={c.id}>{props.labels.category(c.id)}</option>}</For>
              </select>
            </label>
            <label class="cn-field" classList={{ invalid: invalid('description') }}>
              <span>{dt.text} *</span>
              <textarea data-testid="intake-text" rows={3} value={text()} placeholder={dt.textPlaceholder} maxlength={2000} onInput={(e) => setText(e.currentTarget.value)} />
            </label>
            <div class="cn-field" classList={{ invalid: invalid('lat') }}>
              <span>{dt.location} *</span>
              <input data-testid="intake-place" value={query()} placeholder={dt.searchPlaceholder} autocomplete="off" aria-label={dt.searchPlace} onInput={(e) => setQuery(e.currentTarget.value)} onKeyDown={(e) => {
                if (e.key === 'Enter' && results().length) (e.preventDefault(), pick(results()[0]));
              }} />
              <Show when={results().length}>
                <ul class="cn-intake-results" data-testid="intake-places">
                  <For each={results()}>
                    {(p) => (
                      <li>
                        <button type="button" class="cn-intake-place" data-testid="intake-place-result" onClick={() => pick(p)}>
                          <strong>{p.name}</strong>{' '}
                          <span class="cn-muted cn-small">
                            {p.kind === 'kelurahan' ? `${dt.kelurahan}${p.parent ? ` · ${dt.kecamatan} ${p.parent}` : ''}` : dt.kecamatan}
                          </span>
                        </button>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <div class="cn-small" data-testid="intake-spot" data-lat={spot()?.lat ?? ''} data-lng={spot()?.lng ?? ''}>
                <Show when={spot()} fallback={<span class="cn-muted">{dt.noLocation} {dt.tapMap}.</span>}>
                  {(s) => (
                    <>
                      <strong>{dt.locationFrom(s().label)}</strong> <span class="cn-mono cn-muted">({s().lat.toFixed(5)}, {s().lng.toFixed(5)})</span>{' '}
                      <span class="cn-muted">— {dt.tapMap}</span>
                    </>
                  )}
                </Show>
              </div>
            </div>
            <label class="cn-field" classList={{ invalid: invalid('address') }}>
              <span>{dt.address}</span>
              <input data-testid="intake-address" value={address()} maxlength={300} onInput={(e) => setAddress(e.currentTarget.value)} />
            </label>
            <label class="cn-field" classList={{ invalid: !!error()?.field?.startsWith('photos') }}>
              <span>{dt.photo}</span>
              <input ref={photoInput} type="file" accept="image/*" data-testid="intake-photo" onChange={(e) => setPhoto(e.currentTarget.files?.[0] ?? null)} />
            </label>
            <Show when={error()}>
              <p class="cn-error" role="alert" data-testid="intake-error" data-field={error()!.field ?? ''}>
                {error()!.message}
              </p>
            </Show>
            <div class="cn-dups-row-actions">
              <button type="button" class="cn-btn cn-btn-ghost" onClick={() => props.onClose()}>
                {dt.cancel}
              </button>
              <button type="submit" class="cn-btn cn-btn-primary" data-testid="intake-submit" disabled={busy()}>
                {busy() ? dt.submitting : dt.submit}
              </button>
            </div>
          </form>
        </Show>
      </div>
    </aside>
  );
}

/** With a photo the form goes as multipart; the hub answers as it does to JSON. */
async function sendMultipart(fields: Record<string, string | number>, file: File) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.set(k, String(v));
  fd.append('photos', file, file.name);
  return api<{ report: StaffReport }>('/api/console/reports', { body: fd });
}
