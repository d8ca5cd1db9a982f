import type * as maplibregl from 'maplibre-gl';
import { onCleanup } from 'solid-js';
import type { CameraPublic } from '../../../../server/contract/cameras';
import type { Live } from '../../../lib/live';
import { CAMERA_COLOR, stateOf, type CameraState } from '../../cameras/theme';
import { MAP_COLOR, mapScale } from './theme';
import { addUnderLabels } from './BaseLayers';

export const CAMERAS_SOURCE = 'cameras';
export const CAMERAS_LAYER = 'cameras-points';
export const CAMERAS_LABEL_LAYER = 'cameras-labels';

const STATES: readonly CameraState[] = ['online', 'degraded', 'offline', 'unknown'];
const iconName = (s: CameraState) => `camera-${s}`;
/** The symbol's side in CSS pixels at 1920 wide (it grows with the screen, as the report markers do). */
const ICON_PX = 34;

type Props = { id: string; health: CameraState; name: string; alert: string };

function roundRect(g: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number) {
  g.beginPath();
  g.moveTo(x + r, y);
  g.arcTo(x + w, y, x + w, y + h, r);
  g.arcTo(x + w, y + h, x, y + h, r);
  g.arcTo(x, y + h, x, y, r);
  g.arcTo(x, y, x + w, y, r);
  g.closePath();
}

/**
 * A camera symbol drawn once per state on a canvas: a rounded square (never a circle, so no one takes it
 * for a report) holding a video-camera glyph. Offline adds an outer ring and a slash; degraded a "!" corner.
 * `k` is device pixels per icon unit.
 */
function drawIcon(state: CameraState, k: number): ImageData {
  const size = Math.ceil(ICON_PX * k);
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = size;
  const g = canvas.getContext('2d')!;
  const c = size / 2;
  const dark = MAP_COLOR.markerStroke;
  const color = CAMERA_COLOR[state];
  g.lineJoin = 'round';
  g.lineCap = 'round';

  if (state === 'offline') {
    // The distinct ring: colour on a dark outline, around the square.
    roundRect(g, c - 15.5 * k, c - 15.5 * k, 31 * k, 31 * k, 8 * k);
    g.lineWidth = 4.5 * k;
    g.strokeStyle = dark;
    g.stroke();
    g.lineWidth = 2.5 * k;
    g.strokeStyle = color;
    g.stroke();
  }
  const side = state === 'offline' ? 22 : 26;
  roundRect(g, c - (side / 2) * k, c - (side / 2) * k, side * k, side * k, 5.5 * k);
  g.fillStyle = color;
  g.fill();
  g.lineWidth = 2.5 * k;
  g.strokeStyle = dark;
  g.stroke();

  // The glyph: a camera body and its lens cone, in the dark stroke colour.
  const gs = state === 'offline' ? 0.82 : 1;
  const u = (v: number) => v * gs * k;
  g.fillStyle = dark;
  roundRect(g, c + u(-8.5), c + u(-5), u(11), u(10), u(2));
  g.fill();
  g.beginPath();
  g.moveTo(c + u(2), c + u(-1.5));
  g.lineTo(c + u(8.5), c + u(-5));
  g.lineTo(c + u(8.5), c + u(5));
  g.lineTo(c + u(2), c + u(1.5));
  g.closePath();
  g.fill();
  // The lens, in the symbol's colour, so the glyph reads as a camera and not a block.
  g.beginPath();
  g.arc(c + u(-3), c, u(2.4), 0, Math.PI * 2);
  g.fillStyle = color;
  g.fill();

  if (state === 'offline') {
    // A slash across the glyph: white on a dark outline.
    g.beginPath();
    g.moveTo(c - 8.5 * k, c - 8.5 * k);
    g.lineTo(c + 8.5 * k, c + 8.5 * k);
    g.lineWidth = 5 * k;
    g.strokeStyle = dark;
    g.stroke();
    g.lineWidth = 2.6 * k;
    g.strokeStyle = '#ffffff';
    g.stroke();
  }
  if (state === 'degraded') {
    // A "!" badge at the top-right corner.
    const bx = c + 12 * k;
    const by = c - 12 * k;
    g.beginPath();
    g.arc(bx, by, 4.8 * k, 0, Math.PI * 2);
    g.fillStyle = dark;
    g.fill();
    g.fillStyle = '#ffffff';
    g.fillRect(bx - 0.9 * k, by - 3.2 * k, 1.8 * k, 3.8 * k);
    g.fillRect(bx - 0.9 * k, by + 1.3 * k, 1.8 * k, 1.7 * k);
  }
  if (state === 'unknown') {
    g.fillStyle = dark;
    g.fillRect(c + u(-8.5), c + u(7), u(17), u(1.8));
  }
  return g.getImageData(0, 0, size, size);
}

