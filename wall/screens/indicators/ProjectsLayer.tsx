import type * as maplibregl from 'maplibre-gl';
import { createEffect, onCleanup } from 'solid-js';
import type { ProjectBoardItem } from '../../../server/contract/indicators';
import { MAP_COLOR, mapScale } from '../wall/map/theme';
import { STATUS_COLOR } from './format';

const SOURCE = 'indicator-projects';
const CIRCLES = 'indicator-projects-circle';
const LABELS = 'indicator-projects-label';

/**
 * Development projects at their location, coloured by physical progress against plan, each labelled
 * "progress / plan" with its name, so the colour is never the only cue.
 */
export function ProjectsLayer(props: { map: maplibregl.Map; projects: () => ProjectBoardItem[]; onDrawn?: () => void }) {
  const { map } = props;
  const s = mapScale();
  map.addSource(SOURCE, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  // The kecamatan names would fight the project labels for room; the outlines stay.
  if (map.getLayer('base-district-labels')) map.setLayoutProperty('base-district-labels', 'visibility', 'none');
  map.addLayer({
    id: CIRCLES,
    type: 'circle',
    source: SOURCE,
    paint: { 'circle-radius': 13 * s, 'circle-color': ['get', 'color'], 'circle-stroke-color': MAP_COLOR.markerStroke, 'circle-stroke-width': 2.5 * s },
  });
  map.addLayer({
    id: LABELS,
    type: 'symbol',
    source: SOURCE,
    layout: {
      'text-field': ['format', ['get', 'figure'], { 'font-scale': 1.15 }, '\n', {}, ['get', 'name'], { 'font-scale': 0.8 }],
      'text-font': ['Noto Sans Bold'],
      // Read from across the room: the figure at 24 px and the name at 19 px on a 1080p wall.
      'text-size': 21 * s,
      // Projects may sit close together: each label takes the side where it collides with none.
      'text-variable-anchor': ['top', 'bottom', 'left', 'right'],
      'text-radial-offset': 1.2,
      'text-justify': 'auto',
      'text-max-width': 11,
      'text-line-height': 1.1,
      'text-allow-overlap': false,
    },
    paint: { 'text-color': '#ffffff', 'text-halo-color': MAP_COLOR.labelHalo, 'text-halo-width': 2.2 * s },
  });

  let drawn = false;
  createEffect(() => {
    const features = props.projects().map((p) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: p.location },
      properties: {
        id: p.id,
        name: p.name,
        color: STATUS_COLOR[p.status ?? 'none'],
        figure: `${p.progress === null ? '—' : `${Math.round(p.progress)}%`} / ${Math.round(p.planned)}%`,
      },
    }));
    map.getSource<maplibregl.GeoJSONSource>(SOURCE)?.setData({ type: 'FeatureCollection', features });
    if (!drawn) {
      drawn = true;
      map.once('idle', () => props.onDrawn?.());
      map.triggerRepaint();
    }
  });

  onCleanup(() => {
    try {
      for (const id of [LABELS, CIRCLES]) if (map.getLayer(id)) map.removeLayer(id);
      if (map.getSource(SOURCE)) map.removeSource(SOURCE);
    } catch {
      /* the map is already gone */
    }
  });
  return null;
}
