import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { createSignal, onCleanup, onMount, Show } from 'solid-js';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { PublicProfile } from '../../../server/contract/profile';
import { areasFrom, snapInside, type AreaProps, type Snapped } from '../../../server/domain/snap';
import { lt } from './lapor-text';
import { request } from '../../lib/api';

maplibregl.setWorkerUrl(workerUrl);

type Geo = FeatureCollection<Polygon | MultiPolygon, AreaProps>;

/** The city's outline and kecamatan, from the same boundary files the hub uses to find a report's district. */
export async function loadBoundaries(profile: PublicProfile) {
  const get = (url: string) => request<Geo>(url);
  const [city, districts] = await Promise.all([get(profile.geo.city), get(profile.geo.districts)]);
  return { city: areasFrom(city)[0], districts: areasFrom(districts), cityGeo: city, districtsGeo: districts };
}
export type Boundaries = Awaited<ReturnType<typeof loadBoundaries>>;

/**
 * A light map of the city for a phone: tap where the problem is; a tap outside the boundary is snapped inside
 * and the kecamatan is named under the map. Loaded only when the citizen asks for it (MapLibre is large).
 */
export default function MapPicker(props: {
  profile: PublicProfile;
  boundaries: Boundaries;
  start: { lng: number; lat: number } | null;
  onPick: (s: Snapped) => void;
  onCancel: () => void;
}) {
  let el!: HTMLDivElement;
  const [picked, setPicked] = createSignal<Snapped | null>(null);
  const [failed, setFailed] = createSignal(false);
  let map: maplibregl.Map | undefined;
  let marker: maplibregl.Marker | undefined;

  function place(s: Snapped) {
    setPicked(s);
    if (!map) return;
    marker ??= new maplibregl.Marker({ color: '#c62828' });
    marker.setLngLat([s.lng, s.lat]).addTo(map);
  }

  onMount(() => {
    try {
      const [[w, s], [e, n]] = props.profile.map.bounds;
      map = new maplibregl.Map({
        container: el,
        style: {
          version: 8,
          sources: {
            city: { type: 'geojson', data: props.boundaries.cityGeo },
            districts: { type: 'geojson', data: props.boundaries.districtsGeo },
          },
          layers: [
            { id: 'bg', type: 'background', paint: { 'background-color': '#dfe3e8' } },
            { id: 'city', type: 'fill', source: 'city', paint: { 'fill-color': '#ffffff' } },
            { id: 'districts', type: 'line', source: 'districts', paint: { 'line-color': '#7b8794', 'line-width': 1.5 } },
            { id: 'city-line', type: 'line', source: 'city', paint: { 'line-color': '#1f2933', 'line-width': 3 } },
          ],
        },
        bounds: [w, s, e, n],
        fitBoundsOptions: { padding: 12 },
        attributionControl: false,
        dragRotate: false,
        pitchWithRotate: false,
      });
      map.touchZoomRotate.disableRotation();
      map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
      map.on('click', (ev) => place(snapInside(props.boundaries.city, props.boundaries.districts, ev.lngLat.lng, ev.lngLat.lat)));
      map.on('error', () => undefined);
      map.on('load', () => {
        el.dataset.ready = 'true';
        // The map opens below the location buttons: bring it into view so the citizen can tap at once.
        el.scrollIntoView({ block: 'center' });
        if (props.start) {
          place(snapInside(props.boundaries.city, props.boundaries.districts, props.start.lng, props.start.lat));
          map!.easeTo({ center: [props.start.lng, props.start.lat], zoom: 15, duration: 0 });
        }
      });
    } catch {
      setFailed(true);
    }
  });
  onCleanup(() => map?.remove());

  return (
    <div class="pp-map-picker" data-testid="lapor-map-picker">
      <p class="ph-help pp-help-top">{lt.mapHelp}</p>
      <Show when={!failed()} fallback={<p class="ph-field-error">{lt.mapFailed}</p>}>
        <div class="pp-map" ref={el} data-testid="lapor-map" />
      </Show>
      <p class="pp-map-where" data-testid="lapor-map-where" aria-live="polite">
        <Show when={picked()} fallback={lt.mapTapFirst}>
          {(p) => (
            <>
              <strong>{p().districtName ? lt.inDistrict(p().districtName!) : props.profile.name}</strong>
              <Show when={p().moved}>
                <span class="pp-snapped"> · {lt.snapped}</span>
              </Show>
            </>
          )}
        </Show>
      </p>
      <div class="pp-map-actions">
        <button type="button" class="btn btn-outline" onClick={() => props.onCancel()}>
          {lt.mapCancel}
        </button>
        <button type="button" class="btn btn-go" data-testid="lapor-map-use" disabled={!picked()} onClick={() => props.onPick(picked()!)}>
          {lt.mapUse}
        </button>
      </div>
    </div>
  );
}
