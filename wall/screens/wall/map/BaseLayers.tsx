import type * as maplibregl from 'maplibre-gl';
import { onCleanup } from 'solid-js';
import type { PublicProfile } from '../../../../server/contract/profile';
import { MAP_COLOR, mapScale } from './theme';

const SOURCES = ['base-city', 'base-districts', 'base-subdistricts', 'base-district-labels'] as const;
const LABELS_LAYER = 'base-district-labels';
const LAYERS = ['base-city-fill', 'base-subdistrict-line', 'base-district-line', 'base-city-line', LABELS_LAYER] as const;

/**
 * Adds a layer of markers under the kecamatan names: from five metres a busy kecamatan must still say which one it
 * is (the names have a halo, so the markers around them stay in sight).
 */
export function addUnderLabels(map: maplibregl.Map, layer: maplibregl.AddLayerObject): void {
  map.addLayer(layer, map.getLayer(LABELS_LAYER) ? LABELS_LAYER : undefined);
}

/**
 * The city under the markers, from the offline boundary files: the city filled, kelurahan as thin
 * lines, kecamatan as stronger lines with their names. With a city style URL (real streets) only
 * the boundaries and names go on top of it.
 */
export function BaseLayers(props: { map: maplibregl.Map; profile: PublicProfile; /** Names under their area, not on it: a province's cities are a cluster each at its zoom. */ labelsBelow?: boolean }) {
  const { map, profile } = props;
  const s = mapScale();
  const offline = profile.map.styleUrl === null;

  map.addSource('base-city', { type: 'geojson', data: profile.geo.city });
  map.addSource('base-districts', { type: 'geojson', data: profile.geo.districts });
  map.addSource('base-subdistricts', { type: 'geojson', data: profile.geo.subdistricts });
  // Names sit at the profile's label points (inside each kecamatan), not at polygon centroids.
  map.addSource('base-district-labels', {
    type: 'geojson',
    data: {
      type: 'FeatureCollection',
      features: profile.districts.map((d) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: d.label }, properties: { name: d.name } })),
    },
  });

  if (offline)
    map.addLayer({ id: 'base-city-fill', type: 'fill', source: 'base-city', paint: { 'fill-color': MAP_COLOR.city } });
  map.addLayer({
    id: 'base-subdistrict-line',
    type: 'line',
    source: 'base-subdistricts',
    paint: { 'line-color': MAP_COLOR.subdistrictLine, 'line-width': 1 * s },
  });
  map.addLayer({
    id: 'base-district-line',
    type: 'line',
    source: 'base-districts',
    paint: { 'line-color': MAP_COLOR.districtLine, 'line-width': 1.8 * s },
  });
  map.addLayer({
    id: 'base-city-line',
    type: 'line',
    source: 'base-city',
    paint: { 'line-color': MAP_COLOR.cityLine, 'line-width': 3 * s },
  });
  map.addLayer({
    id: LABELS_LAYER,
    type: 'symbol',
    source: 'base-district-labels',
    layout: {
      'text-field': ['upcase', ['get', 'name']],
      'text-font': ['Noto Sans Bold'],
      'text-size': 20 * s,
      'text-letter-spacing': 0.08,
      'text-max-width': 8,
      'text-allow-overlap': false,
      ...(props.labelsBelow ? { 'text-anchor': 'top' as const, 'text-offset': [0, 2.4] as [number, number] } : {}),
    },
    paint: {
      'text-color': MAP_COLOR.label,
      'text-halo-color': MAP_COLOR.labelHalo,
      'text-halo-width': 2 * s,
      'text-opacity': 0.85,
    },
  });

  onCleanup(() => {
    try {
      for (const id of LAYERS) if (map.getLayer(id)) map.removeLayer(id);
      for (const id of SOURCES) if (map.getSource(id)) map.removeSource(id);
    } catch {
      /* the map is already gone */
    }
  });
  return null;
}
