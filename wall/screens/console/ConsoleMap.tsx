import * as maplibregl from 'maplibre-gl';
import { createEffect, createSignal, on, onCleanup, onMount, Show } from 'solid-js';
import type { PublicProfile } from '../../../server/contract/profile';
import { PHASE_OF } from '../../../server/contract/reports';
// Importing MapView also registers MapLibre's worker URL and its CSS.
import { offlineStyle } from '../wall/map/MapView';
import { BaseLayers } from '../wall/map/BaseLayers';
import { MAP_COLOR, PHASE_COLOR } from '../wall/map/theme';
import type { StaffReport } from '../../lib/staff';
import { lang, t } from '../../lib/i18n';
import { attributionOf } from '../../lib/profile';

const legend = t.phase;

const SOURCE = 'queue';
const POINTS = 'queue-points';
const OPEN_RING = 'queue-open';
const OPEN_DOT = 'queue-open-dot';
const CURSOR_RING = 'queue-cursor';

type Props = {
  profile: PublicProfile;
  rows: readonly StaffReport[];
  openId: number | null;
  cursorId: number | null;
  /** Location of the open report (it may not be in the filtered queue). */
  openAt: [number, number] | null;
  /** Its marker colour (the open report is drawn even when the filters hide it from the queue). */
  openPhase: string | null;
  onPick: (id: number) => void;
  /** Bumped to ask the map to zoom to the open report. */
  zoomRequest: number;
  /** The map once loaded: the intake form marks a complaint's spot on it. */
  onMap?: (m: maplibregl.Map) => void;
};

/**
 * The console's map: the city from the offline boundary files (the wall's base layers) and the queue's
 * reports as markers in the wall's colours. Unlike the wall it can be panned and zoomed, and a marker
 * click opens its report.
 */
export function ConsoleMap(props: Props) {
  let el!: HTMLDivElement;
  const [map, setMap] = createSignal<maplibregl.Map>();
  const view = { moved: false };

  onMount(() => {
    const p = props.profile;
    const m = new maplibregl.Map({
      container: el,
      style: p.map.styleUrl ?? offlineStyle(),
      bounds: p.map.bounds,
      fitBoundsOptions: { padding: 24 },
      fadeDuration: 0,
      dragRotate: false,
      pitchWithRotate: false,
      attributionControl: { compact: true, customAttribution: attributionOf(p, lang) },
    });
    m.touchZoomRotate.disableRotation();
    m.keyboard.disable(); // the console's own shortcuts use the keyboard
    m.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    m.on('load', () => (setMap(m), props.onMap?.(m)));
    m.on('error', (e) => console.warn('map:', e.error?.message ?? e));
    // Until the operator pans or zooms, the whole city stays in view when the panel opens or closes.
    const byUser = (e: { originalEvent?: unknown }) => {
      if (e.originalEvent) view.moved = true;
    };
    m.on('dragstart', byUser);
    m.on('zoomstart', byUser);
    let refit: ReturnType<typeof setTimeout> | undefined;
    const ro = new ResizeObserver(() => {
      m.resize();
      if (view.moved) return;
      clearTimeout(refit);
      refit = setTimeout(() => m.fitBounds(p.map.bounds, { padding: 24, animate: false }), 50);
    });
    ro.observe(el);
    onCleanup(() => {
      clearTimeout(refit);
      ro.disconnect();
      m.remove();
    });
  });

  return (
    <div class="cn-map-wrap" data-testid="console-map">
      <div class="cn-map" ref={el} />
      <Show when={map()}>
        {(m) => (
          <>
            <BaseLayers map={m()} profile={props.profile} />
            <QueueLayer map={m()} view={view} {...props} />
          </>
        )}
      </Show>
      <div class="cn-map-legend">
        <span><i style={{ background: PHASE_COLOR.red }} />{legend.red}</span>
        <span><i style={{ background: PHASE_COLOR.yellow }} />{legend.yellow}</span>
        <span><i style={{ background: PHASE_COLOR.green }} />{legend.green}</span>
        <span><i style={{ background: PHASE_COLOR.grey }} />{legend.grey}</span>
      </div>
    </div>
  );
}

