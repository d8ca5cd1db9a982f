import type * as maplibregl from 'maplibre-gl';
import { onCleanup } from 'solid-js';
import type { Live } from '../../../lib/live';
import { PHASE_COLOR, mapScale } from './theme';
import { addUnderLabels } from './BaseLayers';

const SOURCE = 'pulse';
const RING_LAYER = 'pulse-ring';
/** A new report pulses this long. */
const PULSE_MS = 60_000;
/** At most this many rings at once; the oldest stop first. */
const MAX_PULSES = 50;
/** One ring grows and fades over this period. */
const PERIOD_MS = 1_800;
/** ~30 frames a second is smooth enough for a ring and halves the work. */
const FRAME_MS = 33;

/**
 * A growing, fading ring around each report submitted in the last minute. The animation runs only
 * while there is a ring to draw; when the last one expires the loop stops, so nothing runs for weeks.
 * For a viewer who asked for less motion the ring stands still for its minute: no frame is drawn for it but
 * when a ring comes or goes (on a busy day a moving ring repaints the whole map 30 times a second).
 */
export function PulseLayer(props: { map: maplibregl.Map; live: Live }) {
  const { map, live } = props;
  const s = mapScale();
  const rings = new Map<number, { lng: number; lat: number; until: number }>();

  map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  addUnderLabels(map, {
    id: RING_LAYER,
    type: 'circle',
    source: SOURCE,
    paint: {
      'circle-color': PHASE_COLOR.red,
      'circle-opacity': 0,
      'circle-radius': 10 * s,
      'circle-stroke-color': PHASE_COLOR.red,
      'circle-stroke-width': 4 * s,
      'circle-stroke-opacity': 0,
    },
  });

  let frame: number | undefined;
  let lastFrame = 0;
  const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  let expiry: ReturnType<typeof setTimeout> | undefined;
  if (still) {
    map.setPaintProperty(RING_LAYER, 'circle-radius', 26 * s);
    map.setPaintProperty(RING_LAYER, 'circle-stroke-opacity', 0.9);
    map.setPaintProperty(RING_LAYER, 'circle-opacity', 0.12);
  }

  /** Reduced motion: the rings that have had their minute go, and a timer waits for the next to expire. */
  function expireStill() {
    expiry = undefined;
    const wall = dropExpired();
    // Rings are kept in the order they started (a report seen again moves to the end), so the first ends first.
    const next = rings.values().next().value;
    if (next) expiry = setTimeout(expireStill, Math.max(0, next.until - wall));
  }

  /** Takes off the rings whose minute is over (redrawing the source if any went); returns the time it used. */
  function dropExpired(): number {
    const wall = Date.now();
    let expired = false;
    for (const [id, r] of rings) if (r.until <= wall) expired = rings.delete(id) || expired;
    if (expired) push();
    return wall;
  }

  function push() {
    const features: GeoJSON.Feature[] = [];
    for (const [id, r] of rings) features.push({ type: 'Feature', id, geometry: { type: 'Point', coordinates: [r.lng, r.lat] }, properties: { id } });
    map.getSource<maplibregl.GeoJSONSource>(SOURCE)?.setData({ type: 'FeatureCollection', features });
  }

  function tick(now: number) {
    frame = undefined;
    dropExpired();
    if (!rings.size) {
      map.setPaintProperty(RING_LAYER, 'circle-stroke-opacity', 0);
      return; // the loop stops here until the next report
    }
    if (now - lastFrame >= FRAME_MS) {
      lastFrame = now;
      const phase = (now % PERIOD_MS) / PERIOD_MS;
      map.setPaintProperty(RING_LAYER, 'circle-radius', (10 + 38 * phase) * s);
      map.setPaintProperty(RING_LAYER, 'circle-stroke-opacity', 0.95 * (1 - phase));
      map.setPaintProperty(RING_LAYER, 'circle-opacity', 0.18 * (1 - phase));
    }
    frame = requestAnimationFrame(tick);
  }

  const unsubscribe = live.onSubmitted((r) => {
    rings.delete(r.id);
    rings.set(r.id, { lng: r.lng, lat: r.lat, until: Date.now() + PULSE_MS });
    while (rings.size > MAX_PULSES) rings.delete(rings.keys().next().value!);
    push();
    if (still) {
      if (expiry === undefined) expiry = setTimeout(expireStill, PULSE_MS);
    } else if (frame === undefined) frame = requestAnimationFrame(tick);
  });

  onCleanup(() => {
    unsubscribe();
    if (frame !== undefined) cancelAnimationFrame(frame);
    if (expiry !== undefined) clearTimeout(expiry);
    try {
      if (map.getLayer(RING_LAYER)) map.removeLayer(RING_LAYER);
      if (map.getSource(SOURCE)) map.removeSource(SOURCE);
    } catch {
      /* the map is already gone */
    }
  });
  return null;
}