const toFeature = (c: CameraPublic): GeoJSON.Feature<GeoJSON.Point, Props> => ({
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [c.lng, c.lat] },
  properties: { id: c.id, health: stateOf(c), name: c.name, alert: c.alert ?? '' },
});

/**
 * The city's cameras on the wall map, as camera symbols coloured by health, above the report markers
 * (there are few cameras; the symbol is small and square so a report under it still shows at its edge).
 * An offline camera also gets its name beside it, so the alert and the map point can be matched from afar.
 */
export function CamerasLayer(props: { map: maplibregl.Map; live: Live }) {
  const { map, live } = props;
  const s = mapScale();
  const dpr = Math.max(1, window.devicePixelRatio || 1);
  for (const st of STATES) {
    const name = iconName(st);
    if (map.hasImage(name)) map.removeImage(name);
    map.addImage(name, drawIcon(st, s * dpr), { pixelRatio: dpr });
  }

  map.addSource(CAMERAS_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' });
  addUnderLabels(map, {
    id: CAMERAS_LAYER,
    type: 'symbol',
    source: CAMERAS_SOURCE,
    layout: {
      'icon-image': ['concat', 'camera-', ['get', 'health']],
      'icon-allow-overlap': true,
      'icon-ignore-placement': true,
      // Offline on top, then degraded, unknown, online.
      'symbol-sort-key': ['match', ['get', 'health'], 'offline', 3, 'degraded', 2, 'unknown', 1, 0],
    },
  });
  addUnderLabels(map, {
    id: CAMERAS_LABEL_LAYER,
    type: 'symbol',
    source: CAMERAS_SOURCE,
    filter: ['==', ['get', 'health'], 'offline'],
    layout: {
      'text-field': ['get', 'name'],
      'text-font': ['Noto Sans Bold'],
      'text-size': 18 * s,
      'text-anchor': 'left',
      'text-offset': [(ICON_PX / 2 / 18) * 1.1, 0],
      'text-max-width': 14,
      'text-allow-overlap': true,
      'text-ignore-placement': true,
    },
    paint: {
      'text-color': CAMERA_COLOR.offline,
      'text-halo-color': MAP_COLOR.labelHalo,
      'text-halo-width': 2.5 * s,
    },
  });

  // A catch-up sends every camera; a camera event sends only that camera (5,000 cameras must not be
  // re-sent because one froze). A moved camera is the same feature at a new point.
  const src = () => map.getSource<maplibregl.GeoJSONSource>(CAMERAS_SOURCE);
  const all = () => src()?.setData({ type: 'FeatureCollection', features: [...live.cameras.values()].map(toFeature) });
  all();
  const off = live.onCameraChange((ids) => {
    if (!ids) return void all();
    const add = ids.flatMap((id) => (live.cameras.has(id) ? [toFeature(live.cameras.get(id)!)] : []));
    const remove = ids.filter((id) => !live.cameras.has(id));
    void src()?.updateData(remove.length ? { add, remove } : { add });
  });
  onCleanup(off);

  onCleanup(() => {
    try {
      for (const id of [CAMERAS_LABEL_LAYER, CAMERAS_LAYER]) if (map.getLayer(id)) map.removeLayer(id);
      if (map.getSource(CAMERAS_SOURCE)) map.removeSource(CAMERAS_SOURCE);
      for (const st of STATES) if (map.hasImage(iconName(st))) map.removeImage(iconName(st));
    } catch {
      /* the map is already gone */
    }
  });
  return null;
}
