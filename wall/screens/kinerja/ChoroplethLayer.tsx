import type * as maplibregl from 'maplibre-gl';
import { createEffect, onCleanup } from 'solid-js';
import type { PublicProfile } from '../../../server/contract/profile';
import { MAP_COLOR, mapScale } from '../wall/map/theme';

const FILL_SOURCE = 'kinerja-districts';
const LABEL_SOURCE = 'kinerja-district-labels';
const FILL_LAYER = 'kinerja-district-fill';
const LABEL_LAYER = 'kinerja-district-labels';
const COUNT_LAYER = 'kinerja-district-counts';

/** Zero, then four classes from calm to hot. Colour is never the only cue: every kecamatan carries its count. */
export const RAMP = ['#16243a', '#4a1c6e', '#9b2f73', '#e0533f', '#ffb52e'] as const;

export type Classes = { breaks: number[]; labels: string[] };

/** Four classes of equal, round width up to the largest count (0 has its own colour). */
export function classesFor(max: number): Classes {
  if (max <= 0) return { breaks: [], labels: ['0'] };
  const raw = Math.max(1, Math.ceil(max / 4));
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw && Number.isInteger(s)) ?? raw;
  const breaks = [1, step + 1, 2 * step + 1, 3 * step + 1];
  const labels = ['0', ...breaks.map((b, i) => (i === 3 ? `≥ ${b}` : b === b + step - 1 ? `${b}` : `${b}–${b + step - 1}`))];
  return { breaks, labels };
}

/**
 * Open reports per kecamatan as a filled map over BaseLayers' city, with each kecamatan's name and count;
 * the base layer's plain names are hidden so the counts are not doubled.
 */
export function ChoroplethLayer(props: { map: maplibregl.Map; profile: PublicProfile; counts: () => Record<string, number>; classes: () => Classes; onDrawn?: () => void }) {
  const { map, profile } = props;
  const s = mapScale();

  map.addSource(FILL_SOURCE, { type: 'geojson', data: profile.geo.districts });
  map.addSource(LABEL_SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  const below = map.getLayer('base-subdistrict-line') ? 'base-subdistrict-line' : undefined;
  map.addLayer({ id: FILL_LAYER, type: 'fill', source: FILL_SOURCE, paint: { 'fill-color': RAMP[0], 'fill-opacity': 0.92 } }, below);
  if (map.getLayer('base-district-labels')) map.setLayoutProperty('base-district-labels', 'visibility', 'none');
  // Kelurahan lines are noise at this size.
  if (map.getLayer('base-subdistrict-line')) map.setLayoutProperty('base-subdistrict-line', 'visibility', 'none');
  // Every kecamatan carries its count, always; its name goes above the count where there is room for it (on a
  // small board two small kecamatan side by side, Ciledug and Larangan, would print their names over each other).
  map.addLayer({
    id: COUNT_LAYER,
    type: 'symbol',
    source: LABEL_SOURCE,
    layout: {
      'text-field': ['to-string', ['get', 'open']],
      'text-font': ['Noto Sans Bold'],
      'text-size': 25 * s,
      'text-allow-overlap': true,
      'text-ignore-placement': true,
    },
    paint: { 'text-color': '#ffffff', 'text-halo-color': MAP_COLOR.labelHalo, 'text-halo-width': 2.2 * s },
  });
  map.addLayer({
    id: LABEL_LAYER,
    type: 'symbol',
    source: LABEL_SOURCE,
    layout: {
      'text-field': ['get', 'name'],
      'text-font': ['Noto Sans Bold'],
      'text-size': 15 * s,
      'text-anchor': 'bottom',
      'text-offset': [0, -0.9],
      'text-max-width': 9,
      'text-padding': 1,
      'text-allow-overlap': false,
    },
    paint: { 'text-color': '#ffffff', 'text-halo-color': MAP_COLOR.labelHalo, 'text-halo-width': 2 * s },
  });

  let drawn = false;
  createEffect(() => {
    const counts = props.counts();
    const { breaks } = props.classes();
    const pairs: (string | number)[] = [];
    for (const d of profile.districts) pairs.push(d.code, counts[d.code] ?? 0);
    const count: maplibregl.ExpressionSpecification = pairs.length
      ? (['match', ['get', 'code'], ...pairs, 0] as unknown as maplibregl.ExpressionSpecification)
      : (['literal', 0] as maplibregl.ExpressionSpecification);
    const color: maplibregl.ExpressionSpecification = breaks.length
      ? (['step', count, RAMP[0], ...breaks.flatMap((b, i) => [b, RAMP[i + 1]])] as unknown as maplibregl.ExpressionSpecification)
      : (['literal', RAMP[0]] as maplibregl.ExpressionSpecification);
    map.setPaintProperty(FILL_LAYER, 'fill-color', color);
    map.getSource<maplibregl.GeoJSONSource>(LABEL_SOURCE)?.setData({
      type: 'FeatureCollection',
      features: profile.districts.map((d) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: d.label },
        properties: { name: d.name.toUpperCase(), open: counts[d.code] ?? 0 },
      })),
    });
    if (!drawn) {
      drawn = true;
      const done = () => props.onDrawn?.();
      map.once('idle', done);
      map.triggerRepaint();
    }
  });

  onCleanup(() => {
    try {
      for (const id of [LABEL_LAYER, COUNT_LAYER, FILL_LAYER]) if (map.getLayer(id)) map.removeLayer(id);
      for (const id of [LABEL_SOURCE, FILL_SOURCE]) if (map.getSource(id)) map.removeSource(id);
    } catch {
      /* the map is already gone */
    }
  });
  return null;
}
