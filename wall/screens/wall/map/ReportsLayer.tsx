import type * as maplibregl from 'maplibre-gl';
import { createEffect, on, onCleanup, type Accessor } from 'solid-js';
import type { Live, Marker } from '../../../lib/live';
import { inWindow, type TimeWindow } from '../../../lib/time-window';
import { MAP_COLOR, PHASE_COLOR, mapScale } from './theme';
import { addUnderLabels } from './BaseLayers';
import { clusterForFirstPaint } from '../../../lib/first-paint';
import { isOffTheWall } from '../../../../server/domain/statuses';

export const REPORTS_SOURCE = 'reports';
export const CLUSTER_LAYER = 'reports-clusters';
export const CLUSTER_COUNT_LAYER = 'reports-cluster-count';
export const POINTS_LAYER = 'reports-points';
/** Rings around reports past a deadline (and around clusters holding any): they stand out from across the room. */
export const BREACHED_CLUSTER_LAYER = 'reports-clusters-breached';
export const BREACHED_POINTS_LAYER = 'reports-points-breached';
/** A number badge on a report several citizens reported (duplicates merged into it). */
export const REPORTERS_BADGE_LAYER = 'reports-reporters-badge';
export const REPORTERS_COUNT_LAYER = 'reports-reporters-count';
/** Top first: the order they are removed in. */
const LAYER_IDS = [REPORTERS_COUNT_LAYER, REPORTERS_BADGE_LAYER, POINTS_LAYER, BREACHED_POINTS_LAYER, CLUSTER_COUNT_LAYER, CLUSTER_LAYER, BREACHED_CLUSTER_LAYER];
/** From this many reports on the map the wall paints its own clusters first (paintFirst); fewer index in a blink. */
const FIRST_PAINT_MIN = 10_000;
const FIRST_PAINT_SOURCE = 'reports-first-paint';
const FIRST_PAINT_SUFFIX = '-first-paint';
const CLUSTER_RADIUS = 32;
const CLUSTER_MIN_POINTS = 3;
const CLUSTER_MAX_ZOOM = 14;
/** The rings blink this slowly (hard steps: one repaint per step, not a continuous animation for weeks). */
const BLINK_MS = 1200;
const BREACH_RING = '#ffffff';

/** Changes are sent to the map at most this often; a burst of events becomes one update. */
const FLUSH_INTERVAL_MS = 250;
/** With a time window on, reports that have aged out of it leave the map this often (one diff, not a redraw). */
const WINDOW_SWEEP_MS = 30_000;

// Only what the layers draw: 100,000 features are copied to the map's worker, every property costs.
type Props = { id: number; phase: string; breached: 0 | 1; reporters: number };
type ReportFeature = GeoJSON.Feature<GeoJSON.Point, Props>;

const toFeature = (m: Marker): ReportFeature => ({
  type: 'Feature',
  id: m.id,
  geometry: { type: 'Point', coordinates: [m.lng, m.lat] },
  properties: { id: m.id, phase: m.phase, breached: m.breached ? 1 : 0, reporters: m.reporters },
});
/** A merged duplicate is closed into its primary: it leaves the map, and the primary's badge counts it. */
const REPORTERS_SOURCE_FILTER = {
  filter: ['all', ['!', ['has', 'point_count']], ['>', ['coalesce', ['get', 'reporters'], 1], 1]] as maplibregl.FilterSpecification,
};
const onMap = (m: Marker | undefined): m is Marker => m !== undefined && !isOffTheWall(m.status);

/**
 * A cluster's colour (documented in the report): red when at least a quarter of its open-or-done
 * reports (red + yellow + green) are still red, else yellow when at least a quarter are being
 * handled, else green; grey when it holds only rejected/merged reports. A cluster holding any red
 * report also gets a red ring (thicker as the red share grows), so one untouched report is never
 * hidden inside a green bubble.
 */
const active: maplibregl.ExpressionSpecification = ['+', ['get', 'red'], ['get', 'yellow'], ['get', 'green']];
function byClusterPhase<T>(red: T, yellow: T, green: T, grey: T): maplibregl.ExpressionSpecification {
  return [
    'case',
    ['==', active, 0], grey,
    ['>=', ['*', ['get', 'red'], 4], active], red,
    ['>=', ['*', ['get', 'yellow'], 4], active], yellow,
    green,
  ] as maplibregl.ExpressionSpecification;
}
const phaseCount = (phase: string): maplibregl.ExpressionSpecification => ['+', ['case', ['==', ['get', 'phase'], phase], 1, 0]];