function QueueLayer(props: Props & { map: maplibregl.Map; view: { moved: boolean } }) {
  const map = props.map;
  map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' });
  map.addLayer({
    id: CURSOR_RING,
    type: 'circle',
    source: SOURCE,
    filter: ['==', ['get', 'id'], -1],
    paint: { 'circle-radius': 13, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#9cc3ff', 'circle-stroke-width': 2 },
  });
  map.addLayer({
    id: POINTS,
    type: 'circle',
    source: SOURCE,
    layout: { 'circle-sort-key': ['match', ['get', 'phase'], 'red', 3, 'yellow', 2, 'green', 1, 0] },
    paint: {
      'circle-color': ['match', ['get', 'phase'], 'red', PHASE_COLOR.red, 'yellow', PHASE_COLOR.yellow, 'green', PHASE_COLOR.green, PHASE_COLOR.grey],
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 4, 13, 6.5, 16, 9],
      'circle-stroke-color': MAP_COLOR.markerStroke,
      'circle-stroke-width': 1.5,
    },
  });
  map.addSource('queue-open', { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({
    id: OPEN_RING,
    type: 'circle',
    source: 'queue-open',
    paint: { 'circle-radius': 15, 'circle-color': 'rgba(255,255,255,0.12)', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
  });
  map.addLayer({
    id: OPEN_DOT,
    type: 'circle',
    source: 'queue-open',
    paint: {
      'circle-radius': 8,
      'circle-color': ['match', ['get', 'phase'], 'red', PHASE_COLOR.red, 'yellow', PHASE_COLOR.yellow, 'green', PHASE_COLOR.green, PHASE_COLOR.grey],
      'circle-stroke-color': MAP_COLOR.markerStroke,
      'circle-stroke-width': 1.5,
    },
  });

  createEffect(() => {
    const features: GeoJSON.Feature[] = props.rows.map((r) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [r.lng, r.lat] },
      properties: { id: r.id, phase: PHASE_OF[r.status] ?? 'grey' },
    }));
    map.getSource<maplibregl.GeoJSONSource>(SOURCE)?.setData({ type: 'FeatureCollection', features });
  });

  createEffect(() => {
    map.setFilter(CURSOR_RING, ['==', ['get', 'id'], props.cursorId ?? -1]);
  });

  createEffect(() => {
    const at = props.openAt;
    const phase = props.openPhase ?? 'grey';
    map.getSource<maplibregl.GeoJSONSource>('queue-open')?.setData({
      type: 'FeatureCollection',
      features: at ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: at }, properties: { phase } }] : [],
    });
  });

  // A report opened outside the view is brought into it, at the same zoom.
  createEffect(
    on(
      () => props.openAt,
      (at) => {
        if (!at) return;
        const b = map.getBounds();
        const pad = 0.12;
        const w = b.getEast() - b.getWest();
        const h = b.getNorth() - b.getSouth();
        const inside = at[0] > b.getWest() + w * pad && at[0] < b.getEast() - w * pad && at[1] > b.getSouth() + h * pad && at[1] < b.getNorth() - h * pad;
        if (!inside) map.easeTo({ center: at, duration: 400 });
      },
    ),
  );
  createEffect(
    on(
      () => props.zoomRequest,
      () => {
        props.view.moved = true;
        if (props.openAt) map.flyTo({ center: props.openAt, zoom: Math.max(map.getZoom(), 15.5), duration: 700 });
      },
      { defer: true },
    ),
  );

  const onClick = (e: maplibregl.MapLayerMouseEvent) => {
    const id = e.features?.[0]?.properties?.id;
    if (typeof id === 'number') props.onPick(id);
  };
  const onEnter = () => (map.getCanvas().style.cursor = 'pointer');
  const onLeave = () => (map.getCanvas().style.cursor = '');
  map.on('click', POINTS, onClick);
  map.on('mouseenter', POINTS, onEnter);
  map.on('mouseleave', POINTS, onLeave);

  onCleanup(() => {
    try {
      map.off('click', POINTS, onClick);
      map.off('mouseenter', POINTS, onEnter);
      map.off('mouseleave', POINTS, onLeave);
      for (const id of [OPEN_DOT, OPEN_RING, POINTS, CURSOR_RING]) if (map.getLayer(id)) map.removeLayer(id);
      for (const id of [SOURCE, 'queue-open']) if (map.getSource(id)) map.removeSource(id);
    } catch {
      /* the map is already gone */
    }
  });
  return null;
}