/**
 * Every report as a marker, clustered so that 100,000 of them stay smooth. Snapshots replace the
 * source's data in one setData; single changes are collected by id and sent as one updateData diff
 * per flush (MapLibre 6 supports updateData on clustered sources: its worker regroups the clusters).
 */
export function ReportsLayer(props: {
  map: maplibregl.Map;
  live: Live;
  onReady?: () => void;
  /** Only reports received in this window (last 1 h … 7 d); none or null: every report. */
  window?: Accessor<TimeWindow | null>;
  /** The clock the window is measured against (a replay passes its own); the screen's clock by default. */
  now?: () => number;
  /** Before every source and layer id: each city's markers on a province's map are a layer of their own. */
  prefix?: string;
}) {
  const { map, live } = props;
  const prefix = props.prefix ?? '';
  const reportsSource = prefix + REPORTS_SOURCE;
  const firstPaintSource = prefix + FIRST_PAINT_SOURCE;
  const s = mapScale();

  map.addSource(reportsSource, {
    type: 'geojson',
    data: { type: 'FeatureCollection', features: [] },
    cluster: true,
    clusterMaxZoom: CLUSTER_MAX_ZOOM,
    clusterRadius: Math.round(CLUSTER_RADIUS * s),
    clusterMinPoints: CLUSTER_MIN_POINTS,
    clusterProperties: {
      red: phaseCount('red'),
      yellow: phaseCount('yellow'),
      green: phaseCount('green'),
      grey: phaseCount('grey'),
      breached: ['+', ['get', 'breached']],
    },
  });
  const source = () => map.getSource<maplibregl.GeoJSONSource>(reportsSource);

  /** The report layers over one source: the clustered one, and the first paint's until that one is drawn. */
  function addLayers(source: string, suffix: string) {
    const clusterRadius: maplibregl.ExpressionSpecification = ['interpolate', ['linear'], ['sqrt', ['get', 'point_count']], 1, 13 * s, 10, 22 * s, 30, 34 * s, 100, 46 * s];
    // A white ring outside the cluster's own (red-share) ring, with a dark gap: "something in here is past its deadline".
    addUnderLabels(map, {
      id: prefix + BREACHED_CLUSTER_LAYER + suffix,
      type: 'circle',
      source,
      filter: ['all', ['has', 'point_count'], ['>', ['get', 'breached'], 0]],
      paint: {
        'circle-color': 'rgba(0, 0, 0, 0)',
        'circle-radius': ['+', clusterRadius, 9 * s],
        'circle-stroke-color': BREACH_RING,
        'circle-stroke-width': 3 * s,
        'circle-stroke-opacity': 1,
        'circle-stroke-opacity-transition': { duration: 0, delay: 0 },
      },
    });
    addUnderLabels(map, {
      id: prefix + CLUSTER_LAYER + suffix,
      type: 'circle',
      source,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': byClusterPhase(PHASE_COLOR.red, PHASE_COLOR.yellow, PHASE_COLOR.green, PHASE_COLOR.grey),
        'circle-opacity': 0.92,
        'circle-radius': clusterRadius,
        'circle-stroke-color': ['case', ['>', ['get', 'red'], 0], PHASE_COLOR.red, MAP_COLOR.markerStroke],
        // The ring thickens with the share of red: a lone red report in a big green cluster shows as a thin red ring.
        'circle-stroke-width': [
          'case',
          ['>', ['get', 'red'], 0],
          ['+', 2 * s, ['*', 4 * s, ['min', 1, ['/', ['*', ['get', 'red'], 4], ['max', active, 1]]]]],
          2 * s,
        ],
        'circle-stroke-opacity': 1,
      },
    });
    addUnderLabels(map, {
      id: prefix + CLUSTER_COUNT_LAYER + suffix,
      type: 'symbol',
      source,
      filter: ['has', 'point_count'],
      layout: {
        'text-field': ['get', 'point_count_abbreviated'],
        'text-font': ['Noto Sans Bold'],
        'text-size': ['interpolate', ['linear'], ['sqrt', ['get', 'point_count']], 1, 14 * s, 30, 20 * s],
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': byClusterPhase('#ffffff', '#111111', '#08210f', '#111111') },
    });
    // A breached report: a thick white ring around its marker, a dark gap between (reads as a target, not a shade).
    addUnderLabels(map, {
      id: prefix + BREACHED_POINTS_LAYER + suffix,
      type: 'circle',
      source,
      filter: ['all', ['!', ['has', 'point_count']], ['==', ['get', 'breached'], 1]],
      paint: {
        'circle-color': 'rgba(0, 0, 0, 0)',
        'circle-radius': 16 * s,
        'circle-stroke-color': BREACH_RING,
        'circle-stroke-width': 4 * s,
        'circle-stroke-opacity': 1,
        'circle-stroke-opacity-transition': { duration: 0, delay: 0 },
      },
    });
    addUnderLabels(map, {
      id: prefix + POINTS_LAYER + suffix,
      type: 'circle',
      source,
      filter: ['!', ['has', 'point_count']],
      layout: { 'circle-sort-key': ['+', ['match', ['get', 'phase'], 'red', 3, 'yellow', 2, 'green', 1, 0], ['*', 4, ['coalesce', ['get', 'breached'], 0]]] },
      paint: {
        'circle-color': ['match', ['get', 'phase'], 'red', PHASE_COLOR.red, 'yellow', PHASE_COLOR.yellow, 'green', PHASE_COLOR.green, PHASE_COLOR.grey],
        'circle-radius': ['case', ['==', ['get', 'phase'], 'grey'], 5 * s, ['==', ['get', 'breached'], 1], 10 * s, 8 * s],
        'circle-stroke-color': MAP_COLOR.markerStroke,
        'circle-stroke-width': ['case', ['==', ['get', 'breached'], 1], 3 * s, 2 * s],
      },
    });

    // The reporter-count badge: a dark disc with a large white number at the marker's upper right, above every
    // marker; sized to be read from across the room (5 m), larger than the marker it belongs to.
    const badgeOffset: [number, number] = [15 * s, -15 * s];
    addUnderLabels(map, {
      id: prefix + REPORTERS_BADGE_LAYER + suffix,
      type: 'circle',
      source,
      filter: REPORTERS_SOURCE_FILTER.filter,
      paint: {
        'circle-color': '#111111',
        'circle-radius': 15 * s,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 3 * s,
        'circle-translate': badgeOffset,
      },
    });
    addUnderLabels(map, {
      id: prefix + REPORTERS_COUNT_LAYER + suffix,
      type: 'symbol',
      source,
      filter: REPORTERS_SOURCE_FILTER.filter,
      layout: {
        'text-field': ['to-string', ['get', 'reporters']],
        'text-font': ['Noto Sans Bold'],
        'text-size': 21 * s,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff', 'text-translate': badgeOffset },
    });
  }
  addLayers(reportsSource, '');

  // --- batching: ids changed since the last flush, or a full reset after a snapshot ---
  const pending = new Set<number>();
  let reset = true; // the first flush sends whatever the wall already holds
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastFlush = 0;
  let ready = false;
  /** A big city's first paint (paintFirst): not yet, on its way, on screen, being replaced by the clustered source. */
  let firstPaint: 'none' | 'drawing' | 'drawn' | 'replacing' = 'none';
  /** Ids on the map: with a window, a change to a report outside it is a removal only if it was drawn. */
  const shown = new Set<number>();
  const win = () => props.window?.() ?? null;
  const now = () => (props.now ? props.now() : Date.now());

  function schedule() {
    if (timer !== undefined) return;
    timer = setTimeout(flush, Math.max(0, lastFlush + FLUSH_INTERVAL_MS - performance.now()));
  }

  function flush() {
    timer = undefined;
    lastFlush = performance.now();
    const src = source();
    if (!src) return;
    // While the first paint is on its way, changes wait: the clustered source gets them with all the rest after it.
    if (firstPaint === 'drawing') return;
    if (reset) {
      const w = win();
      const t = now();
      const onScreen = [...live.markers.values()].filter((m) => onMap(m) && inWindow(m.createdAt, w, t));
      if (firstPaint === 'none' && live.caughtUp() && onScreen.length >= FIRST_PAINT_MIN) return paintFirst(onScreen);
      reset = false;
      pending.clear();
      shown.clear();
      const features: ReportFeature[] = [];
      for (const m of onScreen) {
        features.push(toFeature(m));
        shown.add(m.id);
      }
      const sent = src.setData({ type: 'FeatureCollection', features });
      if (firstPaint === 'drawn') {
        firstPaint = 'replacing';
        whenDrawn(reportsSource, sent, () => {
          performance.mark('pantau:clusters-drawn');
          removeFirstPaint();
        });
      }
      announceReady(sent);
      return;
    }
    if (!pending.size) return;
    const add: ReportFeature[] = [];
    const remove: number[] = [];
    const w = win();
    const t = now();
    for (const id of pending) {
      const m = live.get(id);
      if (onMap(m) && inWindow(m.createdAt, w, t)) {
        add.push(toFeature(m)); // add with a known id replaces the feature
        shown.add(id);
      } else if (shown.delete(id)) remove.push(id);
    }
    pending.clear();
    if (!add.length && !remove.length) return;
    announceReady(src.updateData(remove.length ? { add, remove } : { add }));
  }

  /**
   * A big city's first paint: its clusters at this zoom, computed here in one pass (wall/lib/first-paint.ts), drawn
   * by the same layers over a source of a few hundred features, while the clustered source, which takes the map's
   * worker seconds to index 100,000 reports, is sent once they are on screen and replaces them when it is drawn.
   */
  function paintFirst(onScreen: Marker[]) {
    firstPaint = 'drawing';
    performance.mark('pantau:first-paint-sent');
    const features = clusterForFirstPaint(onScreen, { zoom: map.getZoom(), radius: Math.round(CLUSTER_RADIUS * s), minPoints: CLUSTER_MIN_POINTS, maxZoom: CLUSTER_MAX_ZOOM });
    map.addSource(firstPaintSource, { type: 'geojson', data: { type: 'FeatureCollection', features } });
    addLayers(firstPaintSource, FIRST_PAINT_SUFFIX);
    const drawn = () => {
      firstPaint = 'drawn';
      schedule(); // now the clustered source, with every change since
    };
    announceReady(Promise.resolve(), firstPaintSource, drawn);
  }

  function removeFirstPaint() {
    for (const id of LAYER_IDS) if (map.getLayer(prefix + id + FIRST_PAINT_SUFFIX)) map.removeLayer(prefix + id + FIRST_PAINT_SUFFIX);
    if (map.getSource(firstPaintSource)) map.removeSource(firstPaintSource);
  }

  /** Once a source is loaded after `sent` and a frame has been drawn with it. Not 'idle': pulses and a busy feed keep a live map from ever going idle. */
  function whenDrawn(sourceId: string, sent: Promise<void>, fn: () => void) {
    const done = () => {
      const check = () => {
        if (!map.getSource(sourceId) || !map.isSourceLoaded(sourceId)) return;
        map.off('render', check);
        fn();
      };
      map.on('render', check);
      map.triggerRepaint();
    };
    sent.then(done, done);
  }

  /** Once the first catch-up is on the map and drawn, the wall says so (tests wait for it). */
  function announceReady(sent: Promise<void>, sourceId = reportsSource, then?: () => void) {
    if (ready || !live.caughtUp()) return then?.();
    ready = true;
    whenDrawn(sourceId, sent, () => {
      performance.mark('pantau:markers-drawn');
      props.onReady?.();
      startBlink();
      then?.();
    });
  }

  // The breach rings blink slowly while there are breached reports, once the wall is up (the first idle is not
  // held up by it); steady for viewers who asked for less motion.
  const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
  let blinkOn = true;
  let blink: ReturnType<typeof setInterval> | undefined;
  function startBlink() {
    if (still || blink !== undefined) return;
    blink = setInterval(() => {
      const next = live.breached() > 0 ? !blinkOn : true;
      if (next === blinkOn) return;
      blinkOn = next;
      const opacity = blinkOn ? 1 : 0.3;
      for (const id of [prefix + BREACHED_CLUSTER_LAYER, prefix + BREACHED_POINTS_LAYER]) if (map.getLayer(id)) map.setPaintProperty(id, 'circle-stroke-opacity', opacity);
    }, BLINK_MS);
  }

  const unsubscribe = live.onChange((ids) => {
    if (ids === null) reset = true;
    else if (!reset) for (const id of ids) pending.add(id);
    // The first snapshot goes to the map as soon as the store holds it (a microtask: once it has caught up), not a
    // timer and a frame later.
    if (ids === null && !ready && firstPaint === 'none') return queueMicrotask(flushNow);
    schedule();
  });
  function flushNow() {
    clearTimeout(timer);
    timer = undefined;
    flush();
  }
  schedule();

  // A new window redraws the map once; while one is on, a sweep takes off what has aged out of it.
  createEffect(on(win, () => {
    reset = true;
    schedule();
  }, { defer: true }));
  const sweep = setInterval(() => {
    const w = win();
    if (!w || reset) return;
    const t = now();
    for (const id of shown) {
      const m = live.get(id);
      if (!m || !inWindow(m.createdAt, w, t)) pending.add(id);
    }
    if (pending.size) schedule();
  }, WINDOW_SWEEP_MS);

  onCleanup(() => {
    unsubscribe();
    clearTimeout(timer);
    clearInterval(blink);
    clearInterval(sweep);
    try {
      removeFirstPaint();
      for (const id of LAYER_IDS) if (map.getLayer(prefix + id)) map.removeLayer(prefix + id);
      if (map.getSource(reportsSource)) map.removeSource(reportsSource);
    } catch {
      /* the map is already gone */
    }
  });
  return null;
}
